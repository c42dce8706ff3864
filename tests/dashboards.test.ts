// The dashboards' aggregates against hand-computed values on a small portfolio: co-incubated and
// co-funded products, phases ending the day the next starts, products without funding, a private
// product, corrected decisions; who sees what (an investor's dashboard and exports hold only the
// products its organisation funds); the CSV exports; the address's errors.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/auth/permissions";
import { createSession } from "~/auth/session.server";
import { resolveDashboardQuery } from "~/dashboards/dashboard.server";
import { costs, funding } from "~/dashboards/funding.server";
import { committees, decisionsByYear, overdueConditions, portfolioAlerts } from "~/dashboards/governance.server";
import { impact, indicatorAttainments } from "~/dashboards/impact.server";
import { funnel, phaseDurations, programme, survivalByCohort, survivalByIncubator, timeline } from "~/dashboards/lifecycle.server";
import { findScope, type DashboardQuery, type DashboardScope, type ScopeKind } from "~/dashboards/scope.server";
import {
  assignRole,
  createBudgetStatement,
  createCommitteeSession,
  createFundingEnvelope,
  createIncubator,
  createIndicator,
  createMinistry,
  createOrganisation,
  createProduct,
  createUser,
  recordDecision,
} from "~/db/seed/factories.server";
import { day } from "~/domain/days";
import { attainment } from "~/domain/indicator-health";
import { loader as portfolioLoader } from "~/routes/_index";
import { loader as networkLoader } from "~/routes/tableau-de-bord._index";
import { loader as networkCsvLoader } from "~/routes/tableau-de-bord[.]csv";
import { loader as organisationLoader } from "~/routes/tableau-de-bord.organisations.$slug";
import { loader as organisationCsvLoader } from "~/routes/tableau-de-bord.organisations.$slug[.csv]";
import { setupTestDatabase } from "./support/db";
import { routeArgs, thrown } from "./support/routes";

const db = setupTestDatabase();

const AS_OF = new Date("2026-06-15T10:00:00Z");
const euros = (amount: number) => amount * 100;

let admin: Actor;
let investor: Actor;
let cookies: { admin: string; investor: string; otherInvestor: string };
let ids: Record<string, string>;


async function signIn(userId: string): Promise<string> {
  const setCookie = await createSession(userId, "demo", new Request("http://localhost/"));
  return setCookie.split(";")[0];
}

async function query(actor: Actor | null, kind: ScopeKind = "network", slug: string | null = null, search = "du=2023&au=2026"): Promise<DashboardQuery> {
  const scope = (await findScope(kind, slug)) as DashboardScope;
  const values = Object.fromEntries(new URLSearchParams(search));
  const resolved = await resolveDashboardQuery(
    actor,
    scope,
    { du: values.du ?? "", au: values.au ?? "", phase: new URLSearchParams(search).getAll("phase"), incubateur: values.incubateur ?? "", vue: "" },
    AS_OF,
  );
  if (!resolved.success) throw new Error(JSON.stringify(resolved.errors));
  return resolved.query;
}

