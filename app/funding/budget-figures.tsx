// A product's budget as figures, for the public budget page: AE and CP by year, then one year by
// activity and by resource, and the funders' shares. Every chart is a <figure> with a title, a
// sentence that says what it shows and a table of the same data; the canvas is drawn in the browser
// only, after hydration (the dashboards' bar chart), in a box of fixed height.
import { Table } from "@codegouvfr/react-dsfr/Table";
import { lazy, Suspense } from "react";
import { BUDGET_NATURE_LABELS, type Amounts, type YearBudget } from "~/domain/budget-statements";
import { BUDGET_ACTIVITY_LABELS, BUDGET_RESOURCE_LABELS } from "~/domain/budget-taxonomy";
import { formatShare } from "~/domain/funding";
import { formatEuros } from "~/domain/money";
import { useHydrated } from "~/ui/use-hydrated";

const BarChartCanvas = lazy(() => import("~/dashboards/dashboard-charts").then((m) => ({ default: m.BarChartCanvas })));

interface AmountsFigureProps {
  title: string;
  summary: string;
  /** What a row of the table is ("Année", "Activité"…). */
  rowHeader: string;
  rows: Array<Amounts & { label: string; note?: string }>;
}

/** AE and CP side by side for each row: a bar chart and its table. */
function AmountsFigure({ title, summary, rowHeader, rows }: AmountsFigureProps) {
  const hydrated = useHydrated();
  const withNote = rows.some((row) => row.note !== undefined);
  return (
    <figure className="fr-mb-6w" style={{ marginInline: 0 }}>
      <figcaption>
        <h3 className="fr-h5 fr-mb-1w">{title}</h3>
        <p className="fr-mb-2w">{summary}</p>
      </figcaption>
      <div style={{ position: "relative", height: "18rem" }} className="fr-mb-2w" aria-hidden="true">
        {hydrated && (
          <Suspense fallback={null}>
            <BarChartCanvas
              labels={rows.map((row) => row.label)}
              series={[
                { label: "AE (engagé)", values: rows.map((row) => row.committed / 100) },
                { label: "CP (payé)", values: rows.map((row) => row.paid / 100) },
              ]}
              unit="euros"
            />
          </Suspense>
        )}
      </div>
      <Table
        caption={title}
        headers={[rowHeader, ...(withNote ? ["Nature"] : []), "AE (engagé)", "CP (payé)"]}
        data={rows.map((row) => [row.label, ...(withNote ? [row.note ?? ""] : []), formatEuros(row.committed), formatEuros(row.paid)])}
      />
    </figure>
  );
}

const total = (rows: readonly Amounts[]) => rows.reduce((sum, r) => ({ committed: sum.committed + r.committed, paid: sum.paid + r.paid }), { committed: 0, paid: 0 });

/** AE and CP of every year, each from its actual when there is one, else its forecast. */
export function YearsFigure({ years }: { years: readonly YearBudget[] }) {
  const all = total(years);
  const forecasts = years.filter((y) => y.nature === "forecast").map((y) => y.year);
  const span = years.length === 1 ? `En ${years[0].year}` : `De ${years[0].year} à ${years[years.length - 1].year}`;
  return (
    <AmountsFigure
      title="AE et CP par année"
      summary={`${span} : ${formatEuros(all.committed)} engagés (AE) et ${formatEuros(all.paid)} payés (CP).${
        forecasts.length > 0 ? ` Montants prévisionnels pour ${forecasts.join(", ")}, réalisés pour les autres années.` : " Montants réalisés."
      }`}
      rowHeader="Année"
      rows={years.map((y) => ({ label: String(y.year), note: BUDGET_NATURE_LABELS[y.nature], committed: y.committed, paid: y.paid }))}
    />
  );
}

/** One year's budget by activity and by resource. */
export function YearBreakdownFigures({ year }: { year: YearBudget }) {
  const nature = BUDGET_NATURE_LABELS[year.nature].toLowerCase();
  const largest = <T extends Amounts>(rows: readonly T[]) => [...rows].sort((a, b) => b.committed - a.committed)[0];
  const activity = largest(year.byActivity);
  const resource = largest(year.byResource);
  return (
    <>
      <AmountsFigure
        title={`${year.year} par activité (${nature})`}
        summary={
          activity
            ? `${year.byActivity.length} activités financées en ${year.year} ; la plus importante est « ${BUDGET_ACTIVITY_LABELS[activity.activity]} » avec ${formatEuros(activity.committed)} engagés.`
            : `Aucun montant en ${year.year}.`
        }
        rowHeader="Activité"
        rows={year.byActivity.map((r) => ({ label: BUDGET_ACTIVITY_LABELS[r.activity], committed: r.committed, paid: r.paid }))}
      />
      <AmountsFigure
        title={`${year.year} par ressource (${nature})`}
        summary={
          resource
            ? `La ressource la plus importante en ${year.year} est « ${BUDGET_RESOURCE_LABELS[resource.resource]} » avec ${formatEuros(resource.committed)} engagés.`
            : `Aucun montant en ${year.year}.`
        }
        rowHeader="Ressource"
        rows={year.byResource.map((r) => ({ label: BUDGET_RESOURCE_LABELS[r.resource], committed: r.committed, paid: r.paid }))}
      />
    </>
  );
}

/** The funders of the granted envelopes and their shares. */
export function FundersTable({ funders, granted }: { funders: ReadonlyArray<{ name: string; cents: number; basisPoints: number }>; granted: number }) {
  if (funders.length === 0) return <p>Aucun financement accordé n'est enregistré.</p>;
  return (
    <Table
      caption={`Financeurs (${formatEuros(granted)} accordés)`}
      headers={["Financeur", "Montant accordé", "Part"]}
      data={funders.map((f) => [f.name, formatEuros(f.cents), formatShare(f.basisPoints)])}
    />
  );
}
