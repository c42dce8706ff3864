// A fresh, migrated database for one test file: embedded PGlite by default, PostgreSQL when
// JALON_TEST_DATABASE_URL is set (CI runs the suite both ways).
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, inject } from "vitest";
import type { DatabaseTarget } from "~/config.server";
import { closeDatabase, db, installDatabase } from "~/db.server";
import { openDatabase, type Database } from "~/db/connect.server";
import { databaseUrl, withAdminClient } from "./template";

export interface TestDatabase {
  database: Database;
  /** Where another process (the HTTP server under test) can open the same data. */
  target: DatabaseTarget;
  /** Deletes the data once the database is closed. */
  remove(): Promise<void>;
  destroy(): Promise<void>;
}

/** A copy of the migrated template, not opened: for a server process to open it. */
export async function copyTemplate(): Promise<{ target: DatabaseTarget; remove(): Promise<void> }> {
  const template = inject("databaseTemplate");
  if (template.kind === "pglite") {
    const dataDir = mkdtempSync(path.join(tmpdir(), "jalon-test-"));
    cpSync(template.dataDir, dataDir, { recursive: true });
    rmSync(path.join(dataDir, "jalon.pid"), { force: true });
    return {
      target: { kind: "pglite", dataDir },
      remove: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `jalon_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  // PostgreSQL refuses to copy a template that another CREATE DATABASE is copying: test files
  // starting together take turns.
  await withAdminClient(template.adminUrl, async (c) => {
    await c.query("SELECT pg_advisory_lock(72061)");
    try {
      await c.query(`CREATE DATABASE "${name}" TEMPLATE "${template.templateName}"`);
    } finally {
      await c.query("SELECT pg_advisory_unlock(72061)");
    }
  });
  return {
    target: { kind: "postgresql", url: databaseUrl(template.adminUrl, name) },
    remove: () =>
      withAdminClient(template.adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const copy = await copyTemplate();
  const database = openDatabase(copy.target);
  return {
    database,
    target: copy.target,
    remove: copy.remove,
    async destroy() {
      await database.close();
      await copy.remove();
    },
  };
}

/** Installs a fresh database as the app's database for the whole test file; returns its Prisma client. */
export function setupTestDatabase() {
  let testDb: TestDatabase | undefined;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    installDatabase(testDb.database);
  });
  afterAll(async () => {
    await closeDatabase();
    await testDb?.remove();
  });
  return db;
}
