// The demo portfolio: loaded once into an empty database, realistic against the doctrine (valid
// histories, committee decisions behind every phase change, monthly indicators, budgets), the same on
// every run, and N times larger at scale N but for its incubators, shared by groups of units. Also the
// `npm run db:seed` command's refusals.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createCommitteeSession,
  createBudgetStatement,
  createFundingEnvelope,
  createIncubator,
  createIndicator,
  createOrganisation,
  createProduct,
  recordDecision,
} from "~/db/seed/factories.server";
import { MINISTRIES, ORGANISATIONS, PRODUCTS } from "~/db/seed/demo-catalogue.server";
import { createPeople } from "~/db/seed/demo-people.server";
import { createPortfolio, UNITS_PER_INCUBATOR_GROUP } from "~/db/seed/demo-portfolio.server";
import { DEMO_ANCHOR } from "~/db/seed/demo-timeline";
import { createRandom, hashSeed } from "~/db/seed/random";
import { resetPortfolio, seedDemoIfEmpty, seedPortfolio } from "~/db/seed/seed.server";
import { addMonthsUtc, isoDay } from "~/domain/days";
import { checkFastCoFunding } from "~/domain/funding";
import { sumCents, toCents } from "~/domain/money";
import { currentPhase, historyProblems, PHASES, type Phase, type PhaseEntryLike } from "~/domain/phases";
import { openDatabase } from "~/db/connect.server";
import { projectPath } from "~/project-root.server";
import { copyTemplate, setupTestDatabase } from "./support/db";
import { targetEnv } from "./support/server";

const db = setupTestDatabase();

const MONTH_DAYS = 30.44;
const TERMINAL = new Set(["transfere", "abandon", "abandon-investigation"]);
const monthsBetween = (a: Date, b: Date) => (b.getTime() - a.getTime()) / (MONTH_DAYS * 86_400_000);

async function tableCounts() {
  const prisma = db();
  return {
    ministries: await prisma.ministry.count(),
    incubators: await prisma.incubator.count(),
    products: await prisma.product.count(),
    phases: await prisma.phaseEntry.count(),
    users: await prisma.user.count(),
    values: await prisma.indicatorValue.count(),
    decisions: await prisma.decision.count(),
    envelopes: await prisma.fundingEnvelope.count(),
    budgetLines: await prisma.budgetLine.count(),
    sessions: await prisma.committeeSession.count(),
    agendaItems: await prisma.agendaItem.count(),
    incubatorRoles: await prisma.roleAssignment.count({ where: { incubatorId: { not: null } } }),
  };
}

async function histories(): Promise<Map<string, PhaseEntryLike[]>> {
  const products = await db().product.findMany({
    select: { slug: true, phases: { select: { phase: true, startDate: true, endDate: true } } },
  });
  return new Map(products.map((p) => [p.slug, p.phases.map((e) => ({ ...e, phase: e.phase as Phase }))]));
}

