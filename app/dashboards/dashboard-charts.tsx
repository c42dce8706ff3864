// The canvases of the dashboards' charts, loaded only in the browser after hydration (see
// dashboard-view.tsx): the figure's caption and table carry the same data for everyone. Bars for
// counts and amounts; floating horizontal bars for the phase timeline. DSFR artwork colours, following
// the dark mode; each series is named in the legend, so no status is told by colour alone.
import { fr } from "@codegouvfr/react-dsfr";
import { useIsDark } from "@codegouvfr/react-dsfr/useIsDark";
import { tz } from "@date-fns/tz";
import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip, type ChartOptions } from "chart.js";
import { format } from "date-fns";
import { fr as french } from "date-fns/locale";
import { useMemo } from "react";
import { Bar } from "react-chartjs-2";
import { PHASE_LABELS } from "~/domain/labels";
import { PHASES, type Phase } from "~/domain/phases";
import { formatDay } from "~/ui/dates";

ChartJS.register(BarElement, CategoryScale, LinearScale, Tooltip, Legend);

const paris = tz("Europe/Paris");
const ARTWORK = ["blueFrance", "greenMenthe", "orangeTerreBattue", "purpleGlycine", "yellowTournesol", "pinkMacaron", "blueCumulus", "brownCafeCreme"] as const;

function usePalette() {
  const { isDark } = useIsDark();
  return useMemo(() => {
    const colours = fr.colors.getHex({ isDark }).decisions;
    const art = colours.artwork.major;
    return {
      series: ARTWORK.map((name) => art[name].default),
      text: colours.text.default.grey.default,
      grid: colours.border.default.grey.default,
    };
  }, [isDark]);
}

export interface BarChartProps {
  labels: string[];
  series: { label: string; values: number[] }[];
  /** How a value reads in tooltips and on the axis ("12 produits", "1 200 €"). */
  unit: "count" | "euros" | "percent" | "days";
  stacked?: boolean;
}

const NUMBER = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });
const EUROS = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR", maximumFractionDigits: 0 });

export function formatValue(value: number, unit: BarChartProps["unit"]): string {
  if (unit === "euros") return EUROS.format(value);
  if (unit === "percent") return `${NUMBER.format(value * 100)} %`;
  if (unit === "days") return `${NUMBER.format(value)} j`;
  return NUMBER.format(value);
}

export function BarChartCanvas({ labels, series, unit, stacked = false }: BarChartProps) {
  const palette = usePalette();
  const options: ChartOptions<"bar"> = {
    maintainAspectRatio: false,
    animation: false,
    color: palette.text,
    scales: {
      x: { stacked, grid: { color: palette.grid }, ticks: { color: palette.text } },
      y: { stacked, beginAtZero: true, grid: { color: palette.grid }, ticks: { color: palette.text, callback: (v) => formatValue(Number(v), unit) } },
    },
    plugins: {
      legend: { position: "bottom", labels: { color: palette.text } },
      tooltip: { callbacks: { label: (item) => `${item.dataset.label} : ${formatValue(Number(item.parsed.y), unit)}` } },
    },
  };
  const data = {
    labels,
    datasets: series.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: palette.series[i % palette.series.length] })),
  };
  return <Bar data={data} options={options} aria-hidden="true" />;
}

export interface TimelineChartProps {
  rows: { name: string; segments: { phase: Phase; start: string; end: string | null }[] }[];
  /** Where a phase under way ends on the chart: today. */
  today: string;
}

/** One row per product, one floating bar per phase (a dataset per phase, so the legend names it). */
export function TimelineCanvas({ rows, today }: TimelineChartProps) {
  const palette = usePalette();
  const end = new Date(today).getTime();
  const datasets = PHASES.map((phase, i) => ({
    label: PHASE_LABELS[phase],
    backgroundColor: palette.series[i % palette.series.length],
    data: rows.map((row) => {
      const segment = row.segments.find((s) => s.phase === phase);
      if (!segment) return null;
      const from = new Date(segment.start).getTime();
      // A terminal phase is a day long: drawn a week wide so that it shows.
      const to = segment.end ? Math.max(new Date(segment.end).getTime(), from + 7 * 86_400_000) : end;
      return [from, to] as [number, number];
    }),
  })).filter((d) => d.data.some((v) => v !== null));
  const options: ChartOptions<"bar"> = {
    indexAxis: "y",
    maintainAspectRatio: false,
    animation: false,
    color: palette.text,
    scales: {
      x: {
        type: "linear",
        grid: { color: palette.grid },
        ticks: { color: palette.text, callback: (v) => format(new Date(Number(v)), "MMM yyyy", { locale: french, in: paris }) },
      },
      y: { stacked: true, grid: { color: palette.grid }, ticks: { color: palette.text } },
    },
    plugins: {
      legend: { position: "bottom", labels: { color: palette.text } },
      tooltip: {
        callbacks: {
          label: (item) => {
            const [from, to] = item.raw as [number, number];
            return `${item.dataset.label} : du ${formatDay(new Date(from))} au ${formatDay(new Date(to))}`;
          },
        },
      },
    },
  };
  return <Bar data={{ labels: rows.map((r) => r.name), datasets }} options={options} aria-hidden="true" />;
}