beforeAll(async () => {
  const m1 = await createMinistry(db(), { slug: "ecologie", name: "Ministère de l'Écologie" });
  const m2 = await createMinistry(db(), { slug: "economie", name: "Ministère de l'Économie" });
  const a = await createIncubator(db(), { slug: "inc-a", name: "Incubateur A", ministryId: m1.id, reviewIntervalMonths: 6 });
  const b = await createIncubator(db(), { slug: "inc-b", name: "Incubateur B", ministryId: m2.id });
  const c = await createIncubator(db(), { slug: "inc-c", name: "Incubateur C", ministryId: m1.id });
  const o1 = await createOrganisation(db(), { slug: "dgfip", name: "Direction générale des Finances publiques", acronym: "DGFiP" });
  const o2 = await createOrganisation(db(), { slug: "fast", name: "Fonds FAST", acronym: "FAST" });
  const o3 = await createOrganisation(db(), { slug: "dgs", name: "Direction générale de la Santé" });

  const p1 = await createProduct(db(), {
    slug: "alpha",
    name: "Alpha",
    primaryIncubatorId: a.id,
    sponsorIds: [o1.id],
    phases: [
      { phase: "investigation", start: "2023-01-10" },
      { phase: "construction", start: "2023-03-10" },
      { phase: "acceleration", start: "2024-06-01" },
    ],
  });
  // Co-incubated by A, co-funded by O1 and O2; investigation ends the day construction starts.
  const p2 = await createProduct(db(), {
    slug: "beta",
    name: "Bêta",
    primaryIncubatorId: b.id,
    coIncubatorIds: [a.id],
    sponsorIds: [o1.id, o2.id],
    phases: [
      { phase: "investigation", start: "2024-02-01", end: "2024-04-01" },
      { phase: "construction", start: "2024-04-01" },
    ],
  });
  await createProduct(db(), {
    slug: "gamma",
    primaryIncubatorId: a.id,
    phases: [
      { phase: "investigation", start: "2024-05-01" },
      { phase: "abandon-investigation", start: "2024-07-01" },
    ],
  });
  const p4 = await createProduct(db(), {
    slug: "delta",
    primaryIncubatorId: c.id,
    sponsorIds: [o3.id],
    isPublic: false,
    phases: [
      { phase: "investigation", start: "2025-01-15" },
      { phase: "construction", start: "2025-03-15" },
      { phase: "abandon", start: "2026-01-20" },
    ],
  });
  const p5 = await createProduct(db(), {
    slug: "epsilon",
    primaryIncubatorId: b.id,
    phases: [
      { phase: "investigation", start: "2022-09-01" },
      { phase: "construction", start: "2022-11-01" },
      { phase: "acceleration", start: "2023-09-01" },
      { phase: "transfere", start: "2025-10-01" },
    ],
  });
  await db().productEvent.create({ data: { productId: p5.id, kind: "national_impact", date: day("2025-03-01") } });
  await createProduct(db(), { slug: "zeta", primaryIncubatorId: a.id });
  const p7 = await createProduct(db(), { slug: "eta", primaryIncubatorId: a.id, phases: [{ phase: "investigation", start: "2026-05-01" }] });

  // Funding: 2025 envelopes, one across two years (92 days in 2025, 90 in 2026), a request (not counted).
  await createFundingEnvelope(db(), { productId: p1.id, funderId: o1.id, amount: 100_000, start: "2025-01-01", end: "2025-12-31" });
  await createFundingEnvelope(db(), { productId: p1.id, funderId: o1.id, amount: 18_200, start: "2025-10-01", end: "2026-03-31" });
  await createFundingEnvelope(db(), { productId: p1.id, funderId: o3.id, amount: 50_000, start: "2026-01-01", end: "2026-06-30", status: "requested" });
  await createFundingEnvelope(db(), { productId: p2.id, funderId: o1.id, amount: 60_000, start: "2025-01-01", end: "2025-06-30" });
  await createFundingEnvelope(db(), { productId: p2.id, funderId: o2.id, amount: 40_000, start: "2025-01-01", end: "2025-06-30", origin: "fast" });
  await createFundingEnvelope(db(), { productId: p4.id, funderId: o3.id, amount: 80_000, start: "2025-03-01", end: "2025-12-31" });
  const line = (paid: number) => [{ activity: "development" as const, resource: "staff" as const, committed: paid + 5_000, paid }];
  await createBudgetStatement(db(), { productId: p1.id, year: 2025, nature: "actual", lines: line(90_000) });
  await createBudgetStatement(db(), { productId: p1.id, year: 2025, nature: "forecast", lines: line(120_000) });
  await createBudgetStatement(db(), { productId: p1.id, year: 2026, nature: "forecast", lines: line(50_000), supersededAt: new Date("2026-06-01") });
  await createBudgetStatement(db(), { productId: p1.id, year: 2026, nature: "forecast", revision: 2, lines: line(70_000) });
  await createBudgetStatement(db(), { productId: p2.id, year: 2025, nature: "forecast", lines: line(80_000) });
  await createBudgetStatement(db(), { productId: p5.id, year: 2024, nature: "actual", lines: line(30_000) });
  await createBudgetStatement(db(), { productId: p4.id, year: 2025, nature: "actual", lines: line(60_000) });

  // Indicators: Alpha reached its target, Bêta missed its past one (and its values are old), Êta
  // follows only a means indicator, without values.
  await createIndicator(db(), {
    productId: p1.id,
    matrixCode: "mau",
    targets: { create: [{ value: 1000, dueDate: day("2026-12-31") }] },
    values: [
      { periodStart: "2026-03-01", value: 800 },
      { periodStart: "2026-04-01", value: 900 },
      { periodStart: "2026-05-01", value: 1000 },
    ],
  });
  const betaUsers = await createIndicator(db(), {
    productId: p2.id,
    matrixCode: "mau",
    targets: { create: [{ value: 2000, dueDate: day("2026-03-31") }] },
    values: [{ periodStart: "2025-12-01", value: 500 }],
  });
  // On track by a hair: 2/3 of the way from 9 % to 3 % by June, 243 of 365 days gone (0.6658).
  await createIndicator(db(), {
    productId: p2.id,
    name: "Taux d'abandon",
    level: "usable",
    direction: "lower_is_better",
    baselineValue: 9,
    baselineDate: day("2025-10-01"),
    targets: { create: [{ value: 3, dueDate: day("2026-10-01") }] },
    values: [{ periodStart: "2026-05-01", value: 5 }],
  });
  await createIndicator(db(), { productId: p2.id, name: "Satisfaction", level: "useful", targets: { create: [{ value: 8, dueDate: day("2026-12-31") }] } });
  // Off track: 40 % of the way from 50 to 80 when 41 % of the time is gone.
  await createIndicator(db(), {
    productId: p2.id,
    name: "Démarches abouties",
    level: "useful",
    baselineValue: 50,
    baselineDate: day("2026-01-01"),
    targets: { create: [{ value: 80, dueDate: day("2026-12-31") }] },
    values: [
      { periodStart: "2026-04-01", value: 60 },
      { periodStart: "2026-05-01", value: 62 },
    ],
  });
  await db().indicatorValue.updateMany({ where: { indicator: { productId: p2.id } }, data: { updatedAt: new Date("2025-12-05T00:00:00Z") } });
  await createIndicator(db(), { productId: p7.id, kind: "means", name: "Fonctionnalités livrées" });

  // Governance: Alpha's decision was corrected (the correction stands); Bêta's has conditions.
  const corrected = await recordDecision(db(), {
    productId: p1.id,
    decidedOn: "2025-06-10",
    outcome: "extend",
    conditions: [{ description: "Condition d'une décision corrigée", dueDate: "2025-08-01" }],
  });
  await recordDecision(db(), { productId: p1.id, decidedOn: "2025-06-10", outcome: "continue", correctsId: corrected.id });
  await recordDecision(db(), {
    productId: p2.id,
    decidedOn: "2025-12-01",
    nextReviewDate: "2026-07-01",
    conditions: [
      { description: "Mesurer la satisfaction", ownerName: "Camille", dueDate: "2026-02-01" },
      { description: "Publier la page /stats", dueDate: "2026-01-01", status: "met" },
      { description: "Ouvrir le code", dueDate: "2026-09-01" },
    ],
  });
  await recordDecision(db(), { productId: p4.id, decidedOn: "2026-01-20", outcome: "stop", targetPhase: "abandon" });
  await recordDecision(db(), { productId: p5.id, decidedOn: "2025-10-01", outcome: "next_phase", targetPhase: "transfere" });
  await createCommitteeSession(db(), { incubatorId: a.id, startsAt: new Date("2025-06-10T08:00:00Z"), status: "held", productIds: [p1.id] });
  await createCommitteeSession(db(), { incubatorId: a.id, startsAt: new Date("2025-03-10T08:00:00Z"), status: "cancelled", productIds: [p1.id] });
  await createCommitteeSession(db(), { incubatorId: b.id, title: "Comité de septembre", startsAt: new Date("2026-09-15T08:00:00Z"), productIds: [p2.id, p5.id] });
  await createCommitteeSession(db(), { incubatorId: c.id, title: "Comité de juillet", startsAt: new Date("2026-07-01T08:00:00Z"), productIds: [p4.id] });

  const adminUser = await createUser(db());
  await assignRole(db(), { userId: adminUser.id, role: "platform_admin" });
  const investorUser = await createUser(db());
  await assignRole(db(), { userId: investorUser.id, role: "investor", organisationId: o1.id });
  const otherInvestor = await createUser(db());
  await assignRole(db(), { userId: otherInvestor.id, role: "investor", organisationId: o3.id });
  admin = { userId: adminUser.id, grants: [{ role: "platform_admin", incubatorId: null, productId: null, organisationId: null, committeeSessionId: null, isIntrapreneur: false }] };
  investor = { userId: investorUser.id, grants: [{ role: "investor", incubatorId: null, productId: null, organisationId: o1.id, committeeSessionId: null, isIntrapreneur: false }] };
  cookies = { admin: await signIn(adminUser.id), investor: await signIn(investorUser.id), otherInvestor: await signIn(otherInvestor.id) };
  ids = { p1: p1.id, p2: p2.id, betaUsers: betaUsers.id };
});

