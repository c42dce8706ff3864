// One indicator as a figure: its title and a one-sentence summary, the chart, and a table of the
// same data. The server renders everything but the canvas; the canvas is mounted after hydration
// (chart.js draws in the browser only), in a box of fixed height so that nothing moves.
import { fr } from "@codegouvfr/react-dsfr";
import { Accordion } from "@codegouvfr/react-dsfr/Accordion";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { lazy, Suspense } from "react";
import { OUTCOME_SHORT_LABELS } from "~/domain/committee-labels";
import type { AttainmentStatus } from "~/domain/indicator-health";
import { PHASE_LABELS, VALUE_STATUS_LABELS } from "~/domain/labels";
import { isPhase } from "~/domain/phases";
import { formatDay } from "~/ui/dates";
import { useHydrated } from "~/ui/use-hydrated";
import { chartRange, markersInRange } from "./chart-data";
import {
  ATTAINMENT_LABELS,
  describeIndicator,
  formatMeasure,
  formatPeriod,
  ofPeriod,
} from "./indicator-wording";
import type { IndicatorLineChartProps } from "./indicator-line-chart";
import type { ChartMarkers, ProductIndicator } from "./product-indicators.server";

const IndicatorLineChart = lazy(() => import("./indicator-line-chart"));

const ATTAINMENT_SEVERITY: Record<AttainmentStatus, "success" | "warning" | "error" | undefined> = {
  reached: "success",
  "on-track": "success",
  met: "success",
  "off-track": "warning",
  missed: "error",
  "no-target": undefined,
  "not-measured": undefined,
};

/** The indicator's status as badges: each says it in words, the colour and icon only add to them. */
export function IndicatorBadges({ indicator }: { indicator: ProductIndicator }) {
  const { attainment, freshness } = indicator.health;
  return (
    <ul className="fr-badges-group fr-mb-1w">
      <li>
        <Badge as="span" small severity={ATTAINMENT_SEVERITY[attainment.status]}>
          {attainment.status === "no-target" ? "Sans cible" : `Cible ${ATTAINMENT_LABELS[attainment.status]}`}
        </Badge>
      </li>
      {freshness.overdue && (
        <li>
          <Badge as="span" small severity="warning">
            {`Valeur ${ofPeriod(freshness.lastClosedPeriod, indicator.frequency)} attendue`}
          </Badge>
        </li>
      )}
      {indicator.kind === "means" && (
        <li>
          <Badge as="span" small>
            Indicateur de moyens
          </Badge>
        </li>
      )}
      {!indicator.isPublic && (
        <li>
          <Badge as="span" small noIcon severity="info">
            Non public
          </Badge>
        </li>
      )}
    </ul>
  );
}

/**
 * The chart's canvas, mounted after hydration in a box of fixed height (no layout jump); the figure's
 * caption and table carry the same data for everyone else. Shared with the dossier's charts.
 */
export function ChartCanvas(props: IndicatorLineChartProps) {
  const hydrated = useHydrated();
  return (
    <div style={{ position: "relative", height: "18rem" }} className="fr-mb-1w" aria-hidden="true">
      {hydrated && (
        <Suspense fallback={null}>
          <IndicatorLineChart {...props} />
        </Suspense>
      )}
    </div>
  );
}

/** A key for what chart.js's legend does not list: the vertical lines and the points' fill. */
function ChartKey({ markers }: { markers: ChartMarkers }) {
  const line = (colour: string, style: "dashed" | "solid") => (
    <span
      aria-hidden="true"
      style={{ display: "inline-block", width: "1.5rem", marginRight: "0.5rem", verticalAlign: "middle", borderTop: `2px ${style} ${colour}` }}
    />
  );
  const art = fr.colors.decisions.artwork.major;
  return (
    <p className="fr-text--xs fr-mb-2w" aria-hidden="true">
      {markers.decisions.length > 0 && (
        <span className="fr-mr-3w">
          {line(art.orangeTerreBattue.default, "dashed")}
          Décision de comité
        </span>
      )}
      {markers.phases.length > 0 && (
        <span className="fr-mr-3w">
          {line(art.greenMenthe.default, "solid")}
          Changement de phase
        </span>
      )}
      <span>Points pleins : valeurs validées ; points creux : valeurs déclarées par l'équipe.</span>
    </p>
  );
}

function DataTables({ indicator, markers }: { indicator: ProductIndicator; markers: ChartMarkers }) {
  const measure = (value: number) => formatMeasure(value, indicator.unit);
  const { baseline } = indicator;
  const decision = (m: ChartMarkers["decisions"][number]) =>
    `${formatDay(m.date)} (${OUTCOME_SHORT_LABELS[m.outcome].toLowerCase()}${m.targetPhase && isPhase(m.targetPhase) ? ` : ${PHASE_LABELS[m.targetPhase]}` : ""})`;
  return (
    <>
      {baseline && <p>{`Valeur de référence : ${measure(baseline.value)}${baseline.date ? ` (${formatDay(baseline.date)})` : ""}.`}</p>}
      {indicator.series.length > 0 ? (
        <Table
          caption={`Valeurs de « ${indicator.name} »`}
          headers={["Période", "Valeur", "Statut de la valeur"]}
          data={indicator.series.map((v) => [formatPeriod(v.periodStart, indicator.frequency), measure(v.value), VALUE_STATUS_LABELS[v.status]])}
        />
      ) : (
        <p>Aucune valeur n'est enregistrée.</p>
      )}
      {indicator.targets.length > 0 && (
        <Table
          caption={`Cibles de « ${indicator.name} »`}
          headers={["Échéance", "Cible"]}
          data={indicator.targets.map((t) => [formatDay(t.dueDate), measure(t.value)])}
        />
      )}
      {markers.decisions.length > 0 && <p>{`Décisions de comité : ${markers.decisions.map(decision).join(", ")}.`}</p>}
      {markers.phases.length > 0 && (
        <p>{`Changements de phase : ${markers.phases.map((m) => `${PHASE_LABELS[m.phase]} le ${formatDay(m.date)}`).join(", ")}.`}</p>
      )}
    </>
  );
}

export function IndicatorFigure({ indicator, markers }: { indicator: ProductIndicator; markers: ChartMarkers }) {
  const range = chartRange(indicator);
  const shownMarkers = range ? markersInRange(markers, range) : { decisions: [], phases: [] };
  return (
    <figure className="fr-mb-6w" style={{ marginInline: 0 }}>
      <figcaption>
        <h4 className="fr-h6 fr-mb-1w">{indicator.name}</h4>
        <IndicatorBadges indicator={indicator} />
        <p className="fr-mb-2w">{describeIndicator(indicator)}</p>
      </figcaption>
      {range && (
        <>
          <ChartCanvas
            frequency={indicator.frequency}
            unit={indicator.unit}
            series={indicator.series}
            baseline={indicator.baseline}
            targets={indicator.targets}
            markers={shownMarkers}
          />
          <ChartKey markers={shownMarkers} />
        </>
      )}
      <Accordion label="Données du graphique" titleAs="h5">
        <DataTables indicator={indicator} markers={shownMarkers} />
      </Accordion>
    </figure>
  );
}
