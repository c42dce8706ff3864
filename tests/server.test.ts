// The acceptance of the foundation through real HTTP: a fresh database is migrated and seeded on the
// first start, served in French, kept across restarts; bad configuration stops start-up in one sentence.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { DatabaseTarget } from "~/config.server";
import { openDatabase } from "~/db/connect.server";
import { startServer, runUntilExit, targetEnv, freePort } from "./support/server";
import { databaseUrl, withAdminClient } from "./support/template";

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** An empty database of the kind under test: nothing migrated, nothing seeded. */
async function emptyTarget(): Promise<DatabaseTarget> {
  const adminUrl = process.env.JALON_TEST_DATABASE_URL;
  if (adminUrl) {
    const name = `jalon_http_${process.pid}_${Date.now()}`;
    await withAdminClient(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
    cleanups.push(() => withAdminClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)));
    return { kind: "postgresql", url: databaseUrl(adminUrl, name) };
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), "jalon-http-"));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  return { kind: "pglite", dataDir };
}

async function countProducts(target: DatabaseTarget): Promise<number> {
  const database = openDatabase(target);
  try {
    return await database.prisma.product.count();
  } finally {
    await database.close();
  }
}

describe("a fresh start", () => {
  it("migrates, seeds once, serves the French pages, and keeps its data across restarts", async () => {
    const target = await emptyTarget();
    const env = { ...targetEnv(target), JALON_DEMO_DATA: "1" };

    const first = await startServer(env);
    expect(first.output()).toContain("Migrations appliquées");
    expect(first.output()).toContain("données de démonstration chargées");

    const home = await fetch(`${first.url}/`);
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain("Jalon");
    const productPath = html.match(/href="(\/produits\/[^"]+)"/)?.[1];
    const incubatorPath = html.match(/href="(\/incubateurs\/[^"]+)"/)?.[1];
    expect(productPath).toBeDefined();
    expect(incubatorPath).toBeDefined();

    for (const page of [productPath!, incubatorPath!, "/incubateurs", "/connexion", "/accessibilite", "/mentions-legales", "/donnees-personnelles"]) {
      const response = await fetch(`${first.url}${page}`);
      expect(response.status, page).toBe(200);
      expect(response.headers.get("content-type"), page).toContain("text/html");
    }
    const product = await (await fetch(`${first.url}${productPath}`)).text();
    expect(product).toMatch(/Investigation|Construction|Accélération|Consolidation|Opéré|Transféré|Arrêté/);

    const missing = await fetch(`${first.url}/produits/ce-produit-n-existe-pas`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("Page introuvable");

    // Security headers, with a CSP nonce that the page's inline scripts carry.
    const csp = home.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(html).toContain(`nonce="${nonce}"`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(home.headers.get("x-frame-options")).toBe("DENY");
    expect(home.headers.get("x-content-type-options")).toBe("nosniff");

    // A state-changing request from another site is refused before reaching any route.
    const crossSite = await fetch(`${first.url}/deconnexion`, { method: "POST", headers: { Origin: "https://evil.example" }, redirect: "manual" });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.text()).toContain("ne provient pas de Jalon");
    const sameSite = await fetch(`${first.url}/deconnexion`, { method: "POST", headers: { Origin: first.url }, redirect: "manual" });
    expect(sameSite.status).toBe(302);

    const health = await fetch(`${first.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", database: "ok" });

    expect(await first.stop()).toBe(0);
    const seeded = await countProducts(target);
    expect(seeded).toBeGreaterThanOrEqual(40);

    const second = await startServer(env);
    expect(second.output()).not.toContain("Migrations appliquées");
    expect(second.output()).not.toContain("données de démonstration chargées");
    expect((await fetch(`${second.url}${productPath}`)).status).toBe(200);
    expect(await second.stop()).toBe(0);
    expect(await countProducts(target)).toBe(seeded);
  });
});

describe("npm start on a new machine", () => {
  it("needs no environment: the embedded demo database, no secret, the persona sign-in", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "jalon-start-"));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    // Empty values count as unset: neither NODE_ENV nor SESSION_SECRETS, as in a fresh shell.
    const server = await startServer({ JALON_DATA_DIR: dataDir, NODE_ENV: "", SESSION_SECRETS: "" });
    try {
      expect(server.output()).toContain("données de démonstration chargées");
      const demo = await fetch(`${server.url}/connexion/demo`);
      expect(demo.status).toBe(200);
      expect(await demo.text()).toContain("Essayer Jalon avec un profil de démonstration");
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });
});

describe("bad configuration stops start-up with one clear sentence", () => {
  const oneSentence = (stderr: string) => {
    const lines = stderr.split("\n").filter((l) => l.trim() && !l.includes("ExperimentalWarning") && !l.includes("--trace-warnings"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Jalon ne peut pas démarrer : /);
    return lines[0];
  };

  it("names an invalid PORT", async () => {
    const result = await runUntilExit({ PORT: "quatre-mille" });
    expect(result.code).toBe(1);
    expect(oneSentence(result.stderr)).toContain("La variable PORT vaut « quatre-mille »");
  });

  it("names an unreachable DATABASE_URL, without its password", async () => {
    const port = await freePort();
    const result = await runUntilExit({ DATABASE_URL: `postgresql://jalon:motdepasse@127.0.0.1:${port}/jalon`, PORT: "3999" });
    expect(result.code).toBe(1);
    const line = oneSentence(result.stderr);
    expect(line).toContain(`La base de données (PostgreSQL 127.0.0.1:${port}/jalon) ne répond pas`);
    expect(line).not.toContain("motdepasse");
  });

  it("names an unwritable data folder", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "jalon-bad-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(path.join(dir, "fichier"), "");
    const dataDir = path.join(dir, "fichier", "data");
    const result = await runUntilExit({ JALON_DATA_DIR: dataDir, PORT: "3999" });
    expect(result.code).toBe(1);
    expect(oneSentence(result.stderr)).toContain(`Le dossier de données ${dataDir} n'est pas utilisable en écriture`);
  });

  it("refuses a second server on the same embedded data folder", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "jalon-lock-"));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const first = await startServer({ JALON_DATA_DIR: dataDir, JALON_DEMO_DATA: "0" });
    try {
      const second = await runUntilExit({ JALON_DATA_DIR: dataDir, PORT: String(await freePort()) });
      expect(second.code).toBe(1);
      expect(oneSentence(second.stderr)).toContain("est déjà utilisé par un autre processus Jalon");
    } finally {
      expect(await first.stop()).toBe(0);
    }
  });
});