describe("lifecycle figures", () => {
  it("counts products by current phase, a product without history apart", async () => {
    const rows = await funnel(await query(admin));
    expect(Object.fromEntries(rows.map((r) => [r.phase ?? "none", r.products]))).toEqual({
      investigation: 1,
      construction: 1,
      acceleration: 1,
      consolidation: 0,
      opere: 0,
      transfere: 1,
      abandon: 1,
      "abandon-investigation": 1,
      none: 1,
    });
  });

  it("leaves the private product out for the public, and scopes ministries and incubators by primary or co-incubation", async () => {
    const publicFunnel = await funnel(await query(null));
    expect(publicFunnel.find((r) => r.phase === "abandon")?.products).toBe(0);
    expect(publicFunnel.reduce((sum, r) => sum + r.products, 0)).toBe(6);
    const ministry = await funnel(await query(admin, "ministry", "ecologie"));
    // Alpha, Bêta (co-incubated by A), Gamma, Delta (C), Zeta, Êta; not Epsilon (B only).
    expect(ministry.filter((r) => r.products > 0).map((r) => [r.phase, r.products])).toEqual([
      ["investigation", 1],
      ["construction", 1],
      ["acceleration", 1],
      ["abandon", 1],
      ["abandon-investigation", 1],
      [null, 1],
    ]);
    const incubatorB = await funnel(await query(admin, "incubator", "inc-b"));
    expect(incubatorB.filter((r) => r.products > 0).map((r) => r.phase)).toEqual(["construction", "transfere"]);
    const filtered = await funnel(await query(admin, "network", null, "incubateur=inc-a&phase=construction&phase=acceleration"));
    expect(filtered.filter((r) => r.products > 0).map((r) => r.phase)).toEqual(["construction", "acceleration"]);
  });

  it("counts the programme indicators per year", async () => {
    expect(await programme(await query(admin))).toEqual([
      { year: 2023, investigated: 1, launched: 1, stopped: 0, transferred: 0, nationalImpact: 0 },
      { year: 2024, investigated: 2, launched: 1, stopped: 1, transferred: 0, nationalImpact: 0 },
      { year: 2025, investigated: 1, launched: 1, stopped: 0, transferred: 1, nationalImpact: 1 },
      { year: 2026, investigated: 1, launched: 0, stopped: 1, transferred: 0, nationalImpact: 0 },
    ]);
  });

  it("computes survival by cohort and by incubator, a co-incubated product counting for both", async () => {
    const q = await query(admin);
    expect(await survivalByCohort(q)).toEqual([
      { cohort: 2023, products: 1, stopped: 0, rate: 1 },
      { cohort: 2024, products: 2, stopped: 1, rate: 0.5 },
      { cohort: 2025, products: 1, stopped: 1, rate: 0 },
      { cohort: 2026, products: 1, stopped: 0, rate: 1 },
    ]);
    expect(await survivalByIncubator(q)).toEqual([
      { slug: "inc-a", name: "Incubateur A", products: 4, stopped: 1, rate: 0.75 },
      { slug: "inc-b", name: "Incubateur B", products: 1, stopped: 0, rate: 1 },
      { slug: "inc-c", name: "Incubateur C", products: 1, stopped: 1, rate: 0 },
    ]);
  });

  it("gives the quartiles of closed phases, a phase ending the day the next starts included", async () => {
    const rows = await phaseDurations(await query(admin));
    expect(rows).toEqual([
      { phase: "investigation", closed: 4, q1: 59, median: 59.5, q3: 60.25, ongoing: 1 },
      { phase: "construction", closed: 3, q1: 307.5, median: 311, q3: 380, ongoing: 1 },
      { phase: "acceleration", closed: 1, q1: 761, median: 761, q3: 761, ongoing: 1 },
      { phase: "consolidation", closed: 0, q1: null, median: null, q3: null, ongoing: 0 },
      { phase: "opere", closed: 0, q1: null, median: null, q3: null, ongoing: 0 },
    ]);
  });

  it("draws the latest histories on the timeline, oldest first, with the total", async () => {
    const result = await timeline(await query(admin), 3);
    expect(result.total).toBe(6);
    expect(result.rows.map((r) => r.slug)).toEqual(["gamma", "delta", "eta"]);
    expect(result.rows[1].segments.map((s) => [s.phase, s.start.toISOString().slice(0, 10), s.end?.toISOString().slice(0, 10) ?? null])).toEqual([
      ["investigation", "2025-01-15", "2025-03-15"],
      ["construction", "2025-03-15", "2026-01-20"],
      ["abandon", "2026-01-20", "2026-01-20"],
    ]);
  });
});

