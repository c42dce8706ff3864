// An indicator's chart in a dossier: the product page's line chart, drawn from the dossier's own
// values (frozen ones for a submitted version), in the product page's canvas box.
import { day } from "~/domain/days";
import { chartRange, markersInRange, type ChartSeries } from "~/indicators/chart-data";
import { ChartCanvas } from "~/indicators/indicator-chart";
import type { OutlineChart } from "./dossier-outline";

/** The chart's values with their dates as the chart expects them. */
function chartSeries(chart: OutlineChart): ChartSeries {
  return {
    frequency: chart.frequency,
    series: chart.series.map((v) => ({ ...v, periodStart: day(v.periodStart) })),
    baseline: chart.baseline && { value: chart.baseline.value, date: chart.baseline.date ? day(chart.baseline.date) : null },
    targets: chart.targets.map((t) => ({ value: t.value, dueDate: day(t.dueDate) })),
  };
}

export function DossierChart({ chart }: { chart: OutlineChart }) {
  const series = chartSeries(chart);
  const range = chartRange(series);
  const markers = {
    decisions: chart.markers.decisions.map((m) => ({ ...m, date: day(m.date) })),
    phases: chart.markers.phases.map((m) => ({ ...m, date: day(m.date) })),
  };
  return <ChartCanvas {...series} unit={chart.unit} markers={range ? markersInRange(markers, range) : { decisions: [], phases: [] }} />;
}
