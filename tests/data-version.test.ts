// The dashboard figures cache (docs/decisions/021-dashboard-figures-cache.md): the data version that
// validates it is kept by a trigger on every domain table, moves with each committed write and reads
// NULL while a write is in flight; a page seen again runs no aggregate; each main kind of write shows
// on the next request, in the same process and, on PostgreSQL, from another process through HTTP.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Actor } from "~/auth/permissions";
import { createSession } from "~/auth/session.server";
import { loadDashboard, type DashboardView } from "~/dashboards/dashboard.server";
import type { DashboardScope } from "~/dashboards/scope.server";
import { closeDatabase, db, installDatabase } from "~/db.server";
import { dataVersion } from "~/db/data-version.server";
import { measureQueries } from "~/db/query-timing.server";
import {
  assignRole,
  createFundingEnvelope,
  createIncubator,
  createIndicator,
  createOrganisation,
  createProduct,
  createUser,
  recordDecision,
  type Db,
} from "~/db/seed/factories.server";
import { isoDay } from "~/domain/days";
import { parseServerTiming } from "../scripts/bench/load";
import { createTestDatabase, type TestDatabase } from "./support/db";
import { startServer, targetEnv, type RunningServer } from "./support/server";

const template = inject("databaseTemplate");
const SECRET = "dashboard-cache-secret-0123456789-abcdefgh";
process.env.SESSION_SECRETS = SECRET;

/** Tables whose changes feed no figure: no trigger, by design (the migration's list). */
const UNVERSIONED_TABLES = ["ApiToken", "AppMeta", "AuditLog", "JobLock", "LoginToken", "RateLimitCounter", "Session", "User", "_prisma_migrations"];

const NETWORK: DashboardScope = { kind: "network", id: null, slug: null, name: "Réseau" };
const ADMIN: Actor = {
  userId: "00000000-0000-4000-8000-000000000000",
  grants: [{ role: "platform_admin", incubatorId: null, productId: null, organisationId: null, committeeSessionId: null, isIntrapreneur: false }],
};

const DAY_MS = 86_400_000;
const daysAgo = (days: number) => isoDay(new Date(Date.now() - days * DAY_MS));
const year = new Date().getUTCFullYear();

interface Portfolio {
  productId: string;
  mauId: string;
  incubatorId: string;
  adminId: string;
}

/** One active product with an "mau" indicator without values, granted money over this year and the last. */
async function seedPortfolio(client: Db): Promise<Portfolio> {
  const incubator = await createIncubator(client);
  const funder = await createOrganisation(client, { name: "Financeur Un" });
  const product = await createProduct(client, {
    primaryIncubatorId: incubator.id,
    phases: [
      { phase: "investigation", start: daysAgo(400) },
      { phase: "construction", start: daysAgo(200) },
    ],
  });
  const mau = await createIndicator(client, { productId: product.id, matrixCode: "mau" });
  await createFundingEnvelope(client, { productId: product.id, funderId: funder.id, status: "granted", start: `${year - 1}-01-01`, end: `${year}-12-31` });
  const admin = await createUser(client);
  await assignRole(client, { userId: admin.id, role: "platform_admin" });
  return { productId: product.id, mauId: mau.id, incubatorId: incubator.id, adminId: admin.id };
}

/** The main kinds of write, each with what it changes on the page's summaries (`<figcaption>` texts). */
function writes(client: Db, portfolio: Portfolio) {
  return [
    {
      kind: "an indicator value",
      write: () => client.indicatorValue.create({ data: { indicatorId: portfolio.mauId, periodStart: new Date(`${daysAgo(40).slice(0, 8)}01T00:00:00Z`), value: 500 } }),
      figures: (f: Figures) => f.internal?.funding.costs.rows.map((r) => r.users),
      summary: (s: Summaries) => s["Coût par usage des produits actifs"].startsWith("Médiane"),
    },
    {
      kind: "a funding envelope",
      write: async () => {
        const funder = await createOrganisation(client, { name: "Financeur Deux" });
        await createFundingEnvelope(client, { productId: portfolio.productId, funderId: funder.id, status: "granted", start: `${year}-01-01`, end: `${year}-12-31` });
      },
      figures: (f: Figures) => f.internal?.funding.byFunder.funders.map((r) => r.name),
      summary: (s: Summaries) => s["Par financeur"].startsWith("2 financeurs"),
    },
    {
      kind: "a decision",
      write: () => recordDecision(client, { productId: portfolio.productId, decidedOn: daysAgo(0) }),
      figures: (f: Figures) => f.internal?.governance.decisions,
      summary: (s: Summaries) => s["Décisions par année"].includes(`${year} : 1 poursuite`),
    },
    {
      kind: "a phase entry",
      write: () => client.phaseEntry.create({ data: { productId: portfolio.productId, phase: "acceleration", startDate: new Date(`${daysAgo(0)}T00:00:00Z`) } }),
      figures: (f: Figures) => f.funnel.filter((r) => r.products > 0).map((r) => r.phase),
      summary: (s: Summaries) => s["Produits par phase actuelle"].includes("1 en « Accélération »"),
    },
    {
      kind: "a product",
      write: () => createProduct(client, { primaryIncubatorId: portfolio.incubatorId, phases: [{ phase: "investigation", start: daysAgo(1) }] }),
      figures: (f: Figures) => f.funnel.reduce((sum, r) => sum + r.products, 0),
      summary: (s: Summaries) => s["Produits par phase actuelle"].startsWith("2 produits"),
    },
  ];
}