describe("the demo portfolio", () => {
  let seeded = false;
  beforeAll(async () => {
    seeded = await seedDemoIfEmpty(db());
  });

  it("loads into an empty database once, and says so in AppMeta", async () => {
    expect(seeded).toBe(true);
    const meta = await db().appMeta.findUniqueOrThrow({ where: { key: "seed" } });
    expect(meta.value).toMatchObject({ kind: "demo", scale: 1 });
    const before = await tableCounts();
    expect(await seedDemoIfEmpty(db())).toBe(false);
    expect(await tableCounts()).toEqual(before);
  });

  it("spans several ministries, incubators and sponsors", async () => {
    const counts = await tableCounts();
    expect(counts.ministries).toBeGreaterThanOrEqual(3);
    expect(counts.incubators).toBeGreaterThanOrEqual(5);
    expect(counts.products).toBeGreaterThanOrEqual(40);
    const incubators = await db().incubator.findMany({ select: { ministryId: true, ownerOrganisationId: true } });
    expect(incubators.every((i) => i.ministryId && i.ownerOrganisationId)).toBe(true);
    const products = await db().product.findMany({
      select: { _count: { select: { sponsors: true, coIncubators: true } } },
    });
    expect(products.filter((p) => p._count.coIncubators > 0).length).toBeGreaterThanOrEqual(2);
    expect(products.filter((p) => p._count.sponsors >= 2).length).toBeGreaterThanOrEqual(3);
    expect(products.filter((p) => p._count.sponsors === 0).length).toBeGreaterThanOrEqual(1);
  });

  it("gives every product a valid history, over three years, with every phase current somewhere", async () => {
    const all = await histories();
    const problems = [...all].filter(([, history]) => historyProblems(history).length > 0).map(([slug]) => slug);
    expect(problems).toEqual([]);
    const current = new Set([...all.values()].map((history) => currentPhase(history, DEMO_ANCHOR)));
    expect([...current].sort()).toEqual([...PHASES].sort());
    const starts = [...all.values()].flat().map((e) => e.startDate.getTime());
    expect(Math.min(...starts)).toBeLessThanOrEqual(addMonthsUtc(DEMO_ANCHOR, -36).getTime());
    expect(Math.max(...starts)).toBeLessThanOrEqual(DEMO_ANCHOR.getTime());
  });

  it("keeps phase durations close to what the network observes", async () => {
    const ranges: Partial<Record<Phase, [number, number]>> = {
      investigation: [1.5, 5.5],
      construction: [6, 19],
      acceleration: [11, 31],
    };
    for (const entry of await db().phaseEntry.findMany({ where: { endDate: { not: null } } })) {
      const range = ranges[entry.phase as Phase];
      if (!range || !entry.endDate) continue;
      const months = monthsBetween(entry.startDate, entry.endDate);
      expect(months, `${entry.phase} of ${entry.productId}`).toBeGreaterThanOrEqual(range[0]);
      expect(months, `${entry.phase} of ${entry.productId}`).toBeLessThanOrEqual(range[1]);
    }
  });

  it("records a committee decision, on its day, behind every phase change", async () => {
    const entries = await db().phaseEntry.findMany({ where: { phase: { not: "investigation" } } });
    const decisions = await db().decision.findMany({ include: { session: true } });
    const key = (productId: string, phase: string | null, date: Date) => `${productId}|${phase}|${isoDay(date)}`;
    const decided = new Set(
      decisions
        .filter((d) => d.outcome === "next_phase" || d.outcome === "stop")
        .map((d) => key(d.productId, d.targetPhase, d.decidedOn)),
    );
    const undecided = entries.filter((e) => !decided.has(key(e.productId, e.phase, e.startDate)));
    expect(undecided).toEqual([]);
    expect(
      decisions
        .filter((d) => d.outcome === "stop")
        .every((d) => d.targetPhase === "abandon" || d.targetPhase === "abandon-investigation"),
    ).toBe(true);
    for (const decision of decisions) {
      expect(decision.session?.status).toBe("held");
      expect(isoDay(decision.session?.startsAt ?? new Date(0))).toBe(isoDay(decision.decidedOn));
      expect(decision.rationale.length).toBeGreaterThan(20);
      expect(decision.publicRationale?.length).toBeGreaterThan(20);
      if (decision.nextReviewDate) expect(decision.nextReviewDate > decision.decidedOn).toBe(true);
    }
    const gaps = decisions
      .filter((d) => d.nextReviewDate)
      .map((d) => monthsBetween(d.decidedOn, d.nextReviewDate as Date))
      .sort((a, b) => a - b);
    expect(gaps[Math.floor(gaps.length / 2)]).toBeGreaterThan(5);
    expect(gaps[Math.floor(gaps.length / 2)]).toBeLessThan(7);
    expect(await db().decisionCondition.count({ where: { status: "met" } })).toBeGreaterThan(0);
    expect(await db().decisionCondition.count({ where: { status: "open" } })).toBeGreaterThan(0);
  });

  it("holds past sessions with agenda, votes and a decision per item, and plans a few", async () => {
    const sessions = await db().committeeSession.findMany({
      include: { agenda: true, decisions: true, votes: true, members: true },
    });
    const held = sessions.filter((s) => s.status === "held");
    const planned = sessions.filter((s) => s.status === "planned");
    expect(held.length).toBeGreaterThan(50);
    expect(planned.length).toBeGreaterThanOrEqual(5);
    for (const session of held) {
      expect(session.startsAt < DEMO_ANCHOR).toBe(true);
      expect(session.agenda.length).toBeGreaterThan(0);
      expect(session.decisions.map((d) => d.productId).sort()).toEqual(session.agenda.map((a) => a.productId).sort());
      expect(session.votes.length).toBeGreaterThanOrEqual(3 * session.agenda.length);
      expect(session.members.some((m) => m.seat === "incubator_head")).toBe(true);
    }
    for (const session of planned) {
      expect(session.startsAt > DEMO_ANCHOR).toBe(true);
      expect(session.agenda.length).toBeGreaterThan(0);
      expect(session.decisions).toEqual([]);
    }
  });

  it("measures every built product monthly along the impact matrix", async () => {
    const products = await db().product.findMany({
      include: { phases: true, indicators: { include: { values: { orderBy: { periodStart: "asc" } } } } },
    });
    const built = products.filter((p) => p.phases.some((e) => e.phase === "construction"));
    expect(built.length).toBeGreaterThanOrEqual(30);
    for (const product of built) {
      const byCode = new Map(product.indicators.map((i) => [i.matrixCode, i]));
      expect(byCode.get("mau")?.level).toBe("used");
      expect(byCode.get("ease_of_use")?.level).toBe("usable");
      expect(byCode.get("annual_budget")?.level).toBe("efficient");
      expect(byCode.get("cost_per_use")?.level).toBe("efficient");
      expect(product.indicators.some((i) => i.level === "useful")).toBe(true);
      expect(product.indicators.some((i) => i.kind === "means")).toBe(true);
      // One value a month, without gaps, from the month construction started to the last month of activity.
      const month = (date: Date) => isoDay(date).slice(0, 7);
      const construction = product.phases.find((e) => e.phase === "construction")?.startDate ?? new Date(0);
      const ended = product.phases.find((e) => TERMINAL.has(e.phase))?.startDate ?? DEMO_ANCHOR;
      const mau = byCode.get("mau")?.values ?? [];
      expect(
        mau.map((v) => isoDay(v.periodStart)),
        product.slug,
      ).toEqual(mau.map((_, i) => isoDay(addMonthsUtc(mau[0].periodStart, i))));
      expect(month(mau[0].periodStart), product.slug).toBe(month(construction));
      expect(month(addMonthsUtc(mau[mau.length - 1].periodStart, 1)), product.slug).toBe(month(ended));
      // Cost per use is the annual budget divided by monthly active users, month by month.
      const budget = new Map(byCode.get("annual_budget")?.values.map((v) => [isoDay(v.periodStart), v.value]));
      for (const cost of byCode.get("cost_per_use")?.values ?? []) {
        const users = mau.find((v) => isoDay(v.periodStart) === isoDay(cost.periodStart))?.value ?? 0;
        expect(cost.value).toBeCloseTo((budget.get(isoDay(cost.periodStart)) ?? 0) / users, 1);
      }
    }
    const accelerated = built.filter((p) => p.phases.some((e) => e.phase === "acceleration"));
    const peaks = accelerated.map((p) =>
      Math.max(...(p.indicators.find((i) => i.matrixCode === "mau")?.values.map((v) => v.value) ?? [0])),
    );
    expect(Math.min(...peaks)).toBeGreaterThan(100);
    expect(await db().indicatorTarget.count()).toBeGreaterThan(100);
  });

  it("funds construction at about 500 k€ a year and acceleration at 1 to 2 M€", async () => {
    const year = 2025;
    const [from, to] = [new Date(Date.UTC(year, 0, 1)), new Date(Date.UTC(year + 1, 0, 1))];
    const products = await db().product.findMany({
      include: {
        phases: true,
        budgetStatements: { where: { year, nature: "actual", supersededAt: null }, include: { lines: true } },
      },
    });
    const spentIn = (phase: Phase) =>
      products
        .filter((p) =>
          p.phases.some((e) => e.phase === phase && e.startDate <= from && (!e.endDate || e.endDate >= to)),
        )
        .map((p) => sumCents(p.budgetStatements.flatMap((s) => s.lines.map((line) => toCents(line.paid)))) / 100);
    const construction = spentIn("construction");
    const acceleration = spentIn("acceleration");
    expect(construction.length + acceleration.length).toBeGreaterThan(0);
    for (const spent of construction) {
      expect(spent).toBeGreaterThan(350_000);
      expect(spent).toBeLessThan(700_000);
    }
    for (const spent of acceleration) {
      expect(spent).toBeGreaterThan(900_000);
      expect(spent).toBeLessThan(2_100_000);
    }
    // Several funders on many products, envelopes from committee decisions, FAST within its rule.
    const envelopes = await db().fundingEnvelope.findMany({ where: { status: "granted" } });
    const fundersOf = new Map<string, Set<string>>();
    for (const e of envelopes) fundersOf.set(e.productId, (fundersOf.get(e.productId) ?? new Set()).add(e.funderId));
    expect(fundersOf.size).toBeGreaterThan(30);
    expect([...fundersOf.values()].filter((funders) => funders.size > 1).length).toBeGreaterThan(10);
    expect(envelopes.filter((e) => e.decisionId !== null).length).toBeGreaterThan(envelopes.length / 2);
    const fastProducts = new Set(envelopes.filter((e) => e.origin === "fast").map((e) => e.productId));
    expect(fastProducts.size).toBeGreaterThan(3);
    for (const productId of fastProducts) {
      const own = envelopes
        .filter((e) => e.productId === productId)
        .map((e) => ({ ...e, cents: toCents(e.amount) }));
      expect(checkFastCoFunding(own), productId).toEqual({ ok: true });
    }
    // One current revision per product, year and nature; a closed year has its actual, the current
    // year its forecast.
    const current = await db().budgetStatement.groupBy({ by: ["nature"], where: { supersededAt: null, year: 2026 }, _count: true });
    expect(current.map((g) => g.nature)).toEqual(["forecast"]);
    expect(await db().budgetStatement.count({ where: { supersededAt: { not: null } } })).toBeGreaterThan(10);
  });

  it("offers each persona of the demo sign-in, with its role", async () => {
    const persona = (local: string) =>
      db().user.findUniqueOrThrow({ where: { email: `${local}@demo.jalon.example` }, include: { roles: true } });
    expect((await persona("admin")).roles.map((r) => r.role)).toEqual(["platform_admin"]);
    const head = await persona("responsable-incubateur");
    expect(head.roles).toEqual([expect.objectContaining({ role: "incubator_admin", incubatorId: expect.any(String) })]);
    expect((await persona("coach")).roles).toEqual([
      expect.objectContaining({ role: "coach", incubatorId: head.roles[0].incubatorId }),
    ]);
    expect((await persona("intrapreneure")).roles).toEqual([
      expect.objectContaining({ role: "team_member", isIntrapreneur: true, productId: expect.any(String) }),
    ]);
    expect((await persona("membre-comite")).roles).toEqual([
      expect.objectContaining({ role: "committee_member", incubatorId: head.roles[0].incubatorId }),
    ]);
    const investor = await persona("investisseur");
    expect(investor.roles).toEqual([expect.objectContaining({ role: "investor", organisationId: expect.any(String) })]);
    const funded = await db().fundingEnvelope.findMany({
      where: { funderId: investor.roles[0].organisationId ?? "" },
      distinct: ["productId"],
    });
    expect(funded.length).toBeGreaterThanOrEqual(3);
    // The sign-in page offers every account of the demo domain: only the personas are there.
    expect(await db().user.count({ where: { email: { endsWith: "@demo.jalon.example" } } })).toBe(6);
  });

  it("is the same on every run, and N times larger at scale N but for incubators, staff and sessions", async () => {
    const before = await tableCounts();
    const beforeHistories = await histories();
    await resetPortfolio(db());
    expect(await tableCounts()).toEqual(Object.fromEntries(Object.keys(before).map((k) => [k, 0])));
    expect(await db().appMeta.findUnique({ where: { key: "seed" } })).toBeNull();

    const counts = await seedPortfolio(db(), { scale: 2 });
    const after = await tableCounts();
    // Products and all that is theirs scale N× (the second unit's products draw their own histories,
    // so the figures are close to, not exactly, twice the demo's)…
    expect(counts.Product).toBe(2 * before.products);
    expect(after.products).toBe(counts.Product);
    expect(after.values).toBe(counts.IndicatorValue);
    expect(after.decisions).toBe(counts.Decision);
    for (const key of ["phases", "values", "decisions", "envelopes", "budgetLines", "agendaItems"] as const) {
      expect(after[key], key).toBeGreaterThan(1.8 * before[key]);
      expect(after[key], key).toBeLessThan(2.2 * before[key]);
    }
    // …but units share incubators (a real network has about 50 for 2,000 products), with their staff
    // and committee sessions: the second unit's products join the demo's sessions.
    expect(after.incubators).toBe(before.incubators);
    expect(after.incubatorRoles).toBe(before.incubatorRoles);
    expect(after.sessions).toBeGreaterThan(before.sessions);
    expect(after.sessions).toBeLessThan(1.5 * before.sessions);
    expect(counts.Ministry).toBe(before.ministries);
    const sessions = await db().committeeSession.findMany({
      include: { agenda: { include: { product: { select: { slug: true } } } }, decisions: true, members: true },
    });
    for (const session of sessions) {
      expect(session.agenda.map((a) => a.position).sort((a, b) => a - b)).toEqual(session.agenda.map((_, i) => i));
      expect(session.decisions.every((d) => session.agenda.some((a) => a.productId === d.productId))).toBe(true);
      expect(session.members.filter((m) => m.seat === "incubator_head").length).toBe(session.agenda.length > 0 ? 1 : 0);
    }
    const secondUnit = (slug: string) => slug.endsWith("-2") && !beforeHistories.has(slug);
    const mixed = sessions.filter(
      (s) => s.agenda.some((a) => secondUnit(a.product.slug)) && s.agenda.some((a) => !secondUnit(a.product.slug)),
    );
    expect(mixed.length).toBeGreaterThan(before.sessions / 2);
    const afterHistories = await histories();
    for (const [slug, history] of beforeHistories) expect(afterHistories.get(slug), slug).toEqual(history);
    expect((await db().appMeta.findUniqueOrThrow({ where: { key: "seed" } })).value).toMatchObject({ scale: 2 });
    await expect(seedPortfolio(db(), { scale: 1 })).rejects.toThrow(/resetPortfolio/);
    await expect(seedPortfolio(db(), { scale: 0 })).rejects.toThrow(RangeError);
  });
});