describe("funding figures", () => {
  it("compares granted (prorated by days) and spent (actual, else current forecast) per year", async () => {
    expect((await funding(await query(admin), null)).byYear).toEqual([
      { year: 2023, grantedCents: 0, spentCents: 0 },
      { year: 2024, grantedCents: 0, spentCents: euros(30_000) },
      { year: 2025, grantedCents: euros(289_200), spentCents: euros(230_000) },
      { year: 2026, grantedCents: euros(9_000), spentCents: euros(70_000) },
    ]);
  });

  it("splits spending between funders by their share of each year's grants", async () => {
    expect((await funding(await query(admin), null)).byFunder).toEqual({
      funders: [
        { slug: "dgfip", name: "Direction générale des Finances publiques", acronym: "DGFiP", products: 2, grantedCents: euros(178_200), spentCents: euros(208_000) },
        { slug: "dgs", name: "Direction générale de la Santé", acronym: null, products: 1, grantedCents: euros(80_000), spentCents: euros(60_000) },
        { slug: "fast", name: "Fonds FAST", acronym: "FAST", products: 1, grantedCents: euros(40_000), spentCents: euros(32_000) },
      ],
      unattributedSpentCents: euros(30_000),
    });
  });

  it("sums funding by current phase, products without funding counted", async () => {
    const rows = (await funding(await query(admin), null)).byPhase;
    expect(rows.map((r) => [r.phase, r.products, r.grantedCents / 100, r.spentCents / 100])).toEqual([
      ["investigation", 1, 0, 0],
      ["construction", 1, 100_000, 80_000],
      ["acceleration", 1, 118_200, 160_000],
      ["transfere", 1, 0, 30_000],
      ["abandon", 1, 80_000, 60_000],
      ["abandon-investigation", 1, 0, 0],
      [null, 1, 0, 0],
    ]);
  });

  it("lists funded products with each funder's share", async () => {
    const result = (await funding(await query(admin), null)).byProduct;
    expect(result.total).toBe(4);
    expect(result.rows.map((r) => [r.slug, r.grantedCents / 100, r.spentCents / 100])).toEqual([
      ["alpha", 118_200, 160_000],
      ["beta", 100_000, 80_000],
      ["delta", 80_000, 60_000],
      ["epsilon", 0, 30_000],
    ]);
    expect(result.rows[1].funders.map((f) => [f.slug, f.cents / 100, f.share])).toEqual([
      ["dgfip", 60_000, 0.6],
      ["fast", 40_000, 0.4],
    ]);
    const firstTwo = (await funding(await query(admin), 2)).byProduct;
    expect([firstTwo.total, firstTwo.rows.length]).toEqual([4, 2]);
  });

  it("computes cost per use with the rules of cost-per-use.ts", async () => {
    const q = await query(admin);
    const { rows, summary } = await costs(q, null);
    expect(rows.map((r) => [r.slug, r.status, r.users, r.budgetEuros, r.budgetSource, r.budgetYear, r.costEuros])).toEqual([
      // Bêta: December 2025 users, a closed year without actual CP: the granted envelopes.
      ["beta", "computed", 500, 100_000, "granted", 2025, 200],
      // Alpha: May 2026 users, the year in progress: its granted part of the envelope across years.
      ["alpha", "computed", 1000, 9_000, "granted", 2026, 9],
      ["eta", "no-users-indicator", null, null, null, null, null],
    ]);
    expect(summary).toEqual({
      counts: { computed: 2, "no-users-indicator": 1, "no-users-value": 0, "zero-users": 0, "no-budget": 0 },
      q1: 56.75,
      median: 104.5,
      q3: 152.25,
    });
    const firstOnly = await costs(q, 1);
    expect([firstOnly.summary, firstOnly.rows.map((r) => r.slug)]).toEqual([summary, ["beta"]]);
    // Incubator C's only product is stopped: nothing to compute, and no product row.
    expect(await costs(await query(admin, "incubator", "inc-c"), null)).toEqual({
      summary: { counts: { computed: 0, "no-users-indicator": 0, "no-users-value": 0, "zero-users": 0, "no-budget": 0 }, q1: null, median: null, q3: null },
      rows: [],
    });
  });
});

