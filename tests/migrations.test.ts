import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { describe, expect, it } from "vitest";
import { applyMigrations, diffSchemaAgainstMigrations, migrationsUpToDate, readMigrations } from "~/db/migrations.server";
import { PrismaClient } from "~/generated/prisma/client";
import { createIncubator, createProduct, createUser } from "~/db/seed/factories.server";
import { day } from "~/domain/days";
import { projectPath } from "~/project-root.server";
import { setupTestDatabase } from "./support/db";
import { databaseUrl, withAdminClient } from "./support/template";

interface EmptyDatabase {
  factory: SqlMigrationAwareDriverAdapterFactory;
  query(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

async function emptyPglite(): Promise<EmptyDatabase> {
  const pglite = new PGlite();
  return {
    factory: new PrismaPGlite(pglite),
    query: async (sql) => (await pglite.query<Record<string, unknown>>(sql)).rows,
    close: () => pglite.close(),
  };
}

async function emptyPostgres(adminUrl: string): Promise<EmptyDatabase> {
  const name = `jalon_empty_${process.pid}_${Date.now()}`;
  await withAdminClient(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = databaseUrl(adminUrl, name);
  const factory = new PrismaPg({ connectionString: url });
  return {
    factory,
    query: (sql) => withAdminClient(url, async (c) => (await c.query(sql)).rows),
    close: () => withAdminClient(adminUrl, (c) => c.query(`DROP DATABASE "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

const postgresUrl = process.env.JALON_TEST_DATABASE_URL;
const targets: [string, () => Promise<EmptyDatabase>][] = [["embedded PGlite", emptyPglite]];
if (postgresUrl) targets.push(["PostgreSQL", () => emptyPostgres(postgresUrl)]);

describe.each(targets)("migrations from zero on %s", (_name, open) => {
  it("applies every migration once, with the rows `prisma migrate deploy` writes", async () => {
    const database = await open();
    try {
      const { migrationDirectories } = await readMigrations();
      expect(migrationDirectories.length).toBeGreaterThan(0);
      expect(await applyMigrations(database.factory)).toEqual(migrationDirectories.map((d) => d.path));
      expect(await applyMigrations(database.factory)).toEqual([]);

      const rows = await database.query(
        'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY migration_name',
      );
      expect(rows.map((r) => r.migration_name)).toEqual(migrationDirectories.map((d) => d.path));
      for (const row of rows) {
        const sql = readFileSync(path.join(projectPath("prisma", "migrations"), String(row.migration_name), "migration.sql"));
        expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
        expect(row.finished_at).not.toBeNull();
        expect(row.rolled_back_at).toBeNull();
      }
      const tables = await database.query(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
      );
      expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(["Product", "PhaseEntry", "Decision", "AuditLog"]));
    } finally {
      await database.close();
    }
  });

  it("tells without the schema engine whether a migration is pending (empty, one missing, half-applied, all applied)", async () => {
    const database = await open();
    const prisma = new PrismaClient({ adapter: database.factory });
    try {
      const list = await readMigrations();
      const withoutLast = { ...list, migrationDirectories: list.migrationDirectories.slice(0, -1) };
      expect(await migrationsUpToDate(prisma, list)).toBe(false);
      await applyMigrations(database.factory, withoutLast);
      expect(await migrationsUpToDate(prisma, withoutLast)).toBe(true);
      expect(await migrationsUpToDate(prisma, list)).toBe(false);
      await applyMigrations(database.factory, list);
      expect(await migrationsUpToDate(prisma, list)).toBe(true);
      // A migration that failed half-way is left to the engine, which reports it.
      await prisma.$executeRaw`UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = ${list.migrationDirectories[0].path}`;
      expect(await migrationsUpToDate(prisma, list)).toBe(false);
    } finally {
      await prisma.$disconnect();
      await database.close();
    }
  });
});

describe("schema and migrations", () => {
  it("have no drift: every change to schema.prisma has its migration", async () => {
    expect(await diffSchemaAgainstMigrations()).toBe("");
  });
});

describe("constraints held by the database itself", () => {
  const db = setupTestDatabase();

  it("refuses a phase ending before it starts, an unknown phase and a duplicate slug", async () => {
    const incubator = await createIncubator(db());
    const product = await createProduct(db(), { primaryIncubatorId: incubator.id, slug: "mon-service" });
    await expect(
      db().phaseEntry.create({ data: { productId: product.id, phase: "construction", startDate: day("2024-05-01"), endDate: day("2024-04-01") } }),
    ).rejects.toThrow(/PhaseEntry_dates_check/);
    await expect(
      db().phaseEntry.create({ data: { productId: product.id, phase: "growth", startDate: day("2024-05-01") } }),
    ).rejects.toThrow(/PhaseEntry_phase_check/);
    await expect(createProduct(db(), { primaryIncubatorId: incubator.id, slug: "mon-service" })).rejects.toThrow(/Unique constraint/);
    expect(await db().phaseEntry.count()).toBe(0);
  });

  it("keeps roles and their scope consistent", async () => {
    const incubator = await createIncubator(db());
    const user = await createUser(db());
    await expect(db().roleAssignment.create({ data: { userId: user.id, role: "coach" } })).rejects.toThrow(/RoleAssignment_scope_check/);
    await expect(
      db().roleAssignment.create({ data: { userId: user.id, role: "investor", incubatorId: incubator.id } }),
    ).rejects.toThrow(/RoleAssignment_scope_check/);
    await expect(db().roleAssignment.create({ data: { userId: user.id, role: "coach", incubatorId: incubator.id } })).resolves.toMatchObject({ role: "coach" });
  });

  it("stores e-mails lower-cased only", async () => {
    await expect(createUser(db(), { email: "Agent@Exemple.gouv.fr" })).rejects.toThrow(/User_email_check/);
  });
});