describe("the portfolio at scale", () => {
  it("shares incubators by groups of units, and keeps every session's agenda consistent", () => {
    // Built in memory: a database at this scale would take the test too long.
    const people = createPeople();
    const rng = createRandom(hashSeed("test reference"));
    const ref = {
      ministries: new Map(MINISTRIES.map((m) => [m.key, rng.uuid()])),
      organisations: new Map(ORGANISATIONS.map((o) => [o.key, rng.uuid()])),
      investors: new Map(ORGANISATIONS.map((o) => [o.key, people.person(rng)])),
      adminId: rng.uuid(),
    };
    const scale = UNITS_PER_INCUBATOR_GROUP + 1;
    const build = createPortfolio(ref, people, scale);
    const incubators = new Set<string>();
    const sessions = new Set<string>();
    const positions = new Map<string, number[]>();
    const slugs = new Set<string>();
    let products = 0;
    let demoIncubators = 0;
    for (let unit = 0; unit < scale; unit++) {
      const rows = build(unit);
      if (unit === 0) demoIncubators = rows.Incubator.length;
      for (const row of rows.Incubator) incubators.add(row.id);
      for (const row of rows.Product) {
        expect(incubators.has(row.primaryIncubatorId)).toBe(true);
        slugs.add(row.slug);
      }
      products += rows.Product.length;
      for (const row of rows.CommitteeSession) {
        expect(sessions.has(row.id), "a session is written once").toBe(false);
        sessions.add(row.id);
      }
      for (const row of rows.AgendaItem) {
        expect(sessions.has(row.sessionId), "a session is written before its agenda").toBe(true);
        positions.set(row.sessionId, [...(positions.get(row.sessionId) ?? []), row.position]);
      }
      for (const row of rows.Decision) expect(sessions.has(row.sessionId ?? "")).toBe(true);
    }
    expect(incubators.size).toBe(2 * demoIncubators);
    expect(slugs.size).toBe(products);
    expect(products).toBe(scale * PRODUCTS.length);
    for (const list of positions.values()) expect(list.sort((a, b) => a - b)).toEqual(list.map((_, i) => i));
    expect(Math.max(...[...positions.values()].map((list) => list.length))).toBeGreaterThan(UNITS_PER_INCUBATOR_GROUP);
  });
});

