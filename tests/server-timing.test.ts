// The database time of a request: measured per request (concurrent requests never mix their
// figures), transactions included, parallel queries counted once; and the Server-Timing header the
// real server sends with JALON_SERVER_TIMING=1 (and only then).
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "~/config.server";
import { measureQueries, type QueryTiming } from "~/db/query-timing.server";
import { parseServerTiming } from "../scripts/bench/load";
import { copyTemplate, setupTestDatabase } from "./support/db";
import { startServer, targetEnv, type RunningServer } from "./support/server";

const db = setupTestDatabase();

async function measured(task: () => Promise<unknown>): Promise<QueryTiming & { elapsedMs: number }> {
  return measureQueries(async (timing) => {
    const started = performance.now();
    await task();
    return { ...timing(), elapsedMs: performance.now() - started };
  });
}

describe("measuring a request's queries", () => {
  it("counts each request's own statements, even when requests interleave", async () => {
    const [three, one] = await Promise.all([
      measured(async () => {
        for (let i = 0; i < 3; i++) await db().$queryRaw`SELECT 1 AS slept FROM pg_sleep(0.01)`;
      }),
      measured(() => db().product.count()),
    ]);
    expect(three.queries).toBe(3);
    expect(one.queries).toBe(1);
    // Three sleeps of 10 ms: the time is the database's.
    expect(three.databaseMs).toBeGreaterThanOrEqual(29);
    expect(three.databaseMs).toBeLessThanOrEqual(three.elapsedMs);
  });

  it("counts the statements of a transaction, its BEGIN and COMMIT included", async () => {
    const timing = await measured(() => db().$transaction(async (tx) => tx.$queryRaw`SELECT 1`));
    // BEGIN, the SELECT and COMMIT; PostgreSQL's adapter also sets the isolation level.
    expect(timing.queries).toBeGreaterThanOrEqual(3);
  });

  it("counts queries running side by side once in the time, never more than the request lasted", async () => {
    const timing = await measured(() =>
      Promise.all([db().$queryRaw`SELECT 1 AS slept FROM pg_sleep(0.05)`, db().$queryRaw`SELECT 1 AS slept FROM pg_sleep(0.05)`]),
    );
    expect(timing.queries).toBe(2);
    expect(timing.databaseMs).toBeGreaterThanOrEqual(49);
    expect(timing.databaseMs).toBeLessThanOrEqual(timing.elapsedMs);
  });

  it("leaves queries outside a measured request alone", async () => {
    await expect(db().user.count()).resolves.toBeGreaterThanOrEqual(0);
  });
});

describe("the JALON_SERVER_TIMING setting", () => {
  it("is off unless set to 1, and refuses anything else in one French sentence", () => {
    expect(loadConfig({}).serverTiming).toBe(false);
    expect(loadConfig({ JALON_SERVER_TIMING: "0" }).serverTiming).toBe(false);
    expect(loadConfig({ JALON_SERVER_TIMING: "1" }).serverTiming).toBe(true);
    expect(() => loadConfig({ JALON_SERVER_TIMING: "oui" })).toThrow("La variable JALON_SERVER_TIMING vaut « oui » : utilisez 0 ou 1.");
  });
});

describe("the Server-Timing header over HTTP", () => {
  const servers: RunningServer[] = [];
  const removals: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const server of servers) await server.stop();
    for (const remove of removals) await remove();
  });

  async function serve(env: Record<string, string>): Promise<RunningServer> {
    const copy = await copyTemplate();
    removals.push(copy.remove);
    const server = await startServer({ ...targetEnv(copy.target), JALON_DEMO_DATA: "0", ...env });
    servers.push(server);
    return server;
  }

  it("tells the database's time and statements against the request's, with JALON_SERVER_TIMING=1", async () => {
    const server = await serve({ JALON_SERVER_TIMING: "1" });
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    const header = page.headers.get("server-timing") ?? "";
    expect(header).toMatch(/^db;dur=\d+\.\d;desc="\d+ quer(y|ies)", total;dur=\d+\.\d$/);
    const timing = parseServerTiming(header);
    expect(timing.queries).toBeGreaterThan(0);
    expect(timing.databaseMs).toBeGreaterThan(0);
    expect(timing.databaseMs!).toBeLessThanOrEqual(timing.serverMs!);

    // A file served without the database: no statement.
    const robots = await fetch(`${server.url}/favicon.ico`);
    expect(parseServerTiming(robots.headers.get("server-timing") ?? undefined).queries).toBe(0);
  });

  it("sends no timing by default", async () => {
    const server = await serve({});
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("server-timing")).toBeNull();
  });
});
