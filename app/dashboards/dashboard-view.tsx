// A dashboard page, the same at every scope: the filter form (years, phases, incubator), then the
// lifecycle, funding, impact and governance figures. Every chart is a <figure> whose caption (title
// and a one-sentence summary) and table are rendered on the server; the canvas is mounted after
// hydration. Each figure links to the portfolio list behind it and to its CSV export.
import { Accordion } from "@codegouvfr/react-dsfr/Accordion";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { Form, Link } from "@remix-run/react";
import { lazy, Suspense, type ReactNode } from "react";
import { OUTCOME_SHORT_LABELS } from "~/domain/committee-labels";
import { PHASE_LABELS } from "~/domain/labels";
import { formatEuros } from "~/domain/money";
import { PHASES, type Phase } from "~/domain/phases";
import type { Outcome } from "~/generated/prisma/enums";
import { ALERT_VALUE, portfolioSearch, readPortfolioQuery, type PortfolioQueryValues } from "~/products/portfolio-filters";
import { formatDateTime, formatDay } from "~/ui/dates";
import { useHydrated } from "~/ui/use-hydrated";
import { formatValue, type BarChartProps, type TimelineChartProps } from "./dashboard-charts";
import { DASHBOARD_COLUMNS } from "./dashboard-columns";
import { dashboardSearch, type DashboardQueryValues, type DashboardView as ViewName } from "./dashboard-filters";
import type { DashboardView } from "./dashboard.server";
import { plural } from "~/ui/plural";

const BarChartCanvas = lazy(() => import("./dashboard-charts").then((m) => ({ default: m.BarChartCanvas })));
const TimelineCanvas = lazy(() => import("./dashboard-charts").then((m) => ({ default: m.TimelineCanvas })));

/** The page's data as the browser receives it (dates as strings). */
type View = Omit<DashboardView, "figures"> & { figures: unknown };
type Serialized<T> = T extends Date ? string : T extends (infer U)[] ? Serialized<U>[] : T extends object ? { [K in keyof T]: Serialized<T[K]> } : T;
type Figures = Serialized<NonNullable<DashboardView["figures"]>>;

const phaseLabel = (phase: Phase | null) => (phase ? PHASE_LABELS[phase] : "Sans phase commencée");
const percent = (rate: number | null) => (rate === null ? "—" : formatValue(rate, "percent"));
const months = (days: number | null) => (days === null ? "—" : `${formatValue(days, "days")} (≈ ${formatValue(days / 30.44, "count")} mois)`);
interface Context {
  path: string;
  values: DashboardQueryValues;
  /** The portfolio list's fields for the scope and filters. */
  list: Partial<PortfolioQueryValues>;
}

function listLink(context: Context, changes: Partial<PortfolioQueryValues> = {}): string {
  return `/${portfolioSearch(readPortfolioQuery(new URLSearchParams()), { ...context.list, ...changes })}`;
}

function ChartBox({ children }: { children: ReactNode }) {
  const hydrated = useHydrated();
  return (
    <div style={{ position: "relative", height: "18rem" }} className="fr-mb-2w" aria-hidden="true">
      {hydrated && <Suspense fallback={null}>{children}</Suspense>}
    </div>
  );
}

interface FigureProps {
  context: Context;
  view: ViewName;
  title: string;
  summary: string;
  chart?: ReactNode;
  headers: string[];
  rows: ReactNode[][];
  /** The list behind the figure, when one filter of the portfolio says it. */
  listTo?: string;
  note?: string;
}

function Figure({ context, view, title, summary, chart, headers, rows, listTo, note }: FigureProps) {
  return (
    <figure className="fr-mb-6w" style={{ marginInline: 0 }}>
      <figcaption>
        <h3 className="fr-h5 fr-mb-1w">{title}</h3>
        <p className="fr-mb-2w">{summary}</p>
      </figcaption>
      {chart}
      <Accordion label="Données" titleAs="h4" defaultExpanded={!chart}>
        {rows.length > 0 ? <Table caption={title} headers={headers} data={rows} /> : <p>Aucune donnée pour ces filtres.</p>}
        {note && <p className="fr-text--sm">{note}</p>}
        <p className="fr-text--xs">{`Colonnes de l'export : ${DASHBOARD_COLUMNS[view].join(", ")}.`}</p>
      </Accordion>
      <ul className="fr-links-group fr-mt-1w">
        {listTo && (
          <li>
            <Link className="fr-link fr-icon-list-unordered fr-link--icon-left" to={listTo}>
              Voir les produits concernés
            </Link>
          </li>
        )}
        <li>
          <a className="fr-link fr-icon-download-line fr-link--icon-left" href={`${context.path}.csv${dashboardSearch(context.values, { vue: view })}`} download>
            {`Exporter « ${title} » (CSV)`}
          </a>
        </li>
      </ul>
    </figure>
  );
}

