// Applies and creates Prisma migrations through Prisma's WebAssembly schema engine, so that neither
// needs the native engine the Prisma CLI would download (see docs/decisions/003-offline-migrations.md).
// `applyMigrations` writes the same `_prisma_migrations` rows as `prisma migrate deploy`.
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import type * as SchemaEngineBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { PrismaClient } from "../generated/prisma/client";
import { projectPath } from "../project-root.server";

const filters = { externalTables: [], externalEnums: [] };

let wasmModule: Promise<typeof SchemaEngineBindings> | undefined;

/** The package's ESM entry imports a `.wasm` file, which Node refuses: instantiate it by hand, once. */
function loadSchemaEngineModule() {
  wasmModule ??= (async () => {
    const bindings = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const require = createRequire(import.meta.url);
    const wasmPath = path.join(
      path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")),
      "schema_engine_bg.wasm",
    );
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      "./schema_engine_bg.js": bindings,
    });
    const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start: () => void };
    bindings.__wbg_set_wasm(exports);
    exports.__wbindgen_start();
    return bindings;
  })();
  return wasmModule;
}

async function schemaFiles() {
  const schemaPath = projectPath("prisma", "schema.prisma");
  return [{ path: schemaPath, content: await readFile(schemaPath, "utf8") }];
}

/**
 * The engine opens its own connections through the factory and never closes them: on PostgreSQL a
 * lingering pool would keep the database busy (e.g. unusable as a template). Track and dispose them.
 */
function disposableFactory(factory: SqlMigrationAwareDriverAdapterFactory) {
  const opened: { dispose(): Promise<void> }[] = [];
  const track = async <A extends { dispose(): Promise<void> }>(adapter: Promise<A>) => {
    const connection = await adapter;
    opened.push(connection);
    return connection;
  };
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => track(factory.connect()),
    connectToShadowDb: () => track(factory.connectToShadowDb()),
  };
  return { tracked, disposeAll: () => Promise.all(opened.map((c) => c.dispose())) };
}

async function withEngine<T>(
  factory: SqlMigrationAwareDriverAdapterFactory,
  run: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const { SchemaEngine } = await loadSchemaEngineModule();
  const files = await schemaFiles();
  const { tracked, disposeAll } = disposableFactory(factory);
  const engine = await SchemaEngine.new(
    { datamodels: files.map((f) => [f.path, f.content]) },
    () => {},
    bindMigrationAwareSqlAdapterFactory(tracked),
  );
  try {
    return await run(engine);
  } finally {
    engine.free();
    await disposeAll();
  }
}

export async function readMigrations(dir = projectPath("prisma", "migrations")): Promise<MigrationList> {
  const lockPath = path.join(dir, "migration_lock.toml");
  const lockContent = await readFile(lockPath, "utf8").catch(() => null);
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: await readFile(path.join(dir, name, "migration.sql"), "utf8").then(
          (value) => ({ tag: "ok" as const, value }),
          (error: Error) => ({ tag: "error" as const, value: error.message }),
        ),
      },
    })),
  );
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: lockContent },
    migrationDirectories,
    shadowDbInitScript: "",
  };
}

/**
 * Whether every migration folder is recorded as applied (and none is half-applied), read with one
 * query: the schema engine's WebAssembly (~100 MB that a process never gives back) is then not
 * loaded at all, which is the case at every start but the first after an upgrade.
 */
export async function migrationsUpToDate(prisma: PrismaClient, migrationsList?: MigrationList): Promise<boolean> {
  const list = migrationsList ?? (await readMigrations());
  const [{ present }] = await prisma.$queryRaw<{ present: boolean }[]>`SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present`;
  if (!present) return false;
  const rows = await prisma.$queryRaw<{ name: string; done: boolean }[]>`
    SELECT migration_name AS name, finished_at IS NOT NULL AS done FROM _prisma_migrations WHERE rolled_back_at IS NULL`;
  if (rows.some((row) => !row.done)) return false;
  const applied = new Set(rows.map((row) => row.name));
  return list.migrationDirectories.every((directory) => applied.has(directory.path));
}

/** Applies pending migrations; returns the names of those it applied. */
export async function applyMigrations(
  factory: SqlMigrationAwareDriverAdapterFactory,
  migrationsList?: MigrationList,
): Promise<string[]> {
  const list = migrationsList ?? (await readMigrations());
  const { appliedMigrationNames } = await withEngine(factory, (engine) =>
    engine.applyMigrations({ migrationsList: list, filters }),
  );
  return appliedMigrationNames;
}

/**
 * SQL that takes a database built from the committed migrations to the current schema.prisma,
 * computed against a throwaway in-memory PGlite (no shadow database server needed).
 * Returns "" when the schema has no change.
 */
export async function diffSchemaAgainstMigrations(): Promise<string> {
  const pglite = new PGlite();
  try {
    const factory = new PrismaPGlite(pglite);
    await applyMigrations(factory);
    const files = await schemaFiles();
    const { stdout } = await withEngine(factory, (engine) =>
      engine.diff({
        from: { tag: "schemaDatasource", files, configDir: projectPath() },
        to: { tag: "schemaDatamodel", files },
        script: true,
        exitCode: null,
        filters,
      }),
    );
    const sql = stdout ?? "";
    return /^\s*(--[^\n]*\n?\s*)*$/.test(sql) ? "" : sql;
  } finally {
    await pglite.close();
  }
}
