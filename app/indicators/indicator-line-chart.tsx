// The canvas of an indicator's chart. Loaded only in the browser, after hydration (see
// indicator-chart.tsx): chart.js needs a canvas, and the figure's caption and table already carry
// the same data for everyone. Colours come from the DSFR palette and follow the dark mode.
import { fr } from "@codegouvfr/react-dsfr";
import { useIsDark } from "@codegouvfr/react-dsfr/useIsDark";
import { tz } from "@date-fns/tz";
import {
  Chart as ChartJS,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
  type ChartDataset,
  type ChartOptions,
  type Plugin,
} from "chart.js";
import { format } from "date-fns";
import { fr as french } from "date-fns/locale";
import { useMemo } from "react";
import { Line } from "react-chartjs-2";
import { VALUE_STATUS_LABELS } from "~/domain/labels";
import { formatDay } from "~/ui/dates";
import { chartRange, markersInRange, seriesWithGaps, type ChartSeries } from "./chart-data";
import {
  decisionMarkerLabel,
  formatMeasure,
  formatNumber,
  formatPeriod,
  phaseMarkerLabel,
} from "./indicator-wording";
import type { ChartMarkers } from "./product-indicators.server";

// Only what a line chart on a linear time axis uses (the Line component registers its controller).
ChartJS.register(LinearScale, LineElement, PointElement, Tooltip, Legend);

const paris = tz("Europe/Paris");

export interface IndicatorLineChartProps extends ChartSeries {
  unit: string;
  markers: ChartMarkers;
}

interface VerticalMarker {
  x: number;
  label: string;
  colour: string;
  dash: number[];
}

/** Draws dashed (decisions) and solid (phase changes) vertical lines with a short label on top. */
function verticalMarkers(markers: readonly VerticalMarker[], font: string): Plugin<"line"> {
  return {
    id: "jalonVerticalMarkers",
    afterDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      ctx.save();
      ctx.font = font;
      ctx.lineWidth = 1.5;
      markers.forEach((marker, i) => {
        const x = scales.x.getPixelForValue(marker.x);
        if (x < chartArea.left || x > chartArea.right) return;
        ctx.strokeStyle = marker.colour;
        ctx.fillStyle = marker.colour;
        ctx.setLineDash(marker.dash);
        ctx.beginPath();
        ctx.moveTo(x, chartArea.top);
        ctx.lineTo(x, chartArea.bottom);
        ctx.stroke();
        // Alternating rows keep neighbouring labels apart; near the right edge, a label goes left.
        const y = chartArea.top + 10 + (i % 2) * 13;
        const fits = x + 3 + ctx.measureText(marker.label).width <= chartArea.right;
        ctx.textAlign = fits ? "left" : "right";
        ctx.fillText(marker.label, fits ? x + 3 : x - 3, y);
      });
      ctx.restore();
    },
  };
}

export default function IndicatorLineChart(props: IndicatorLineChartProps) {
  const { isDark } = useIsDark();
  const { data, options, plugins } = useMemo(() => {
    const colours = fr.colors.getHex({ isDark }).decisions;
    const art = colours.artwork.major;
    const range = chartRange(props);
    const from = range?.from.getTime() ?? 0;
    const to = range?.to.getTime() ?? 0;
    const markers = range ? markersInRange(props.markers, range) : { decisions: [], phases: [] };
    const points = seriesWithGaps(props);
    const background = colours.background.default.grey.default;

    const datasets: ChartDataset<"line", { x: number; y: number | null }[]>[] = [
      {
        label: "Valeurs mesurées",
        data: points,
        borderColor: art.blueFrance.default,
        backgroundColor: art.blueFrance.default,
        // Validated values are filled points, declared ones hollow: the status is not told by colour.
        pointBackgroundColor: points.map((p) => (p.status === "validated" ? art.blueFrance.default : background)),
        pointRadius: 3,
        spanGaps: false,
      },
    ];
    if (props.baseline) {
      datasets.push({
        label: "Valeur de référence",
        data: [
          { x: from, y: props.baseline.value },
          { x: to, y: props.baseline.value },
        ],
        borderColor: colours.text.mention.grey.default,
        backgroundColor: colours.text.mention.grey.default,
        borderDash: [6, 4],
        pointRadius: 0,
        pointStyle: "line",
      });
    }
    if (props.targets.length > 0) {
      datasets.push({
        label: "Cibles",
        data: props.targets.map((t) => ({ x: t.dueDate.getTime(), y: t.value })),
        borderColor: art.purpleGlycine.default,
        backgroundColor: art.purpleGlycine.default,
        showLine: false,
        pointStyle: "rectRot",
        pointRadius: 6,
        // A target due on the last day of the axis is drawn whole, not cut in half.
        clip: false,
      });
    }

    const vertical: VerticalMarker[] = [
      ...markers.phases.map((m) => ({
        x: m.date.getTime(),
        label: phaseMarkerLabel(m),
        colour: art.greenMenthe.default,
        dash: [],
      })),
      ...markers.decisions.map((m) => ({
        x: m.date.getTime(),
        label: decisionMarkerLabel(m),
        colour: art.orangeTerreBattue.default,
        dash: [4, 3],
      })),
    ].sort((a, b) => a.x - b.x);

    const textColour = colours.text.default.grey.default;
    const gridColour = colours.border.default.grey.default;
    const options: ChartOptions<"line"> = {
      maintainAspectRatio: false,
      animation: false,
      parsing: false,
      color: textColour,
      interaction: { mode: "nearest", intersect: false },
      scales: {
        x: {
          type: "linear",
          min: from,
          max: to,
          grid: { color: gridColour },
          ticks: {
            color: textColour,
            maxTicksLimit: 8,
            callback: (value) => format(new Date(Number(value)), "MMM yyyy", { locale: french, in: paris }),
          },
        },
        y: {
          grid: { color: gridColour },
          ticks: { color: textColour, callback: (value) => formatNumber(Number(value)) },
        },
      },
      plugins: {
        legend: { position: "bottom", labels: { usePointStyle: true, color: textColour } },
        tooltip: {
          callbacks: {
            title: (items) => {
              const item = items[0];
              if (!item) return "";
              const date = new Date(item.parsed.x ?? 0);
              return item.datasetIndex === 0 ? formatPeriod(date, props.frequency) : formatDay(date);
            },
            label: (item) => {
              const value = `${item.dataset.label} : ${formatMeasure(item.parsed.y ?? 0, props.unit)}`;
              const status = item.datasetIndex === 0 ? points[item.dataIndex]?.status : null;
              return status ? `${value} (${VALUE_STATUS_LABELS[status].toLowerCase()})` : value;
            },
          },
        },
      },
    };
    const font = `12px ${getComputedStyle(document.body).fontFamily || "sans-serif"}`;
    return { data: { datasets }, options, plugins: [verticalMarkers(vertical, font)] };
  }, [props, isDark]);

  return <Line data={data} options={options} plugins={plugins} aria-hidden="true" />;
}