function Filters({ view, path }: { view: View; path: string }) {
  const errors = Object.values(view.errors).flat();
  return (
    <Form method="get" action={path} className="fr-mb-6w">
      {errors.length > 0 && (
        <Alert
          severity="error"
          className="fr-mb-3w"
          title="Ces filtres ne sont pas valides"
          description={
            <ul>
              {errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          }
        />
      )}
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-6 fr-col-md-2 fr-input-group">
          <label className="fr-label" htmlFor="du">
            De l'année
          </label>
          <input className="fr-input" id="du" name="du" inputMode="numeric" defaultValue={view.filters?.from ?? view.values.du} />
        </div>
        <div className="fr-col-6 fr-col-md-2 fr-input-group">
          <label className="fr-label" htmlFor="au">
            À l'année
          </label>
          <input className="fr-input" id="au" name="au" inputMode="numeric" defaultValue={view.filters?.to ?? view.values.au} />
        </div>
        {view.scope.kind !== "incubator" && (
          <div className="fr-col-12 fr-col-md-4 fr-select-group">
            <label className="fr-label" htmlFor="incubateur">
              Incubateur
            </label>
            <select className="fr-select" id="incubateur" name="incubateur" defaultValue={view.values.incubateur}>
              <option value="">Tous</option>
              {view.incubators.map((i) => (
                <option key={i.slug} value={i.slug}>
                  {i.name}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend fr-text--regular">Phase actuelle des produits (aucune cochée : toutes)</legend>
        {PHASES.map((phase) => (
          <div key={phase} className="fr-fieldset__element fr-fieldset__element--inline">
            <div className="fr-checkbox-group">
              <input type="checkbox" id={`phase-${phase}`} name="phase" value={phase} defaultChecked={view.values.phase.includes(phase)} />
              <label className="fr-label" htmlFor={`phase-${phase}`}>
                {PHASE_LABELS[phase]}
              </label>
            </div>
          </div>
        ))}
      </fieldset>
      <button className="fr-btn" type="submit">
        Appliquer
      </button>
    </Form>
  );
}

function Lifecycle({ figures, context }: { figures: Figures; context: Context }) {
  const total = figures.funnel.reduce((sum, r) => sum + r.products, 0);
  const years = figures.programme.map((r) => String(r.year));
  const timeline: TimelineChartProps["rows"] = figures.timeline.rows.map((r) => ({ name: r.name, segments: r.segments }));
  const bar = (props: BarChartProps) => (
    <ChartBox>
      <BarChartCanvas {...props} />
    </ChartBox>
  );
  return (
    <>
      <h2>Cycle de vie</h2>
      <Figure
        context={context}
        view="entonnoir"
        title="Produits par phase actuelle"
        summary={`${plural(total, "produit", "produits")} : ${figures.funnel
          .filter((r) => r.products > 0)
          .map((r) => `${r.products} en « ${phaseLabel(r.phase)} »`)
          .join(", ") || "aucun"}.`}
        chart={bar({ labels: figures.funnel.map((r) => phaseLabel(r.phase)), series: [{ label: "Produits", values: figures.funnel.map((r) => r.products) }], unit: "count" })}
        headers={["Phase", "Produits"]}
        rows={figures.funnel.map((r) => [
          r.phase ? <Link to={listLink(context, { phase: [r.phase] })}>{phaseLabel(r.phase)}</Link> : phaseLabel(r.phase),
          r.products,
        ])}
        listTo={listLink(context)}
      />
      <Figure
        context={context}
        view="programme"
        title="Indicateurs du programme par année"
        summary={`De ${years[0]} à ${years.at(-1)} : ${figures.programme.reduce((s, r) => s + r.investigated, 0)} investigations lancées, ${figures.programme.reduce((s, r) => s + r.launched, 0)} constructions lancées, ${figures.programme.reduce((s, r) => s + r.stopped, 0)} arrêts, ${figures.programme.reduce((s, r) => s + r.transferred, 0)} transferts, ${figures.programme.reduce((s, r) => s + r.nationalImpact, 0)} produits reconnus à impact national.`}
        chart={bar({
          labels: years,
          series: [
            { label: "Investigations lancées", values: figures.programme.map((r) => r.investigated) },
            { label: "Constructions lancées", values: figures.programme.map((r) => r.launched) },
            { label: "Arrêts", values: figures.programme.map((r) => r.stopped) },
            { label: "Transferts", values: figures.programme.map((r) => r.transferred) },
            { label: "Impact national", values: figures.programme.map((r) => r.nationalImpact) },
          ],
          unit: "count",
        })}
        headers={["Année", "Investigations lancées", "Constructions lancées", "Arrêts", "Transferts", "Impact national"]}
        rows={figures.programme.map((r) => {
          const year = String(r.year);
          const cell = (count: number, entree: string[]) => <Link to={listLink(context, { entree, annee: year })}>{count}</Link>;
          return [
            r.year,
            cell(r.investigated, ["investigation"]),
            cell(r.launched, ["construction"]),
            cell(r.stopped, ["abandon", "abandon-investigation"]),
            cell(r.transferred, ["transfere"]),
            cell(r.nationalImpact, ["impact-national"]),
          ];
        })}
        note="Une phase compte l'année où elle commence (une phase prévue ne compte pas avant d'avoir commencé) ; l'impact national compte les produits dont un événement « impact national » tombe dans l'année."
      />
      <Figure
        context={context}
        view="survie-cohortes"
        title="Survie par cohorte"
        summary={
          figures.survival.cohorts.length === 0
            ? "Aucun produit n'a commencé son parcours pendant ces années."
            : figures.survival.cohorts.map((r) => `cohorte ${r.cohort} : ${percent(r.rate)} de ${plural(r.products, "produit", "produits")} non arrêtés`).join(" ; ") + "."
        }
        chart={bar({
          labels: figures.survival.cohorts.map((r) => String(r.cohort)),
          series: [{ label: "Taux de survie", values: figures.survival.cohorts.map((r) => r.rate ?? 0) }],
          unit: "percent",
        })}
        headers={["Cohorte", "Produits", "Arrêtés", "Taux de survie"]}
        rows={figures.survival.cohorts.map((r) => {
          const cohort = { entree: ["investigation"], annee: String(r.cohort) };
          return [
            r.cohort,
            <Link to={listLink(context, cohort)}>{r.products}</Link>,
            <Link to={listLink(context, { ...cohort, phase: ["abandon", "abandon-investigation"] })}>{r.stopped}</Link>,
            percent(r.rate),
          ];
        })}
        note="La cohorte d'un produit est l'année où commence son investigation. Un produit survit s'il n'est pas arrêté (arrêt ou investigation non concluante) : un produit transféré survit."
      />
      <Figure
        context={context}
        view="survie-incubateurs"
        title="Survie par incubateur"
        summary={`${
          figures.survival.incubatorTotal > figures.survival.incubators.length
            ? `Les ${figures.survival.incubators.length} incubateurs ayant le plus de produits, sur ${figures.survival.incubatorTotal} (tous dans l'export)`
            : plural(figures.survival.incubatorTotal, "incubateur", "incubateurs")
        } ; un produit co-incubé compte pour chacun de ses incubateurs.`}
        headers={["Incubateur", "Produits", "Arrêtés", "Taux de survie"]}
        rows={figures.survival.incubators.map((r) => [<Link to={`/incubateurs/${r.slug}`}>{r.name}</Link>, r.products, r.stopped, percent(r.rate)])}
      />
      <Figure
        context={context}
        view="durees"
        title="Temps passé dans chaque phase"
        summary={figures.durations
          .filter((r) => r.median !== null)
          .map((r) => `${PHASE_LABELS[r.phase]} : médiane ${months(r.median)}`)
          .join(" ; ") || "Aucune phase terminée pendant ces années."}
        chart={bar({
          labels: figures.durations.map((r) => PHASE_LABELS[r.phase]),
          series: [
            { label: "Premier quartile", values: figures.durations.map((r) => r.q1 ?? 0) },
            { label: "Médiane", values: figures.durations.map((r) => r.median ?? 0) },
            { label: "Troisième quartile", values: figures.durations.map((r) => r.q3 ?? 0) },
          ],
          unit: "days",
        })}
        headers={["Phase", "Phases terminées", "1er quartile", "Médiane", "3e quartile", "En cours"]}
        rows={figures.durations.map((r) => [
          <Link to={listLink(context, { phase: [r.phase] })}>{PHASE_LABELS[r.phase]}</Link>,
          r.closed,
          months(r.q1),
          months(r.median),
          months(r.q3),
          r.ongoing,
        ])}
        note="Seules les phases terminées (dont la fin tombe dans ces années) comptent ; une phase finit à sa date de fin, sinon au début de la suivante."
      />
      <Figure
        context={context}
        view="chronologie"
        title="Chronologie des phases"
        summary={
          figures.timeline.total > figures.timeline.rows.length
            ? `Les ${figures.timeline.rows.length} produits dont le parcours a commencé le plus récemment, sur ${figures.timeline.total}.`
            : `${plural(figures.timeline.total, "produit", "produits")}, du parcours le plus ancien au plus récent.`
        }
        chart={
          <ChartBox>
            <TimelineCanvas rows={timeline} today={new Date().toISOString()} />
          </ChartBox>
        }
        headers={["Produit", "Phases"]}
        rows={figures.timeline.rows.map((r) => [
          <Link to={`/produits/${r.slug}`}>{r.name}</Link>,
          r.segments.map((s) => `${PHASE_LABELS[s.phase]} du ${formatDay(new Date(s.start))}${s.end ? ` au ${formatDay(new Date(s.end))}` : " (en cours)"}`).join(" ; "),
        ])}
        listTo={listLink(context)}
      />
    </>
  );
}

function Funding({ internal, context }: { internal: NonNullable<Figures["internal"]>; context: Context }) {
  const { byYear, byFunder, byPhase, byProduct } = internal.funding;
  const { summary: costs, rows: costList } = internal.funding.costs;
  const euros = (cents: number) => formatEuros(cents, { whole: true });
  const bar = (props: BarChartProps) => (
    <ChartBox>
      <BarChartCanvas {...props} />
    </ChartBox>
  );
  return (
    <>
      <h2>Financement</h2>
      <Figure
        context={context}
        view="financement-annees"
        title="Accordé et dépensé par année"
        summary={byYear.map((r) => `${r.year} : ${euros(r.grantedCents)} accordés, ${euros(r.spentCents)} dépensés`).join(" ; ") + "."}
        chart={bar({
          labels: byYear.map((r) => String(r.year)),
          series: [
            { label: "Accordé", values: byYear.map((r) => r.grantedCents / 100) },
            { label: "Dépensé (CP)", values: byYear.map((r) => r.spentCents / 100) },
          ],
          unit: "euros",
        })}
        headers={["Année", "Accordé", "Dépensé (CP)"]}
        rows={byYear.map((r) => [r.year, euros(r.grantedCents), euros(r.spentCents)])}
        note="Accordé : les enveloppes accordées, réparties au prorata des jours de chaque année. Dépensé : les paiements (CP) du budget réalisé de l'année, sinon du prévisionnel en vigueur."
      />
      <Figure
        context={context}
        view="financement-financeurs"
        title="Par financeur"
        summary={`${plural(byFunder.funders.length, "financeur", "financeurs")} ; la dépense d'un produit cofinancé est répartie selon la part de chacun dans l'accordé de l'année.`}
        headers={["Financeur", "Produits", "Accordé", "Dépense attribuée"]}
        rows={[
          ...byFunder.funders.map((f) => [
            f.acronym ? `${f.acronym} (${f.name})` : f.name,
            f.products,
            euros(f.grantedCents),
            euros(f.spentCents),
          ]),
          ["Sans enveloppe accordée dans l'année", "—", "—", euros(byFunder.unattributedSpentCents)],
        ]}
      />
      <Figure
        context={context}
        view="financement-phases"
        title="Par phase actuelle"
        summary={byPhase.map((r) => `${phaseLabel(r.phase)} : ${euros(r.grantedCents)} accordés`).join(" ; ") + "."}
        headers={["Phase", "Produits", "Accordé", "Dépensé (CP)"]}
        rows={byPhase.map((r) => [
          r.phase ? <Link to={listLink(context, { phase: [r.phase] })}>{phaseLabel(r.phase)}</Link> : phaseLabel(r.phase),
          r.products,
          euros(r.grantedCents),
          euros(r.spentCents),
        ])}
      />
      <Figure
        context={context}
        view="financement-produits"
        title="Par produit"
        summary={
          byProduct.total > byProduct.rows.length
            ? `Les ${byProduct.rows.length} produits les plus financés, sur ${byProduct.total} financés ou ayant dépensé (tous dans l'export).`
            : `${plural(byProduct.total, "produit financé ou ayant dépensé", "produits financés ou ayant dépensé")}.`
        }
        headers={["Produit", "Phase", "Accordé", "Dépensé (CP)", "Financeurs (part de l'accordé)"]}
        rows={byProduct.rows.map((r) => [
          <Link to={`/produits/${r.slug}`}>{r.name}</Link>,
          phaseLabel(r.phase),
          euros(r.grantedCents),
          euros(r.spentCents),
          r.funders.map((f) => `${f.acronym ?? f.name} ${percent(f.share)}`).join(", ") || "—",
        ])}
      />
      <Figure
        context={context}
        view="cout-par-usage"
        title="Coût par usage des produits actifs"
        summary={
          costs.median === null
            ? `Aucun coût par usage calculable (${costs.counts["no-users-indicator"]} sans indicateur d'utilisateurs actifs, ${costs.counts["no-users-value"]} sans valeur, ${costs.counts["no-budget"]} sans budget connu).`
            : `Médiane ${formatValue(costs.median, "euros")} par utilisateur actif (quartiles ${formatValue(costs.q1 ?? 0, "euros")} et ${formatValue(costs.q3 ?? 0, "euros")}) sur ${plural(costs.counts.computed, "produit", "produits")} ; ${costs.counts["no-users-indicator"] + costs.counts["no-users-value"] + costs.counts["zero-users"] + costs.counts["no-budget"]} sans ratio calculable.`
        }
        headers={["Produit", "Utilisateurs actifs", "Budget annuel", "Coût par usage"]}
        rows={costList.map((r) => [
          <Link to={`/produits/${r.slug}`}>{r.name}</Link>,
          r.users === null ? "—" : formatValue(r.users, "count"),
          r.budgetEuros === null ? "—" : `${formatValue(r.budgetEuros, "euros")} (${r.budgetSource === "indicator" ? "déclaré" : r.budgetSource === "paid" ? `CP ${r.budgetYear}` : `accordé ${r.budgetYear}`})`,
          r.costEuros === null ? COST_STATUS_LABELS[r.status] : formatValue(r.costEuros, "euros"),
        ])}
        note="Coût par usage = budget annuel ÷ utilisateurs actifs mensuels, selon les règles de la page produit : budget annuel déclaré, sinon CP de l'année close, sinon enveloppes accordées de l'année."
      />
    </>
  );
}

const COST_STATUS_LABELS: Record<string, string> = {
  computed: "calculé",
  "no-users-indicator": "pas d'indicateur d'utilisateurs actifs",
  "no-users-value": "aucune valeur d'utilisateurs actifs",
  "zero-users": "aucun utilisateur actif",
  "no-budget": "aucun budget connu",
};

function Impact({ internal, context }: { internal: NonNullable<Figures["internal"]>; context: Context }) {
  const { summary, rows } = internal.impact;
  return (
    <>
      <h2>Impact</h2>
      <p>
        <Link to={listLink(context, { indicateurs: ALERT_VALUE })}>
          {`${plural(internal.alerts.staleIndicators, "produit actif a", "produits actifs ont")} des indicateurs en retard`}
        </Link>
        {" parmi ceux que vous voyez (pour un produit dont vous ne suivez pas les données internes, ses indicateurs publics)."}
      </p>
      <Figure
        context={context}
        view="impact"
        title="Produits actifs et leurs cibles d'impact"
        summary={`Sur ${plural(summary.activeProducts, "produit actif", "produits actifs")} : ${summary.meetingTargets} sur ${summary.withTargets} ayant des cibles les tiennent (${percent(summary.withTargets === 0 ? null : summary.meetingTargets / summary.withTargets)}), ${summary.withoutImpactIndicator} n'ont aucun indicateur d'impact.`}
        headers={["Produit", "Cibles tenues", "Indicateur d'impact"]}
        rows={rows.map((r) => [
          <Link to={`/produits/${r.slug}/indicateurs`}>{r.name}</Link>,
          r.targeted === 0 ? "sans cible" : `${r.good} sur ${r.targeted}`,
          r.hasImpactIndicator ? "oui" : "aucun",
        ])}
        note="Une cible est tenue quand elle est atteinte, en bonne voie ou remplie (règles des fiches produit) ; une cible sans valeur pour en juger n'est pas tenue. L'export liste tous les produits actifs."
      />
    </>
  );
}

function Governance({ internal, context }: { internal: NonNullable<Figures["internal"]>; context: Context }) {
  const { committees, decisions, conditions } = internal.governance;
  const { overdueReviews } = internal.alerts;
  const years = [...new Set(decisions.map((d) => d.year))];
  const outcomes = [...new Set(decisions.map((d) => d.outcome))] as Outcome[];
  const count = (year: number, outcome: Outcome) => decisions.find((d) => d.year === year && d.outcome === outcome)?.decisions ?? 0;
  return (
    <>
      <h2>Gouvernance</h2>
      <p>
        <Link to={listLink(context, { revue: ALERT_VALUE })}>{`${plural(overdueReviews, "produit actif est", "produits actifs sont")} en retard de revue en comité`}</Link>
        {` parmi ceux que vous voyez. ${plural(committees.held, "comité tenu", "comités tenus")} pendant ces années, ${plural(committees.upcoming, "comité à venir", "comités à venir")}.`}
      </p>
      <Figure
        context={context}
        view="comites"
        title="Prochains comités"
        summary={committees.next.length === 0 ? "Aucun comité n'est prévu." : `Le prochain : ${committees.next[0].title}, le ${formatDateTime(new Date(committees.next[0].startsAt))}.`}
        headers={["Date", "Comité", "Incubateur", "Produits du périmètre"]}
        rows={committees.next.map((s) => [formatDateTime(new Date(s.startsAt)), <Link to={`/comites/${s.id}`}>{s.title}</Link>, s.incubatorName, s.products])}
      />
      <Figure
        context={context}
        view="decisions"
        title="Décisions par année"
        summary={decisions.length === 0 ? "Aucune décision pendant ces années." : years.map((y) => `${y} : ${outcomes.map((o) => `${count(y, o)} ${OUTCOME_SHORT_LABELS[o].toLowerCase()}`).join(", ")}`).join(" ; ") + "."}
        chart={
          decisions.length > 0 && (
            <ChartBox>
              <BarChartCanvas
                labels={years.map(String)}
                series={outcomes.map((o) => ({ label: OUTCOME_SHORT_LABELS[o], values: years.map((y) => count(y, o)) }))}
                unit="count"
                stacked
              />
            </ChartBox>
          )
        }
        headers={["Année", ...outcomes.map((o) => OUTCOME_SHORT_LABELS[o])]}
        rows={years.map((y) => [y, ...outcomes.map((o) => count(y, o))])}
        note="Une décision corrigée compte une fois, sous sa correction."
      />
      <Figure
        context={context}
        view="conditions"
        title="Conditions ouvertes échues"
        summary={`${plural(conditions.total, "condition ouverte a passé", "conditions ouvertes ont passé")} son échéance.`}
        headers={["Produit", "Condition", "Responsable", "Échéance"]}
        rows={conditions.rows.map((r) => [<Link to={`/produits/${r.productSlug}`}>{r.productName}</Link>, r.description, r.ownerName ?? "—", formatDay(new Date(r.dueDate))])}
      />
    </>
  );
}

export function DashboardPage({ view, title, path }: { view: View; title: string; path: string }) {
  const figures = view.figures as Figures | null;
  const context: Context = { path, values: view.values, list: view.list };
  return (
    <>
      <h1>{title}</h1>
      <p>
        Les chiffres portent sur les produits que vous pouvez consulter. Les phases sont publiques ; le financement, l'impact et la gouvernance ne
        comptent que les produits dont vous suivez les données internes.
      </p>
      {view.ministries.length > 0 && (
        <nav aria-label="Tableaux de bord des ministères" className="fr-mb-4w">
          <p className="fr-mb-1w">Tableaux de bord par ministère :</p>
          <ul className="fr-tags-group">
            {view.ministries.map((m) => (
              <li key={m.slug}>
                <Link className="fr-tag" to={`/tableau-de-bord/ministeres/${m.slug}`}>
                  {m.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <Filters view={view} path={path} />
      {figures && (
        <>
          <Lifecycle figures={figures} context={context} />
          {figures.internal ? (
            <>
              <Funding internal={figures.internal} context={context} />
              <Impact internal={figures.internal} context={context} />
              <Governance internal={figures.internal} context={context} />
            </>
          ) : (
            <Alert
              severity="info"
              title="Financement, impact et gouvernance"
              description="Ces chiffres sont réservés aux personnes qui suivent les produits (équipes, incubateurs, comités, financeurs) : connectez-vous pour les voir."
            />
          )}
        </>
      )}
    </>
  );
}
