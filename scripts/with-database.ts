// Shared frame of the database scripts: open the configured database, make sure it answers and is
// migrated, run the task, always close it; configuration problems print one sentence and exit 1.
import { StartupError } from "../app/config.server";
import { closeDatabase, database } from "../app/db.server";
import { checkDatabase, type Database } from "../app/db/connect.server";
import { applyMigrations } from "../app/db/migrations.server";

/** Throw a StartupError from `task` to stop with its message alone (exit 1). */
export async function withMigratedDatabase(task: (db: Database, applied: string[]) => Promise<void>): Promise<never> {
  let code = 0;
  try {
    const db = database();
    await checkDatabase(db);
    const applied = await applyMigrations(db.adapterFactory);
    await task(db, applied);
  } catch (error) {
    code = 1;
    if (error instanceof StartupError) console.error(error.message);
    else console.error(error);
  } finally {
    await closeDatabase().catch(() => undefined);
  }
  process.exit(code);
}
