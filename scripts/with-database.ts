// Shared frame of the database scripts: open the configured database, make sure it answers and is
// migrated, run the task, always close it; configuration problems print one sentence and exit 1.
import { StartupError } from "../app/config.server";
import { closeDatabase, database } from "../app/db.server";
import { checkDatabase, type Database } from "../app/db/connect.server";
import { applyMigrations } from "../app/db/migrations.server";

/** Throw a StartupError from `task` to stop with its message alone (exit 1). */
export function withMigratedDatabase(task: (db: Database, applied: string[]) => Promise<void>): Promise<never> {
  return withDatabase(async (db) => task(db, await applyMigrations(db.adapterFactory)));
}

/** The same frame without migrating, for tasks that must not change the database (export). */
export async function withDatabase(task: (db: Database) => Promise<void>): Promise<never> {
  let code = 0;
  try {
    const db = database();
    await checkDatabase(db);
    await task(db);
  } catch (error) {
    code = 1;
    if (error instanceof StartupError) console.error(error.message);
    else console.error(error);
  } finally {
    await closeDatabase().catch(() => undefined);
  }
  process.exit(code);
}

export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1).replace(".", ",")} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** Prints a table name → row count list, aligned. */
export function printCounts(counts: Record<string, number>): void {
  const width = Math.max(...Object.keys(counts).map((name) => name.length));
  const number = new Intl.NumberFormat("fr-FR");
  for (const [name, count] of Object.entries(counts)) console.log(`  ${name.padEnd(width)}  ${number.format(count).padStart(10)}`);
}