describe("impact figures", () => {
  it("judges attainment in SQL as indicator-health.ts does", async () => {
    const sql = await indicatorAttainments(await query(admin));
    const indicators = await db().indicator.findMany({
      where: { id: { in: sql.map((s) => s.id) } },
      include: { targets: true, values: true },
    });
    const byName = Object.fromEntries(sql.map((row) => [indicators.find((x) => x.id === row.id)!.name, row.status]));
    expect(Object.values(byName).sort()).toEqual(["missed", "not-measured", "off-track", "on-track", "reached"]);
    expect([byName["Taux d'abandon"], byName["Satisfaction"], byName["Démarches abouties"]]).toEqual(["on-track", "not-measured", "off-track"]);
    for (const row of sql) {
      const i = indicators.find((x) => x.id === row.id)!;
      expect(row.status, i.name).toBe(attainment({ ...i, values: i.values, targets: i.targets }, AS_OF).status);
    }
    expect(sql.find((s) => s.id === ids.betaUsers)?.status).toBe("missed");
  });

  it("counts products meeting their targets, with stale indicators and without an impact indicator", async () => {
    const q = await query(admin);
    const { summary, rows } = await impact(q, null);
    expect(summary).toEqual({ activeProducts: 3, withTargets: 2, meetingTargets: 1, withoutImpactIndicator: 1 });
    // Bêta's values are old, Êta has none.
    expect((await portfolioAlerts(q)).staleIndicators).toBe(2);
    expect(rows.map((r) => [r.slug, r.targeted, r.good, r.hasImpactIndicator])).toEqual([
      ["eta", 0, 0, false],
      ["beta", 4, 1, true],
      ["alpha", 1, 1, true],
    ]);
    const firstOnly = await impact(q, 1);
    expect([firstOnly.summary, firstOnly.rows.length]).toEqual([summary, 1]);
  });
});

