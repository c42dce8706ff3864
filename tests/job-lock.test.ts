// Scheduled-job leases (JobLock): of two runs at once exactly one works, a crashed run's lease expires,
// a failed run releases its lease; and two `npm run remind` started together send each reminder once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignRole, createIncubator, createIndicator, createProduct, createUser, recordDecision } from "~/db/seed/factories.server";
import { parisDay } from "~/domain/committee-calendar";
import { shiftPeriod } from "~/domain/indicator-health";
import { periodStart } from "~/domain/periods";
import { describeSkippedRun, REMINDER_ACTION, REMINDER_JOB, runScheduledReminders } from "~/indicators/reminders.server";
import { runExclusively } from "~/jobs/job-lock.server";
import { setupTestDatabase } from "./support/db";
import { thrown } from "./support/routes";
import { startSmtpServer, type TestSmtpServer } from "./support/smtp";

const db = setupTestDatabase();
let smtp: TestSmtpServer;

const silent = () => undefined;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  smtp = await startSmtpServer();
  // config() reads the environment once, at its first call, which comes later.
  process.env.SMTP_URL = smtp.url;
  process.env.APP_URL = "https://jalon.test";
});
afterAll(() => smtp?.close());

describe("runExclusively", () => {
  it("lets one of two simultaneous runs work and tells the other who holds the lease", async () => {
    const order: string[] = [];
    const task = (label: string) => async () => {
      order.push(label);
      await pause(50);
      return label;
    };
    const [a, b] = await Promise.all([runExclusively("essai", 60, task("a")), runExclusively("essai", 60, task("b"))]);
    expect([a.ran, b.ran].sort()).toEqual([false, true]);
    expect(order).toHaveLength(1);
    const skipped = a.ran ? b : a;
    expect(skipped).toMatchObject({ ran: false, lockedBy: expect.stringMatching(new RegExp(`:${process.pid}:[0-9a-f]{8}$`)) });
    const row = await db().jobLock.findUniqueOrThrow({ where: { name: "essai" } });
    // Released at the end of the run, and the run recorded.
    expect(row.lockedUntil.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    expect(row.lastRunAt).not.toBeNull();
    expect(await runExclusively("essai", 60, async () => "again")).toEqual({ ran: true, value: "again" });
  });

  it("takes over a lease that expired (a crashed run) but not a live one", async () => {
    await db().jobLock.create({ data: { name: "plante", lockedBy: "hote-disparu:1", lockedUntil: new Date(Date.now() + 60_000) } });
    expect(await runExclusively("plante", 60, async () => 1)).toMatchObject({ ran: false, lockedBy: "hote-disparu:1" });
    await db().jobLock.update({ where: { name: "plante" }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    expect(await runExclusively("plante", 60, async () => 2)).toEqual({ ran: true, value: 2 });
  });

  it("releases the lease when the run fails, without recording it as run", async () => {
    const error = await thrown(runExclusively("echec", 600, () => Promise.reject(new Error("panne"))));
    expect((error as Error).message).toBe("panne");
    expect(await db().jobLock.findUniqueOrThrow({ where: { name: "echec" } })).toMatchObject({ lastRunAt: null });
    expect(await runExclusively("echec", 600, async () => "repris")).toEqual({ ran: true, value: "repris" });
  });
});

describe("npm run remind on two hosts at once", () => {
  it("sends from one run; the other is skipped and says so", async () => {
    const today = parisDay(new Date());
    const month = (offset: number) => shiftPeriod(periodStart(today, "monthly"), "monthly", offset);
    const incubator = await createIncubator(db(), { slug: "deux-crons" });
    for (const slug of ["premier", "second"]) {
      const product = await createProduct(db(), { slug, primaryIncubatorId: incubator.id, phases: [{ phase: "construction", start: month(-12) }] });
      await recordDecision(db(), { productId: product.id, decidedOn: month(-5), nextReviewDate: new Date(today.getTime() + 10 * 86_400_000) });
      await createIndicator(db(), { productId: product.id, name: "Usagers", createdAt: month(-12), values: [{ periodStart: month(-3), value: 4 }] });
      const member = await createUser(db(), { email: `${slug}@exemple.gouv.fr` });
      await assignRole(db(), { userId: member.id, role: "team_member", productId: product.id });
    }

    const runs = await Promise.all([1, 2].map(() => runScheduledReminders({ dryRun: false, print: silent })));
    const done = runs.filter((r) => r.ran);
    const skipped = runs.filter((r) => !r.ran);
    expect(done).toHaveLength(1);
    expect(skipped).toHaveLength(1);
    expect(done[0]).toMatchObject({ value: { sent: 2, alreadySentToday: 0 } });
    expect(smtp.mails.map((m) => m.to).sort()).toEqual([["premier@exemple.gouv.fr"], ["second@exemple.gouv.fr"]]);
    expect(await db().auditLog.count({ where: { action: REMINDER_ACTION } })).toBe(2);
    if (skipped[0].ran) throw new Error("unreachable");
    expect(describeSkippedRun(skipped[0])).toMatch(
      /^Relances non lancées : une autre exécution \(.+:\d+:[0-9a-f]{8}\) est en cours \(bail jusqu'au .+\) ; celle-ci s'arrête sans rien envoyer\.$/,
    );
    expect(await db().jobLock.findUniqueOrThrow({ where: { name: REMINDER_JOB.name } })).toMatchObject({ lastRunAt: expect.any(Date) });

    // A dry run takes no lease: it works even while a run holds it.
    await db().jobLock.update({ where: { name: REMINDER_JOB.name }, data: { lockedUntil: new Date(Date.now() + 60_000) } });
    expect(await runScheduledReminders({ dryRun: true, print: silent })).toMatchObject({ ran: true, value: { dryRun: true } });
    expect(await runScheduledReminders({ dryRun: false, print: silent })).toMatchObject({ ran: false });
  });
});
