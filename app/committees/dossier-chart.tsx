// An indicator's chart in a dossier: the product page's line chart, drawn from the dossier's own
// values (frozen ones for a submitted version). The canvas is drawn in the browser only, after
// hydration, in a box of fixed height; the table beside it says the same to everyone else.
import { lazy, Suspense } from "react";
import { day } from "~/domain/days";
import { chartRange, markersInRange, type ChartSeries } from "~/indicators/chart-data";
import { useHydrated } from "~/ui/use-hydrated";
import type { OutlineChart } from "./dossier-outline";

const IndicatorLineChart = lazy(() => import("~/indicators/indicator-line-chart"));

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
  const hydrated = useHydrated();
  if (!hydrated) return <div style={{ height: "18rem" }} className="fr-mb-2w" aria-hidden="true" />;
  const series = chartSeries(chart);
  const range = chartRange(series);
  const markers = {
    decisions: chart.markers.decisions.map((m) => ({ ...m, date: day(m.date) })),
    phases: chart.markers.phases.map((m) => ({ ...m, date: day(m.date) })),
  };
  return (
    <div style={{ position: "relative", height: "18rem" }} className="fr-mb-2w" aria-hidden="true">
      <Suspense fallback={null}>
        <IndicatorLineChart {...series} unit={chart.unit} markers={range ? markersInRange(markers, range) : { decisions: [], phases: [] }} />
      </Suspense>
    </div>
  );
}
