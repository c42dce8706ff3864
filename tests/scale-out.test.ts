// Scale-out: two Jalon processes on one PostgreSQL behind a round-robin balancer on loopback, so that
// consecutive requests of one client land on different processes. Both start at once on an empty
// database (migrations and demo seeding each run once); a session opened through one process works
// through the other; rate limits count across both; a sign-in link issued by one is spent by the other,
// once. The embedded database admits a single process, so this part runs on PostgreSQL only (CI runs
// the suite again on PostgreSQL; locally: JALON_TEST_DATABASE_URL=postgresql://…).
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadConfig } from "~/config.server";
import { openDatabase, type Database } from "~/db/connect.server";
import { createUser } from "~/db/seed/factories.server";
import { readMigrations } from "~/db/migrations.server";
import { startBalancer, type Balancer } from "./support/balancer";
import { readFileSync } from "node:fs";
import { occurrences, runUntilExit, startServer, type RunningServer } from "./support/server";
import { startSmtpServer, type TestSmtpServer } from "./support/smtp";
import { databaseUrl, withAdminClient } from "./support/template";

describe("TRUST_PROXY", () => {
  it("is the number of load balancers in front of Jalon, and refuses anything else in French", () => {
    expect(loadConfig({}).trustProxyHops).toBe(0);
    expect(loadConfig({ TRUST_PROXY: "1" }).trustProxyHops).toBe(1);
    expect(() => loadConfig({ TRUST_PROXY: "oui" })).toThrow(
      "La variable TRUST_PROXY vaut « oui » : indiquez le nombre de relais (répartiteurs de charge) devant Jalon, par exemple 1.",
    );
  });
});

describe("JALON_WORKERS", () => {
  it("is a number of processes from 1 to 64, PostgreSQL only, refused otherwise in French", async () => {
    const postgresql = "postgresql://jalon@127.0.0.1:5432/jalon";
    expect(loadConfig({}).workers).toBe(1);
    expect(loadConfig({ DATABASE_URL: postgresql, JALON_WORKERS: "4" }).workers).toBe(4);
    expect(() => loadConfig({ DATABASE_URL: postgresql, JALON_WORKERS: "0" })).toThrow(
      "La variable JALON_WORKERS vaut « 0 » : indiquez un nombre de processus entre 1 et 64.",
    );
    const embedded = "La base embarquée n'admet qu'un seul processus : JALON_WORKERS au-delà de 1 demande une base PostgreSQL (DATABASE_URL).";
    expect(() => loadConfig({ JALON_WORKERS: "2" })).toThrow(embedded);
    // The server refuses to start rather than fork processes that would share one embedded database.
    const started = await runUntilExit({ JALON_WORKERS: "2", PORT: "3999" });
    expect(started.code).toBe(1);
    expect(started.stderr).toContain(embedded);
  });
});

const template = inject("databaseTemplate");

/** The processes a server forked (JALON_WORKERS), read from /proc. */
const childrenOf = (pid: number) =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);

