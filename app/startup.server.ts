// What must hold before Jalon answers a request: valid configuration, a reachable database, every
// migration applied and, on an empty demo database, the demo portfolio loaded (once).
import { loadConfig, type Config } from "./config.server";
import { database } from "./db.server";
import { checkDatabase } from "./db/connect.server";
import { applyMigrations, migrationsUpToDate } from "./db/migrations.server";
import { seedDemoIfEmpty } from "./db/seed/seed.server";

export interface StartupReport {
  config: Config;
  appliedMigrations: string[];
  seeded: boolean;
}

export async function prepareApp(): Promise<StartupReport> {
  const config = loadConfig();
  const db = database();
  await checkDatabase(db);
  const appliedMigrations = (await migrationsUpToDate(db.prisma)) ? [] : await applyMigrations(db.adapterFactory);
  const seeded = config.demoData ? await seedDemoIfEmpty(db.prisma) : false;
  return { config, appliedMigrations, seeded };
}