describe("the factories for committees, indicators and funding", () => {
  it("build records that satisfy the database's constraints", async () => {
    const incubator = await createIncubator(db());
    const funder = await createOrganisation(db());
    const product = await createProduct(db(), {
      primaryIncubatorId: incubator.id,
      phases: [{ phase: "investigation", start: "2025-01-06" }],
    });
    const indicator = await createIndicator(db(), {
      productId: product.id,
      matrixCode: "mau",
      values: [
        { periodStart: "2025-02-01", value: 120 },
        { periodStart: "2025-03-01", value: 180 },
      ],
    });
    expect(await db().indicatorValue.count({ where: { indicatorId: indicator.id } })).toBe(2);
    await createFundingEnvelope(db(), { productId: product.id, funderId: funder.id, amount: "41000.10" });
    const statement = await createBudgetStatement(db(), {
      productId: product.id,
      year: 2025,
      nature: "actual",
      lines: [{ activity: "development", resource: "staff", committed: 41_000.1, paid: "40000.05" }],
    });
    expect(statement.lines.map((line) => [line.committed.toString(), line.paid.toString()])).toEqual([["41000.1", "40000.05"]]);
    await expect(
      createBudgetStatement(db(), { productId: product.id, year: 2025, nature: "actual", revision: 2, lines: [] }),
    ).rejects.toThrow();
    const session = await createCommitteeSession(db(), {
      incubatorId: incubator.id,
      productIds: [product.id],
      status: "held",
    });
    const decision = await recordDecision(db(), {
      productId: product.id,
      sessionId: session.id,
      outcome: "next_phase",
      targetPhase: "construction",
      decidedOn: "2025-03-11",
      nextReviewDate: "2025-09-09",
      conditions: [{ description: "Mesurer l'usage à trois mois.", status: "open", dueDate: "2025-08-25" }],
    });
    expect(decision.conditions).toHaveLength(1);
    await expect(
      recordDecision(db(), { productId: product.id, decidedOn: "2025-03-11", nextReviewDate: "2025-03-01" }),
    ).rejects.toThrow();
  });
});

