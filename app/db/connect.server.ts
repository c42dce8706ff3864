// Opens Jalon's database: PostgreSQL when DATABASE_URL is set, otherwise an embedded PostgreSQL
// (PGlite) kept in a local folder. Both run the same migrations and the same Prisma client.
import { createHash } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { describeTarget, StartupError, type DatabaseTarget } from "../config.server";
import { PrismaClient } from "../generated/prisma/client";
import { timedAdapterFactory } from "./query-timing.server";

export interface Database {
  prisma: PrismaClient;
  /** For the schema engine (migrations), which opens its own connections. */
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  target: DatabaseTarget;
  close(): Promise<void>;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite is single-process: two processes on one folder would corrupt it. A pid file makes a second
 * Jalon (or `npm run db:seed` while the server runs) stop with a clear message instead.
 */
function lockDataDir(dataDir: string): () => void {
  const lockPath = path.join(dataDir, "jalon.pid");
  try {
    const holder = Number(readFileSync(lockPath, "utf8"));
    if (holder && holder !== process.pid && processIsAlive(holder)) {
      throw new StartupError(
        `Le dossier de données ${dataDir} est déjà utilisé par un autre processus Jalon (pid ${holder}) : arrêtez-le d'abord.`,
      );
    }
  } catch (error) {
    if (error instanceof StartupError) throw error;
  }
  writeFileSync(lockPath, String(process.pid));
  return () => rmSync(lockPath, { force: true });
}

function prepareDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
    const probe = path.join(dataDir, ".write-test");
    closeSync(openSync(probe, "w"));
    rmSync(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "erreur inconnue";
    throw new StartupError(
      `Le dossier de données ${dataDir} n'est pas utilisable en écriture (${code}) : choisissez-en un autre avec JALON_DATA_DIR.`,
    );
  }
}

/**
 * Columns are `timestamp without time zone` holding UTC (Prisma's convention): `now()` defaults and
 * interval arithmetic in SQL are right only in a UTC session, whatever the server's or host's zone.
 * JIT compilation is off: the portfolio's queries cross its cost threshold at a few thousand products
 * and spent 200 ms compiling for 50 ms of work, on every request (docs/decisions, benchmark).
 */
const SESSION_OPTIONS = "-c TimeZone=UTC -c jit=off";

/**
 * A transaction waits up to 10 s (Prisma's default: 2 s) for a pooled connection: a burst of writes
 * (a committee voting, teams entering their month at once) then queues instead of failing with a 500
 * (tests/concurrency.test.ts on PostgreSQL).
 */
const TRANSACTION_OPTIONS = { maxWait: 10_000 };

/**
 * Each statement is prepared once per connection under a name drawn from its text, so PostgreSQL
 * parses it once and, after a few runs, plans it once. At scale 50, one client: the portfolio list's
 * SQL time goes from 21 to 15 ms, the product page's from 8.3 to 5.3 (docs/decisions/016). A hash
 * names the text: two texts never share a name, which the driver would refuse.
 */
const statementName = (query: { sql: string }) => `j${createHash("sha1").update(query.sql).digest("base64url")}`;
/**
 * A connection keeps every statement it prepared; after this many uses the pool replaces it, which
 * bounds that memory on the server (texts differ with the length of an IN list, say).
 */
const STATEMENTS_KEPT_FOR_USES = 10_000;

export function openDatabase(target: DatabaseTarget): Database {
  if (target.kind === "postgresql") {
    const adapterFactory = new PrismaPg({
      connectionString: target.url,
      connectionTimeoutMillis: 5000,
      options: SESSION_OPTIONS,
      maxUses: STATEMENTS_KEPT_FOR_USES,
    }, { statementNameGenerator: statementName });
    const prisma = new PrismaClient({ adapter: timedAdapterFactory(adapterFactory), transactionOptions: TRANSACTION_OPTIONS });
    return { prisma, adapterFactory, target, close: () => prisma.$disconnect() };
  }
  prepareDataDir(target.dataDir);
  const unlock = lockDataDir(target.dataDir);
  const pglite = new PGlite(path.join(target.dataDir, "pglite"));
  // PGlite's one session is created with the host's zone (TZ): queued first, this runs before any query.
  void pglite.exec("SET TIME ZONE 'UTC'");
  const adapterFactory = new PrismaPGlite(pglite);
  const prisma = new PrismaClient({ adapter: timedAdapterFactory(adapterFactory), transactionOptions: TRANSACTION_OPTIONS });
  return {
    prisma,
    adapterFactory,
    target,
    async close() {
      await prisma.$disconnect();
      await pglite.close();
      unlock();
    },
  };
}

/** Why a connection failed, in French, from the driver's message (kept in English when unknown). */
function connectionFailureReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const message = /Message: `([^`]*)`/.exec(text)?.[1] ?? text.split("\n").filter(Boolean).at(-1) ?? text;
  const code = /Code: `([^`]*)`/.exec(text)?.[1];
  if (code === "3D000") return "cette base n'existe pas sur le serveur ; créez-la d'abord.";
  if (code === "28P01" || code === "28000") return "l'utilisateur ou le mot de passe est refusé.";
  if (/Can't reach database server|ECONNREFUSED|ENOTFOUND|timeout/i.test(message)) {
    return "le serveur est injoignable ; vérifiez l'hôte, le port et qu'il est démarré.";
  }
  return message;
}

/** Fails with one sentence when the database cannot be reached. */
export async function checkDatabase(database: Database): Promise<void> {
  try {
    await database.prisma.$queryRaw`SELECT 1`;
  } catch (error) {
    throw new StartupError(
      `La base de données (${describeTarget(database.target)}) ne répond pas : ${connectionFailureReason(error)}`,
    );
  }
}