describe("governance figures", () => {
  it("counts committees held in the years and ahead, over the scope's agendas", async () => {
    const result = await committees(await query(admin));
    expect([result.held, result.upcoming]).toEqual([1, 2]);
    expect(result.next.map((s) => [s.title, s.products])).toEqual([
      ["Comité de juillet", 1],
      ["Comité de septembre", 2],
    ]);
    const mine = await committees(await query(investor, "organisation", "dgfip"));
    expect([mine.held, mine.upcoming, mine.next[0].products]).toEqual([1, 1, 1]);
  });

  it("counts overdue reviews, standing decisions by outcome and open conditions past due", async () => {
    const q = await query(admin);
    // Alpha: reviewed on 10 June 2025, due six months later; Bêta is due on 1 July 2026.
    expect((await portfolioAlerts(q)).overdueReviews).toBe(1);
    expect(await decisionsByYear(q)).toEqual([
      { year: 2025, outcome: "continue", decisions: 2 },
      { year: 2025, outcome: "next_phase", decisions: 1 },
      { year: 2026, outcome: "stop", decisions: 1 },
    ]);
    const conditions = await overdueConditions(q, null);
    expect(conditions.total).toBe(1);
    expect(conditions.rows.map((r) => [r.productSlug, r.description, r.ownerName])).toEqual([["beta", "Mesurer la satisfaction", "Camille"]]);
  });
});

