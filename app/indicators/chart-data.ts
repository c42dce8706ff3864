// What an indicator's chart covers, computed once for the canvas and for the table beside it, so
// that both always show the same data.
import { shiftPeriod, type Measurement, type Target } from "~/domain/indicator-health";
import type { Frequency, ValueStatus } from "~/generated/prisma/enums";
import type { ChartMarkers } from "./product-indicators.server";

export interface ChartSeries {
  frequency: Frequency;
  series: readonly (Measurement & { status: ValueStatus })[];
  baseline: { value: number; date: Date | null } | null;
  targets: readonly Target[];
}

export interface ChartRange {
  from: Date;
  to: Date;
}

/**
 * From the first value (or the baseline's date, when earlier) to the end of the last value's period
 * or the last target, whichever is later. Null when there is nothing to draw.
 */
export function chartRange(chart: ChartSeries): ChartRange | null {
  const starts = [
    ...chart.series.map((v) => v.periodStart),
    ...chart.targets.map((t) => t.dueDate),
    ...(chart.baseline?.date && chart.series.length > 0 ? [chart.baseline.date] : []),
  ];
  const ends = [
    ...chart.series.map((v) => shiftPeriod(v.periodStart, chart.frequency, 1)),
    ...chart.targets.map((t) => t.dueDate),
  ];
  if (starts.length === 0) return null;
  const time = (dates: Date[], pick: (...n: number[]) => number) => new Date(pick(...dates.map((d) => d.getTime())));
  return { from: time(starts, Math.min), to: time(ends, Math.max) };
}

/** The committee decisions and phase changes that fall within the chart. */
export function markersInRange(markers: ChartMarkers, range: ChartRange): ChartMarkers {
  const inside = (m: { date: Date }) => m.date >= range.from && m.date <= range.to;
  return { decisions: markers.decisions.filter(inside), phases: markers.phases.filter(inside) };
}

/** The series with a null point for every period missing between two values: the line shows a gap. */
export function seriesWithGaps(chart: ChartSeries): { x: number; y: number | null; status: ValueStatus | null }[] {
  const points: { x: number; y: number | null; status: ValueStatus | null }[] = [];
  const sorted = [...chart.series].sort((a, b) => a.periodStart.getTime() - b.periodStart.getTime());
  sorted.forEach((v, i) => {
    if (i > 0) {
      for (let p = shiftPeriod(sorted[i - 1].periodStart, chart.frequency, 1); p < v.periodStart; p = shiftPeriod(p, chart.frequency, 1)) {
        points.push({ x: p.getTime(), y: null, status: null });
      }
    }
    points.push({ x: v.periodStart.getTime(), y: v.value, status: v.status });
  });
  return points;
}