type Figures = NonNullable<DashboardView["figures"]>;
type Summaries = Record<string, string>;

async function figuresOf(actor: Actor | null): Promise<{ figures: Figures; queries: number }> {
  return measureQueries(async (timing) => {
    const { view } = await loadDashboard(actor, NETWORK, new URL("http://localhost/tableau-de-bord"));
    return { figures: view.figures!, queries: timing().queries };
  });
}

describe("the data version and the figures cache, in one process", () => {
  let testDb: TestDatabase;
  let portfolio: Portfolio;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    installDatabase(testDb.database);
    portfolio = await seedPortfolio(db());
  });
  afterAll(async () => {
    await closeDatabase();
    await testDb?.remove();
  });

  it("is kept by a statement trigger on every table but those feeding no figure", async () => {
    const rows = await db().$queryRaw<{ table: string; events: string[] }[]>`
      SELECT c.relname AS table, coalesce(array_agg(
        CASE WHEN t.tgtype & 67 = 0 AND t.tgtype & 60 = 60 THEN 'statement: insert, update, delete, truncate' ELSE 'incomplete' END
      ) FILTER (WHERE t.tgname IS NOT NULL), '{}') AS events
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_trigger t ON t.tgrelid = c.oid AND t.tgname = 'jalon_data_changed'
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
      GROUP BY c.relname ORDER BY c.relname`;
    const versioned = rows.filter((r) => !UNVERSIONED_TABLES.includes(r.table));
    expect(versioned.length).toBeGreaterThan(20);
    for (const row of versioned) expect([row.table, row.events]).toEqual([row.table, ["statement: insert, update, delete, truncate"]]);
    for (const row of rows.filter((r) => UNVERSIONED_TABLES.includes(r.table))) expect([row.table, row.events]).toEqual([row.table, []]);
    // A name in the list that is no table any more is a list to update.
    expect(UNVERSIONED_TABLES.filter((name) => !rows.some((r) => r.table === name))).toEqual([]);
  });

  it("moves with each committed change to a domain table, not with reads nor with sessions", async () => {
    const before = await dataVersion();
    expect(before).not.toBeNull();
    await db().product.count();
    await db().user.update({ where: { id: portfolio.adminId }, data: { name: "Administratrice" } });
    expect(await dataVersion()).toBe(before);
    await db().incubator.update({ where: { id: portfolio.incubatorId }, data: { name: "Incubateur renommé" } });
    const after = await dataVersion();
    expect(after! > before!).toBe(true);
  });

  it("is read by simultaneous requests without any of them reading NULL", async () => {
    const versions = await Promise.all(Array.from({ length: 20 }, () => dataVersion()));
    expect(new Set(versions).size).toBe(1);
    expect(versions[0]).not.toBeNull();
  });

  it("serves a page seen again without any aggregate, and shares one computation among simultaneous requests", async () => {
    const first = await figuresOf(ADMIN);
    const again = await figuresOf(ADMIN);
    expect(again.figures).toEqual(first.figures);
    // The data version only: neither a figure nor the filters' lists are read again.
    expect(again.queries).toBe(1);
    // The aggregates (six lifecycle statements, eight for funding, impact and governance) are gone.
    expect(first.queries - again.queries).toBeGreaterThanOrEqual(10);

    // Another platform admin shares the entry; the public has its own.
    expect((await figuresOf({ ...ADMIN, userId: portfolio.adminId })).queries).toBe(again.queries);
    const visitor = await figuresOf(null);
    expect(visitor.figures.internal).toBeNull();
    expect(visitor.queries).toBeGreaterThan(again.queries);

    await db().incubator.update({ where: { id: portfolio.incubatorId }, data: { name: "Incubateur A" } });
    const together = await Promise.all(Array.from({ length: 5 }, () => figuresOf(ADMIN)));
    const queries = together.map((t) => t.queries).sort((a, b) => b - a);
    // One request computes, the four others wait for its figures.
    expect(queries[0]).toBe(first.queries);
    expect(queries.slice(1)).toEqual([again.queries, again.queries, again.queries, again.queries]);
  });

  it("shows each main kind of write on the next request after it was kept", async () => {
    for (const { kind, write, figures } of writes(db(), portfolio)) {
      const kept = figures((await figuresOf(ADMIN)).figures);
      expect(figures((await figuresOf(ADMIN)).figures), kind).toEqual(kept);
      await write();
      expect(figures((await figuresOf(ADMIN)).figures), kind).not.toEqual(kept);
    }
  });

  it.skipIf(template.kind !== "postgresql")(
    "reads NULL while another connection's transaction has written a domain table and not committed yet (PostgreSQL)",
    async () => {
      if (testDb.target.kind !== "postgresql") return;
      const other = new pg.Client({ connectionString: testDb.target.url });
      await other.connect();
      try {
        const before = await dataVersion();
        await other.query("BEGIN");
        await other.query(`SELECT count(*) FROM "Product"`);
        // Reading is no write: the version stays readable.
        expect(await dataVersion()).toBe(before);
        await other.query(`UPDATE "Incubator" SET name = 'Incubateur B' WHERE id = $1`, [portfolio.incubatorId]);
        expect(await dataVersion()).toBeNull();
        // Figures are then computed, not kept: the next request computes again.
        const during = await figuresOf(ADMIN);
        expect((await figuresOf(ADMIN)).queries).toBe(during.queries);
        await other.query("COMMIT");
        const after = await dataVersion();
        expect(after! > before!).toBe(true);
      } finally {
        await other.end();
      }
    },
  );
});

