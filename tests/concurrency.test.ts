// Writes at once through real HTTP against the built server, as a committee and the teams live them on
// committee day: 50 members voting at the same second and 20 teams entering their month's indicators at
// once lose no write. (tests/committee-session.test.ts checks the same 50 votes on castVote itself;
// here they go through the server, its sessions and its connection pool.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "~/auth/session.server";
import { installDatabase } from "~/db.server";
import { openDatabase } from "~/db/connect.server";
import {
  assignRole,
  createCommitteeSession,
  createIncubator,
  createIndicator,
  createProduct,
  createUser,
} from "~/db/seed/factories.server";
import { day } from "~/domain/days";
import { valueField } from "~/indicators/entry-form";
import { createTestDatabase, type TestDatabase } from "./support/db";
import { startServer, targetEnv, type RunningServer } from "./support/server";

const SECRET = "concurrency-secret-0123456789-abcdefghij";
process.env.SESSION_SECRETS = SECRET;

const VOTERS = 50;
const TEAMS = 20;
const INDICATORS_PER_TEAM = 3;
const OCTOBER = day("2025-10-01");

let testDb: TestDatabase;
let server: RunningServer;
let sessionId = "";
let agendaSlug = "";
const voters: string[] = [];
const teams: { slug: string; cookie: string; indicators: string[] }[] = [];

const cookieOf = async (userId: string) => (await createSession(userId, "demo", new Request("http://localhost/"))).split(";")[0];

beforeAll(async () => {
  testDb = await createTestDatabase();
  installDatabase(testDb.database);
  const db = testDb.database.prisma;
  const incubator = await createIncubator(db);
  const onAgenda = await createProduct(db, { primaryIncubatorId: incubator.id, phases: [{ phase: "investigation", start: "2025-01-06" }] });
  agendaSlug = onAgenda.slug;
  sessionId = (
    await createCommitteeSession(db, { incubatorId: incubator.id, startsAt: new Date(Date.now() - 60 * 60_000), productIds: [onAgenda.id] })
  ).id;
  for (let i = 0; i < VOTERS; i++) {
    const member = await createUser(db);
    await assignRole(db, { userId: member.id, role: "committee_member", incubatorId: incubator.id });
    voters.push(await cookieOf(member.id));
  }
  for (let i = 0; i < TEAMS; i++) {
    const product = await createProduct(db, { primaryIncubatorId: incubator.id });
    const indicators = [];
    for (let k = 0; k < INDICATORS_PER_TEAM; k++) {
      indicators.push((await createIndicator(db, { productId: product.id, name: `Indicateur ${k + 1}`, createdAt: day("2025-01-01") })).id);
    }
    const member = await createUser(db);
    await assignRole(db, { userId: member.id, role: "team_member", productId: product.id });
    teams.push({ slug: product.slug, cookie: await cookieOf(member.id), indicators });
  }
  // The server process opens the same data: the test process lets go of it first.
  await testDb.database.close();
  server = await startServer({ ...targetEnv(testDb.target), SESSION_SECRETS: SECRET, JALON_DEMO_DATA: "0" });
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await testDb?.remove();
});

function post(path: string, cookie: string, fields: Record<string, string>) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
}

describe("writes at once through HTTP", () => {
  it(`loses none of ${VOTERS} votes and ${TEAMS} teams' values sent at the same moment`, async () => {
    const votes = voters.map((cookie, i) =>
      post(`/comites/${sessionId}/produits/${agendaSlug}`, cookie, { intent: "vote", choice: i % 5 === 0 ? "extend" : "continue" }),
    );
    const entries = teams.map((team, t) =>
      post(`/produits/${team.slug}/indicateurs/saisie`, team.cookie, {
        periode: "2025-10",
        intent: "enter",
        ...Object.fromEntries(team.indicators.map((id, k) => [valueField(id, OCTOBER), String(t * 100 + k)])),
      }),
    );
    const answers = await Promise.all([...votes, ...entries]);
    // On failure, the server's log says why.
    expect(answers.map((a) => a.status), server.output().slice(-4000)).toEqual(answers.map(() => 302));

    // Counted in the server's data once it has stopped: the embedded database admits one process.
    await server.stop();
    const database = openDatabase(testDb.target);
    try {
      const db = database.prisma;
      expect(await db.vote.count({ where: { sessionId } })).toBe(VOTERS);
      expect(await db.vote.count({ where: { sessionId, choice: "extend" } })).toBe(VOTERS / 5);
      expect((await db.vote.groupBy({ by: ["voterId"], where: { sessionId } })).length).toBe(VOTERS);
      const values = await db.indicatorValue.findMany({
        where: { indicatorId: { in: teams.flatMap((t) => t.indicators) } },
        select: { indicatorId: true, periodStart: true, value: true },
      });
      const byId = (a: { indicatorId: string }, b: { indicatorId: string }) => a.indicatorId.localeCompare(b.indicatorId);
      expect(values.map((v) => ({ indicatorId: v.indicatorId, periodStart: v.periodStart, value: Number(v.value) })).sort(byId)).toEqual(
        teams.flatMap((team, t) => team.indicators.map((id, k) => ({ indicatorId: id, periodStart: OCTOBER, value: t * 100 + k }))).sort(byId),
      );
    } finally {
      await database.close();
    }
  });
});