describe.skipIf(template.kind !== "postgresql")(
  "two processes behind a round-robin balancer (PostgreSQL only: the embedded database admits one process)",
  () => {
    const adminUrl = template.kind === "postgresql" ? template.adminUrl : "";
    const name = `jalon_scale_${process.pid}_${Date.now()}`;
    let servers: RunningServer[] = [];
    let balancer: Balancer;
    let smtp: TestSmtpServer;
    let database: Database;

    beforeAll(async () => {
      await withAdminClient(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
      smtp = await startSmtpServer();
      const env = {
        DATABASE_URL: databaseUrl(adminUrl, name),
        JALON_DEMO_DATA: "1",
        SMTP_URL: smtp.url,
        APP_URL: "https://jalon.test",
        TRUST_PROXY: "1",
      };
      // At the same moment, on an empty database: both migrate and seed if nothing serialises them.
      servers = await Promise.all([startServer(env), startServer(env)]);
      balancer = await startBalancer(servers.map((s) => s.url));
      database = openDatabase({ kind: "postgresql", url: databaseUrl(adminUrl, name) });
    }, 240_000);

    afterAll(async () => {
      await balancer?.close();
      await Promise.all(servers.map((s) => s.stop()));
      await database?.close();
      await smtp?.close();
      await withAdminClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    });

    const form = (fields: Record<string, string>) => ({
      method: "POST",
      body: new URLSearchParams(fields),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      redirect: "manual" as const,
    });
    const askForLink = (email: string) => fetch(`${balancer.url}/connexion`, form({ email }));

    it("migrates and seeds once when both processes start together", async () => {
      const migrated = servers.filter((s) => s.output().includes("Migrations appliquées"));
      const seeded = servers.filter((s) => s.output().includes("données de démonstration chargées"));
      expect(migrated).toHaveLength(1);
      expect(seeded).toHaveLength(1);
      const migrations = await database.prisma.$queryRaw<{ migration_name: string; finished_at: Date | null }[]>`
        SELECT migration_name, finished_at FROM _prisma_migrations`;
      const expected = (await readMigrations()).migrationDirectories.map((d) => d.path);
      expect(migrations.map((m) => m.migration_name).sort()).toEqual(expected);
      expect(migrations.every((m) => m.finished_at !== null)).toBe(true);
      expect(await database.prisma.appMeta.count({ where: { key: "seed" } })).toBe(1);
    });

    it("spends a sign-in link of one process on the other, once, and keeps the session on both", async () => {
      await createUser(database.prisma, { email: "agente.repartie@exemple.gouv.fr", name: "Agente Répartie" });
      const before = [...balancer.served];
      expect((await askForLink("agente.repartie@exemple.gouv.fr")).status).toBe(200);
      const mail = smtp.mails.at(-1);
      expect(mail?.to).toEqual(["agente.repartie@exemple.gouv.fr"]);
      const text = (mail?.raw ?? "").replace(/=\r?\n/g, "").replace(/=3D/g, "=");
      const jeton = /connexion\/lien\?jeton=([\w-]+)/.exec(text)?.[1] ?? "";
      expect(jeton).not.toBe("");

      const spent = await fetch(`${balancer.url}/connexion/lien`, form({ jeton }));
      expect(spent.status).toBe(302);
      const cookie = (spent.headers.get("set-cookie") ?? "").split(";")[0];
      expect(cookie).toMatch(/^jalon_session=./);

      // The next requests alternate between the processes: each knows the session.
      for (let i = 0; i < 4; i++) {
        const page = await fetch(`${balancer.url}/compte`, { headers: { Cookie: cookie }, redirect: "manual" });
        expect(page.status, `request ${i}`).toBe(200);
        expect(await page.text()).toContain("Répartie");
      }
      // Reused through either process, the link is refused.
      for (let i = 0; i < 2; i++) expect((await fetch(`${balancer.url}/connexion/lien`, form({ jeton }))).status).toBe(400);
      const served = balancer.served.map((count, i) => count - before[i]);
      expect(Math.min(...served)).toBeGreaterThanOrEqual(3);
    });

    it("counts rate limits across both processes", async () => {
      // Per address: 3 links every 15 minutes; the first went to the sign-in above.
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await askForLink("agente.repartie@exemple.gouv.fr")).status);
      expect(statuses).toEqual([200, 200, 429]);
      // Per client address (the balancer's X-Forwarded-For, TRUST_PROXY=1): 10 every 15 minutes, whatever the process.
      const others = [];
      for (let i = 0; i < 7; i++) others.push((await askForLink(`inconnu.${i}@exemple.gouv.fr`)).status);
      expect(others).toEqual([200, 200, 200, 200, 200, 200, 429]);
      const refused = await askForLink("encore@exemple.gouv.fr");
      expect(refused.status).toBe(429);
      expect(await refused.text()).toContain("Trop de tentatives. Réessayez dans 15 minutes.");
      const counters = await database.prisma.rateLimitCounter.findMany({ where: { key: { startsWith: "magic-link:ip:" } } });
      expect(counters.map((c) => c.key)).toEqual(["magic-link:ip:127.0.0.1"]);
    });

    it("serves from N processes with JALON_WORKERS=N, replaces one that dies, and stops them all", async () => {
      const cluster = await startServer({ DATABASE_URL: databaseUrl(adminUrl, name), JALON_WORKERS: "2" });
      try {
        expect(occurrences(cluster.output(), "Jalon écoute sur")).toBe(2);
        const workers = childrenOf(cluster.pid);
        expect(workers).toHaveLength(2);
        for (const pid of workers) expect(cluster.output()).toContain(`processus ${pid}, un des 2`);

        process.kill(workers[0], "SIGKILL");
        // Once the supervisor knows, the other process answers while the replacement starts.
        const died = `Le processus ${workers[0]} s'est arrêté (SIGKILL) : il est remplacé.`;
        await expect.poll(() => cluster.output(), { timeout: 10_000 }).toContain(died);
        for (let i = 0; i < 10; i++) {
          const page = await fetch(`${cluster.url}/connexion`, { signal: AbortSignal.timeout(10_000) });
          expect(page.status, `request ${i}`).toBe(200);
        }
        await expect.poll(() => occurrences(cluster.output(), "Jalon écoute sur"), { timeout: 60_000 }).toBe(3);
        const replaced = childrenOf(cluster.pid);
        expect(replaced).toHaveLength(2);
        expect(replaced).toContain(workers[1]);
        expect(replaced).not.toContain(workers[0]);
      } finally {
        expect(await cluster.stop()).toBe(0);
      }
    }, 120_000);
  },
);
