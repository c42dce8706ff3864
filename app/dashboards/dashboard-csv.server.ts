// Every view of a dashboard as a CSV file (`<dashboard address>.csv?vue=<view>`, with
// the same scope, years and filters): UTF-8 with a byte-order mark, comma-separated, CRLF, RFC 4180
// quoting and formula neutralising (`csvCell`, as the portfolio export). Amounts are euros with two
// decimals and a dot ("178200.00"); rates and shares are decimals between 0 and 1; days are ISO dates;
// phases and outcomes are the codes of the network (app/domain/phases.ts, Outcome in the schema).
// The columns of each view are in dashboard-columns.ts, also listed on the page.
import { isoDay } from "~/domain/days";
import { centsToDecimal } from "~/domain/money";
import { csvCell } from "~/products/portfolio-csv.server";
import { DASHBOARD_COLUMNS } from "./dashboard-columns";
import type { DashboardView } from "./dashboard-filters";
import { costs, funding } from "./funding.server";
import { committees, decisionsByYear, overdueConditions } from "./governance.server";
import { impact } from "./impact.server";
import { funnel, phaseDurations, programme, survivalByCohort, survivalByIncubator, timeline } from "./lifecycle.server";
import type { DashboardQuery } from "./scope.server";

/** Views that read internal data (funding, impact, governance): not exported to whoever reads none. */
export const INTERNAL_VIEWS: readonly DashboardView[] = [
  "financement-annees",
  "financement-financeurs",
  "financement-phases",
  "financement-produits",
  "cout-par-usage",
  "impact",
  "comites",
  "decisions",
  "conditions",
];

type Cell = string | number | null;
const euros = (cents: number) => centsToDecimal(cents);
const optional = (value: number | null) => (value === null ? "" : String(value));
const yesNo = (value: boolean) => (value ? "oui" : "non");
/** No export holds more rows than this: far more than a network has products. */
const ALL = 1_000_000;

async function viewRows(view: DashboardView, query: DashboardQuery): Promise<Cell[][]> {
  switch (view) {
    case "entonnoir":
      return (await funnel(query)).map((r) => [r.phase ?? "", r.products]);
    case "programme":
      return (await programme(query)).map((r) => [r.year, r.investigated, r.launched, r.stopped, r.transferred, r.nationalImpact]);
    case "survie-cohortes":
      return (await survivalByCohort(query)).map((r) => [r.cohort, r.products, r.stopped, optional(r.rate)]);
    case "survie-incubateurs":
      return (await survivalByIncubator(query)).map((r) => [r.slug, r.name, r.products, r.stopped, optional(r.rate)]);
    case "durees":
      return (await phaseDurations(query)).map((r) => [r.phase, r.closed, optional(r.q1), optional(r.median), optional(r.q3), r.ongoing]);
    case "chronologie":
      return (await timeline(query, ALL)).rows.flatMap((r) =>
        r.segments.map((s) => [r.slug, r.name, s.phase, isoDay(s.start), s.end ? isoDay(s.end) : ""]),
      );
    case "financement-annees":
      return (await funding(query, 0)).byYear.map((r) => [r.year, euros(r.grantedCents), euros(r.spentCents)]);
    case "financement-financeurs": {
      const { funders, unattributedSpentCents } = (await funding(query, 0)).byFunder;
      return [
        ...funders.map((f) => [f.slug, f.name, f.acronym, f.products, euros(f.grantedCents), euros(f.spentCents)]),
        ["", "sans enveloppe accordée", "", "", euros(0), euros(unattributedSpentCents)],
      ];
    }
    case "financement-phases":
      return (await funding(query, 0)).byPhase.map((r) => [r.phase ?? "", r.products, euros(r.grantedCents), euros(r.spentCents)]);
    case "financement-produits":
      return (await funding(query, null)).byProduct.rows.map((r) => [
        r.slug,
        r.name,
        r.phase ?? "",
        euros(r.grantedCents),
        euros(r.spentCents),
        r.funders.map((f) => `${f.slug}:${f.share.toFixed(4)}`).join("|"),
      ]);
    case "cout-par-usage":
      return (await costs(query, null)).rows.map((r) => [
        r.slug,
        r.name,
        r.phase,
        r.status,
        optional(r.users),
        r.usersPeriod ? isoDay(r.usersPeriod) : "",
        r.budgetEuros === null ? "" : r.budgetEuros.toFixed(2),
        r.budgetSource ?? "",
        optional(r.budgetYear),
        r.costEuros === null ? "" : r.costEuros.toFixed(2),
      ]);
    case "impact":
      return (await impact(query, null)).rows.map((r) => [r.slug, r.name, r.targeted, r.good, yesNo(r.hasImpactIndicator)]);
    case "comites":
      return (await committees(query, ALL)).next.map((s) => [s.startsAt.toISOString(), s.title, s.incubatorName, s.products]);
    case "decisions":
      return (await decisionsByYear(query)).map((r) => [r.year, r.outcome, r.decisions]);
    case "conditions":
      return (await overdueConditions(query, null)).rows.map((r) => [
        r.productSlug,
        r.productName,
        r.description,
        r.ownerName,
        isoDay(r.dueDate),
        isoDay(r.decidedOn),
      ]);
  }
}

const csvLine = (cells: readonly Cell[]) => `${cells.map((cell) => csvCell(cell === null ? "" : String(cell))).join(",")}\r\n`;

/** The file of one view, for download. */
export async function dashboardCsvResponse(view: DashboardView, query: DashboardQuery, fileStem: string): Promise<Response> {
  const rows = await viewRows(view, query);
  const body = `\uFEFF${csvLine(DASHBOARD_COLUMNS[view])}${rows.map(csvLine).join("")}`;
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileStem}-${view}-${isoDay(query.asOf)}.csv"`,
      // What a viewer may see depends on who they are.
      "Cache-Control": "private, no-store",
    },
  });
}
