// The data version: a number that grows with every committed change to the domain tables (every
// table but the sessions, sign-in links, rate limits, job leases, audit journal, API tokens, users and
// instance metadata). Figures derived from the domain data and computed after reading version v hold
// every change numbered up to v, so they may be kept until the version moves, in every process sharing
// the database. The triggers and the SQL function are in prisma/migrations/*_data_version and
// *_data_version_readers; decided in docs/decisions/021-dashboard-figures-cache.md.
import { db } from "~/db.server";

/**
 * The current version, or null while a transaction that changed a domain table is still open (its
 * change may or may not be committed by the time a figure is computed: compute it, don't keep it).
 * Takes no lock: simultaneous readers never meet one another.
 */
export async function dataVersion(): Promise<bigint | null> {
  const [row] = await db().$queryRaw<{ version: string | null }[]>`SELECT jalon_data_version()::text AS version`;
  return row?.version == null ? null : BigInt(row.version);
}