describe("an investor's portfolio", () => {
  it("counts only the products its organisation funds, everywhere", async () => {
    const q = await query(investor, "organisation", "dgfip");
    const total = (await funnel(q)).reduce((sum, r) => sum + r.products, 0);
    expect(total).toBe(2);
    expect((await funding(q, null)).byYear).toEqual([
      { year: 2023, grantedCents: 0, spentCents: 0 },
      { year: 2024, grantedCents: 0, spentCents: 0 },
      { year: 2025, grantedCents: euros(209_200), spentCents: euros(170_000) },
      { year: 2026, grantedCents: euros(9_000), spentCents: euros(70_000) },
    ]);
    expect((await funding(q, null)).byProduct.rows.map((r) => r.slug)).toEqual(["alpha", "beta"]);
    expect((await costs(q, null)).rows.map((r) => r.slug)).toEqual(["beta", "alpha"]);
  });

  it("answers the page and its exports with those products only, and refuses another organisation's", async () => {
    const { data: view } = await organisationLoader(
      routeArgs("/tableau-de-bord/organisations/dgfip?du=2023&au=2026", { cookie: cookies.investor, params: { slug: "dgfip" } }),
    );
    expect(view.figures?.timeline.rows.map((r) => r.slug)).toEqual(["alpha", "beta"]);
    expect(view.figures?.internal?.funding.byProduct.rows.map((r) => r.slug)).toEqual(["alpha", "beta"]);
    for (const vue of ["chronologie", "financement-produits", "cout-par-usage", "impact", "entonnoir"]) {
      const response = await organisationCsvLoader(
        routeArgs(`/tableau-de-bord/organisations/dgfip.csv?du=2023&au=2026&vue=${vue}`, { cookie: cookies.investor, params: { slug: "dgfip" } }),
      );
      expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
      const text = await response.text();
      const slugs = text.split("\r\n").slice(1, -1).map((line) => line.split(",")[0]);
      if (vue === "entonnoir") expect(text.split("\r\n").slice(1, -1).reduce((sum, line) => sum + Number(line.split(",")[1]), 0)).toBe(2);
      else expect(new Set(slugs), vue).toEqual(new Set(["alpha", "beta"]));
    }
    for (const load of [organisationLoader, organisationCsvLoader]) {
      const refused = await thrown(load(routeArgs("/tableau-de-bord/organisations/dgfip.csv?vue=impact", { cookie: cookies.otherInvestor, params: { slug: "dgfip" } })));
      expect((refused as Response).status).toBe(403);
    }
  });
});