describe("npm run db:seed", () => {
  const run = promisify(execFile);
  const seedCommand = async (args: string[], env: Record<string, string>) => {
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    try {
      const { stdout, stderr } = await run(
        projectPath("node_modules", ".bin", "tsx"),
        ["scripts/db-seed.ts", ...args],
        {
          cwd: projectPath(),
          env: { ...inherited, NODE_ENV: "test", ...env },
        },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  it("explains its usage on bad arguments", async () => {
    for (const args of [
      ["--scale", "abc"],
      ["--scale", "0"],
      ["--echelle", "2"],
    ]) {
      const result = await seedCommand(args, { JALON_DATA_DIR: "/nonexistent/never-opened" });
      expect(result.code).toBe(2);
      expect(result.stderr.trim()).toMatch(/^Usage : npm run db:seed -- \[--scale N\]/);
    }
  });

  it("prints a configuration problem alone", async () => {
    const result = await seedCommand([], { JALON_DEMO_DATA: "oui" });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe("La variable JALON_DEMO_DATA vaut « oui » : utilisez 0 ou 1.");
  });

  it("refuses to erase products that the seed did not load", async () => {
    const copy = await copyTemplate();
    const database = openDatabase(copy.target);
    const incubator = await createIncubator(database.prisma);
    await createProduct(database.prisma, { primaryIncubatorId: incubator.id, slug: "vrai-produit" });
    await database.close();
    try {
      const result = await seedCommand([], targetEnv(copy.target));
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("vraies données");
      const reopened = openDatabase(copy.target);
      expect(await reopened.prisma.product.count()).toBe(1);
      await reopened.close();
    } finally {
      await copy.remove();
    }
  });
});