describe("the figures cache over HTTP", () => {
  let copy: TestDatabase;
  let writer: Db | null = null;
  let server: RunningServer;
  let portfolio: Portfolio;
  let cookie = "";

  beforeAll(async () => {
    copy = await createTestDatabase();
    installDatabase(copy.database);
    portfolio = await seedPortfolio(db());
    cookie = (await createSession(portfolio.adminId, "demo", new Request("http://localhost/"))).split(";")[0];
    // The embedded database admits one process: the test lets go of it. PostgreSQL keeps the
    // test's connection, another process writing beside the server.
    if (copy.target.kind === "pglite") await closeDatabase();
    else writer = db();
    server = await startServer({ ...targetEnv(copy.target), SESSION_SECRETS: SECRET, JALON_DEMO_DATA: "0", JALON_SERVER_TIMING: "1" });
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await closeDatabase();
    await copy?.remove();
  });

  async function page(): Promise<{ summaries: Summaries; queries: number }> {
    const response = await fetch(`${server.url}/tableau-de-bord`, { headers: { cookie } });
    expect(response.status, server.output().slice(-2000)).toBe(200);
    const html = await response.text();
    const summaries = Object.fromEntries(
      [...html.matchAll(/<figcaption><h3[^>]*>([^<]*)<\/h3><p[^>]*>([^<]*)<\/p>/g)].map(([, title, text]) => [title, text.replace(/&#x27;/g, "'")]),
    );
    return { summaries, queries: parseServerTiming(response.headers.get("server-timing") ?? undefined).queries ?? 0 };
  }

  it("answers a page seen again without recomputing its figures", async () => {
    const first = await page();
    const again = await page();
    expect(again.summaries).toEqual(first.summaries);
    expect(first.summaries["Produits par phase actuelle"]).toMatch(/^1 produit/);
    // The fourteen aggregate statements are gone (the session's own statements vary from one request to the next).
    expect(first.queries - again.queries).toBeGreaterThanOrEqual(10);
  });

  it.skipIf(template.kind !== "postgresql")("shows a write committed by another process on the next request (PostgreSQL)", async () => {
    for (const { kind, write, summary } of writes(writer!, portfolio)) {
      const before = await page();
      expect(summary(before.summaries), `${kind}: ${JSON.stringify(before.summaries)}`).toBe(false);
      await write();
      const after = await page();
      expect(summary(after.summaries), `${kind}: ${JSON.stringify(after.summaries)}`).toBe(true);
    }
  });
});
