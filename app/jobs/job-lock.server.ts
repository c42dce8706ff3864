// Leases for scheduled jobs (`npm run remind` from cron on several hosts): one JobLock row per job
// says who runs it until when. Taking the lease is one atomic statement, so of two runs starting
// together exactly one gets it; a lease that outlives a crashed run simply expires.
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { db } from "~/db.server";

export type JobRun<T> = { ran: true; value: T } | { ran: false; lockedBy: string; lockedUntil: Date };

/** Who holds a lease: enough for an operator to find the process, unique per run. */
function holderName(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
}

async function acquire(name: string, holder: string, leaseSeconds: number): Promise<boolean> {
  const rows = await db().$queryRaw<{ lockedBy: string }[]>`
    INSERT INTO "JobLock" ("name", "lockedBy", "lockedUntil")
    VALUES (${name}, ${holder}, now() + make_interval(secs => ${leaseSeconds}))
    ON CONFLICT ("name") DO UPDATE SET "lockedBy" = EXCLUDED."lockedBy", "lockedUntil" = EXCLUDED."lockedUntil"
    WHERE "JobLock"."lockedUntil" <= now()
    RETURNING "lockedBy"`;
  return rows.length === 1;
}

/**
 * Runs `task` unless another run of the job holds a live lease. The lease must outlast the task:
 * it is not renewed. Released (and lastRunAt set on success) when the task ends, even on failure.
 */
export async function runExclusively<T>(name: string, leaseSeconds: number, task: () => Promise<T>): Promise<JobRun<T>> {
  const holder = holderName();
  if (!(await acquire(name, holder, leaseSeconds))) {
    const current = await db().jobLock.findUnique({ where: { name }, select: { lockedBy: true, lockedUntil: true } });
    // Released between the two statements: the other run is over, and this one stays skipped all the same.
    return { ran: false, lockedBy: current?.lockedBy ?? "inconnu", lockedUntil: current?.lockedUntil ?? new Date() };
  }
  let succeeded = false;
  try {
    const value = await task();
    succeeded = true;
    return { ran: true, value };
  } finally {
    // The database's clock, as in `acquire`: hosts' clocks may disagree.
    await db().$executeRaw`
      UPDATE "JobLock" SET "lockedUntil" = now(), "lastRunAt" = CASE WHEN ${succeeded} THEN now() ELSE "lastRunAt" END
      WHERE "name" = ${name} AND "lockedBy" = ${holder}`;
  }
}