describe("the lists behind the figures", () => {
  const listed = async (search: string) => {
    const result = await portfolioLoader(routeArgs(`/${search}`, { cookie: cookies.admin }));
    expect(result.init?.status ?? 200, search).toBe(200);
    return result.data.products.map((p) => p.slug).sort();
  };

  it("finds the products behind the programme and cohort figures", async () => {
    expect(await listed("?entree=investigation&annee=2024")).toEqual(["beta", "gamma"]);
    expect(await listed("?entree=abandon&entree=abandon-investigation&annee=2024")).toEqual(["gamma"]);
    expect(await listed("?entree=impact-national&annee=2025")).toEqual(["epsilon"]);
    expect(await listed("?entree=investigation&annee=2024&phase=abandon&phase=abandon-investigation")).toEqual(["gamma"]);
    expect(await listed("?entree=construction&incubateur=inc-a")).toEqual(["alpha", "beta"]);
  });

  it("counts the alerts as the list they link to", async () => {
    const now = await query(admin, "ministry", "ecologie");
    const alerts = await portfolioAlerts({ ...now, asOf: new Date() });
    expect((await listed("?ministere=ecologie&revue=en-retard")).length).toBe(alerts.overdueReviews);
    expect((await listed("?ministere=ecologie&indicateurs=en-retard")).length).toBe(alerts.staleIndicators);
    expect(alerts.staleIndicators).toBeGreaterThan(0);
  });

  it("refuses a year without a milestone, and an unknown milestone", async () => {
    for (const search of ["?annee=2024", "?entree=lancement", "?entree=construction&annee=24"]) {
      const result = await portfolioLoader(routeArgs(`/${search}`, { cookie: cookies.admin }));
      expect(result.init?.status, search).toBe(400);
    }
  });
});

describe("CSV exports and the address", () => {
  it("exports a view as UTF-8 CSV with its documented columns", async () => {
    const response = await networkCsvLoader(routeArgs("/tableau-de-bord.csv?du=2023&au=2026&vue=financement-financeurs", { cookie: cookies.admin }));
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split("\r\n")).toEqual([
      // The decoder drops the byte-order mark checked above.
      "financeur,nom,sigle,produits,accorde_euros,depense_attribuee_euros",
      "dgfip,Direction générale des Finances publiques,DGFiP,2,178200.00,208000.00",
      "dgs,Direction générale de la Santé,,1,80000.00,60000.00",
      "fast,Fonds FAST,FAST,1,40000.00,32000.00",
      ",sans enveloppe accordée,,,0.00,30000.00",
      "",
    ]);
    const programmeCsv = await networkCsvLoader(routeArgs("/tableau-de-bord.csv?du=2025&au=2025&vue=programme", { cookie: cookies.admin }));
    expect(await programmeCsv.text()).toBe(
      "annee,investigations_lancees,constructions_lancees,arrets,transferts,impact_national\r\n2025,1,1,0,1,1\r\n",
    );
  });

  it("answers a bad address with French messages and a 400", async () => {
    for (const search of ["du=20x5", "du=2026&au=2024", "phase=inconnue", "incubateur=nulle-part", "vue=autre"]) {
      const result = await networkLoader(routeArgs(`/tableau-de-bord?${search}`, { cookie: cookies.admin }));
      expect(result.init?.status, search).toBe(400);
    }
    for (const search of ["", "vue=autre", "vue=programme&du=2026&au=2024"]) {
      const response = await networkCsvLoader(routeArgs(`/tableau-de-bord.csv?${search}`, { cookie: cookies.admin }));
      expect(response.status, search).toBe(400);
      expect(await response.text()).toMatch(/^L'export n'a pas pu être produit/);
    }
    // The public may export the lifecycle views, not the internal ones.
    expect((await networkCsvLoader(routeArgs("/tableau-de-bord.csv?vue=entonnoir"))).status).toBe(200);
    const signIn = await thrown(networkCsvLoader(routeArgs("/tableau-de-bord.csv?vue=financement-annees")));
    expect((signIn as Response).headers.get("Location")).toMatch(/^\/connexion\?redirectTo=/);
  });

  it("shows the public the lifecycle figures only", async () => {
    const { data: view } = await networkLoader(routeArgs("/tableau-de-bord"));
    expect(view.figures?.internal).toBeNull();
    expect(view.figures?.timeline.rows.map((r) => r.slug)).not.toContain("delta");
  });
});
