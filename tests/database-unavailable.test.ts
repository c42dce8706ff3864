// An outage of the database (stopped, cut, saturated) answers 503 with Retry-After and a French
// message, never a 500: the errors are the real ones that pg, Prisma's adapter and Prisma throw. Over
// HTTP, the server reaches PostgreSQL through a relay that the test breaks on demand (PostgreSQL only:
// the embedded database cannot be cut; CI runs the suite again on PostgreSQL).
import net from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { database } from "~/db.server";
import { openDatabase } from "~/db/connect.server";
import { createIncubator, createProduct } from "~/db/seed/factories.server";
import { isDatabaseUnavailable } from "~/http/unavailable.server";
import { UNAVAILABLE_MESSAGE, UNAVAILABLE_TITLE } from "~/http/unavailable";
import { copyTemplate, setupTestDatabase } from "./support/db";
import { freePort, startServer, type RunningServer } from "./support/server";
import { startTcpRelay, type TcpRelay } from "./support/tcp-relay";
import { withAdminClient } from "./support/template";

const db = setupTestDatabase();

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
}

describe("what counts as an outage of the database", () => {
  it("a server where nothing listens, for model queries, raw queries and transactions", async () => {
    const nowhere = openDatabase({ kind: "postgresql", url: `postgresql://postgres@127.0.0.1:${await freePort()}/jalon` });
    try {
      const errors = [
        await failure(() => nowhere.prisma.user.findFirst()),
        await failure(() => nowhere.prisma.$queryRaw`SELECT 1`),
        await failure(() => nowhere.prisma.$transaction(async (tx) => tx.user.count())),
      ];
      for (const error of errors) expect(isDatabaseUnavailable(error), String(error)).toBe(true);
    } finally {
      await nowhere.close();
    }
  });

  it("a server that accepts connections and never answers (the pool gives up after its timeout)", async () => {
    const hole = net.createServer(() => undefined);
    await new Promise<void>((resolve) => hole.listen(0, "127.0.0.1", resolve));
    const silent = openDatabase({ kind: "postgresql", url: `postgresql://postgres@127.0.0.1:${(hole.address() as net.AddressInfo).port}/jalon` });
    try {
      const error = await failure(() => silent.prisma.user.findFirst());
      expect(String(error)).toMatch(/timeout/);
      expect(isDatabaseUnavailable(error)).toBe(true);
    } finally {
      void silent.close();
      hole.close();
    }
  });

  it.skipIf(inject("databaseTemplate").kind !== "postgresql")("every pooled connection busy (overload), for a query and a transaction", async () => {
    const target = database().target;
    if (target.kind !== "postgresql") throw new Error("PostgreSQL expected");
    const sleeping = `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid()`;
    // Ten connections per process (pg's default pool): ten long statements take them all.
    const busy = Array.from({ length: 10 }, () => db().$queryRaw`SELECT pg_sleep(30)::text`.then(() => undefined, () => undefined));
    await withAdminClient(target.url, async (c) => {
      await expect.poll(async () => (await c.query<{ n: number }>(sleeping)).rows[0].n).toBe(10);
      const [query, transaction] = await Promise.all([
        failure(() => db().user.findFirst()),
        failure(() => db().$transaction(async (tx) => tx.user.count())),
      ]);
      for (const error of [query, transaction]) {
        expect(String(error)).toContain("timeout exceeded when trying to connect");
        expect(isDatabaseUnavailable(error)).toBe(true);
      }
      await c.query(`SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid()`);
    });
    await Promise.all(busy);
  });

  it("not a refused write, a bad query or a bug", async () => {
    const incubator = await createIncubator(db());
    const duplicate = await failure(() => createIncubator(db(), { slug: incubator.slug }));
    const division = await failure(() => db().$queryRaw`SELECT 1 / 0`);
    for (const error of [duplicate, division, new TypeError("x is undefined"), new Response(null, { status: 404 })]) {
      expect(isDatabaseUnavailable(error), String(error)).toBe(false);
    }
  });
});

const template = inject("databaseTemplate");

describe.skipIf(template.kind !== "postgresql")("over HTTP, with PostgreSQL cut, silent, then back (PostgreSQL only)", () => {
  let relay: TcpRelay;
  let server: RunningServer;
  let remove: () => Promise<void>;
  let slug = "";

  beforeAll(async () => {
    const copy = await copyTemplate();
    remove = copy.remove;
    if (copy.target.kind !== "postgresql") throw new Error("PostgreSQL expected");
    const direct = openDatabase(copy.target);
    const incubator = await createIncubator(direct.prisma);
    slug = (await createProduct(direct.prisma, { primaryIncubatorId: incubator.id })).slug;
    await direct.close();
    const url = new URL(copy.target.url);
    relay = await startTcpRelay({ host: url.hostname, port: Number(url.port || 5432) });
    url.host = `127.0.0.1:${relay.port}`;
    server = await startServer({ DATABASE_URL: url.toString(), JALON_DEMO_DATA: "0" });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await relay?.close();
    await remove?.();
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, { headers, redirect: "manual", signal: AbortSignal.timeout(30_000) });

  async function expectOutageAnswers() {
    const page = await get(`/produits/${slug}`);
    const html = await page.text();
    expect(page.status).toBe(503);
    expect(page.headers.get("retry-after")).toBe("5");
    expect(html).toContain(UNAVAILABLE_TITLE);
    expect(html).toContain(UNAVAILABLE_MESSAGE);
    expect(html).not.toMatch(/Error:|\n\s+at |prisma/i);

    const api = await get("/api/public/v1/products");
    expect(api.status).toBe(503);
    expect(api.headers.get("retry-after")).toBe("5");
    expect(api.headers.get("access-control-allow-origin")).toBe("*");
    expect(await api.json()).toEqual({ error: UNAVAILABLE_MESSAGE });

    const file = await get("/produits.csv");
    expect(file.status).toBe(503);
    expect(await file.text()).toBe(UNAVAILABLE_MESSAGE);

    // A client-side navigation (Remix's data request) and a form post.
    const data = await get(`/produits/${slug}.data`);
    expect(data.status).toBe(503);
    expect(data.headers.get("retry-after")).toBe("5");
    const post = await fetch(`${server.url}/connexion`, {
      method: "POST",
      body: new URLSearchParams({ email: "personne@exemple.gouv.fr" }),
      redirect: "manual",
    });
    expect(post.status).toBe(503);
    expect(await post.text()).toContain(UNAVAILABLE_TITLE);
  }

  it("answers 200 while PostgreSQL answers", async () => {
    expect((await get(`/produits/${slug}`)).status).toBe(200);
    expect((await get("/api/public/v1/products")).status).toBe(200);
  });

  it("answers 503 with Retry-After when PostgreSQL refuses connections (stopped)", async () => {
    await relay.setMode("refuse");
    await expectOutageAnswers();
  });

  it("answers 503 when PostgreSQL accepts connections but never answers (the pool times out)", async () => {
    await relay.setMode("swallow");
    await expectOutageAnswers();
  });

  it("serves again as soon as PostgreSQL is back, without a restart; each outage was logged as such", async () => {
    await relay.setMode("forward");
    await expect.poll(async () => (await get(`/produits/${slug}`)).status, { timeout: 15_000 }).toBe(200);
    expect(server.output()).toContain("Base de données indisponible (GET /produits/");
    expect(server.output()).not.toMatch(/Unexpected Server Error|\n\s+at /);
  });
});
