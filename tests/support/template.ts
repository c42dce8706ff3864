// Where test databases come from. Migrating takes seconds, so it happens once per run (global
// setup) into a template; each test file then gets a copy: a copied folder for the embedded
// database, `CREATE DATABASE … TEMPLATE` on PostgreSQL (when JALON_TEST_DATABASE_URL is set).
import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { openDatabase } from "~/db/connect.server";
import { applyMigrations, readMigrations } from "~/db/migrations.server";
import { projectPath } from "~/project-root.server";

export type TemplateInfo =
  | { kind: "pglite"; dataDir: string }
  | { kind: "postgresql"; adminUrl: string; templateName: string };

async function migrationsHash(): Promise<string> {
  const list = await readMigrations();
  const hash = createHash("sha256");
  for (const dir of list.migrationDirectories) {
    hash.update(dir.path);
    if (dir.migrationFile.content.tag === "ok") hash.update(dir.migrationFile.content.value);
  }
  return hash.digest("hex").slice(0, 12);
}

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdminClient<T>(adminUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function prepareTemplate(): Promise<TemplateInfo> {
  const hash = await migrationsHash();
  const adminUrl = process.env.JALON_TEST_DATABASE_URL;
  if (adminUrl) {
    const templateName = `jalon_template_${hash}`;
    const exists = await withAdminClient(adminUrl, async (c) => {
      // Templates of earlier migration sets are of no further use.
      const { rows: stale } = await c.query<{ datname: string }>(
        "SELECT datname FROM pg_database WHERE datname LIKE 'jalon\\_template\\_%' AND datname <> $1",
        [templateName],
      );
      for (const { datname } of stale) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      const { rowCount } = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [templateName]);
      if (!rowCount) await c.query(`CREATE DATABASE "${templateName}"`);
      return Boolean(rowCount);
    });
    if (!exists) {
      const database = openDatabase({ kind: "postgresql", url: databaseUrl(adminUrl, templateName) });
      await applyMigrations(database.adapterFactory);
      await database.close();
    }
    return { kind: "postgresql", adminUrl, templateName };
  }
  const root = projectPath(".cache", "test-template");
  const dataDir = path.join(root, hash);
  const ready = path.join(dataDir, "ready");
  if (!existsSync(ready)) {
    rmSync(root, { recursive: true, force: true });
    const database = openDatabase({ kind: "pglite", dataDir });
    await applyMigrations(database.adapterFactory);
    await database.close();
    writeFileSync(ready, hash);
  }
  return { kind: "pglite", dataDir };
}

export function readyMarker(info: TemplateInfo): string {
  return info.kind === "pglite" ? readFileSync(path.join(info.dataDir, "ready"), "utf8") : info.templateName;
}
