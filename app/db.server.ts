// The one Prisma client of the process. Created lazily, so that tests and scripts can install the
// database they want first; kept on globalThis so that Vite's module reloads never open PGlite twice.
import { loadConfig } from "./config.server";
import { openDatabase, type Database } from "./db/connect.server";
import type { PrismaClient } from "./generated/prisma/client";

const holder = globalThis as typeof globalThis & { __jalonDatabase?: Database };

export function database(): Database {
  holder.__jalonDatabase ??= openDatabase(loadConfig().database);
  return holder.__jalonDatabase;
}

export function db(): PrismaClient {
  return database().prisma;
}

/** Makes `database` the process's database (tests and scripts open their own). */
export function installDatabase(database: Database): void {
  holder.__jalonDatabase = database;
}

export async function closeDatabase(): Promise<void> {
  const current = holder.__jalonDatabase;
  holder.__jalonDatabase = undefined;
  await current?.close();
}
