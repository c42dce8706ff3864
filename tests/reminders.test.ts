// Reminders before committees, end to end: which products are due, the e-mails a real SMTP server on
// loopback receives, a dry run that sends nothing, a second run the same day that sends nothing, and
// the incubator's page. Dates are built around today, as a reminder is always about now.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createSession } from "~/auth/session.server";
import { StartupError } from "~/config.server";
import {
  assignRole,
  createIncubator,
  createIndicator,
  createProduct,
  createUser,
  recordDecision,
} from "~/db/seed/factories.server";
import { parisDay } from "~/domain/committee-calendar";
import { shiftPeriod } from "~/domain/indicator-health";
import { periodStart } from "~/domain/periods";
import { formatPeriod, ofPeriod } from "~/indicators/indicator-wording";
import { listReminderCandidates, REMINDER_ACTION, runIndicatorReminders, type ReminderSummary } from "~/indicators/reminders.server";
import { loader as remindersLoader } from "~/routes/incubateurs.$slug_.relances";
import { setupTestDatabase } from "./support/db";
import { routeArgs, thrown } from "./support/routes";
import { decodedMail, startSmtpServer, type ReceivedMail, type TestSmtpServer } from "./support/smtp";

const db = setupTestDatabase();

let smtp: TestSmtpServer;
let mails: ReceivedMail[];

const DAY_MS = 86_400_000;
const today = parisDay(new Date());
const inDays = (days: number) => new Date(today.getTime() + days * DAY_MS);
const thisMonth = periodStart(today, "monthly");
const month = (offset: number) => shiftPeriod(thisMonth, "monthly", offset);
const longAgo = month(-24);

interface Fixture {
  incubatorA: { id: string; slug: string };
  incubatorB: { id: string; slug: string };
  incubatorC: { id: string; slug: string };
  ecoTrace: { id: string; slug: string };
  coachA: string;
  coachB: string;
}
let f: Fixture;

/** An indicator with values for the given months (offsets from this month), followed for long. */
function indicator(productId: string, name: string, months: number[]) {
  return createIndicator(db(), {
    productId,
    name,
    createdAt: longAgo,
    values: months.map((offset, i) => ({ periodStart: month(offset), value: 100 + i })),
  });
}

async function teamMember(productId: string, fields: Partial<Parameters<typeof assignRole>[1]> = {}, user: Partial<Parameters<typeof createUser>[1]> = {}) {
  const person = await createUser(db(), user);
  await assignRole(db(), { userId: person.id, role: "team_member", productId, ...fields });
  return person;
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  mails = smtp.mails;
  // config() reads the environment once, at its first call, which comes later.
  process.env.SMTP_URL = smtp.url;
  process.env.APP_URL = "https://jalon.test";

  const incubatorA = await createIncubator(db(), { slug: "fabrique-relances", name: "La Fabrique des relances" });
  const incubatorB = await createIncubator(db(), { slug: "atelier-relances", name: "Atelier des relances" });
  const incubatorC = await createIncubator(db(), { slug: "incubateur-refus", name: "Incubateur refusé" });
  const active = [{ phase: "construction" as const, start: longAgo }];

  // Due in 20 days, users missing for last month: reminded.
  const ecoTrace = await createProduct(db(), { slug: "eco-trace", name: "Éco-trace", primaryIncubatorId: incubatorA.id, phases: active });
  await recordDecision(db(), { productId: ecoTrace.id, decidedOn: month(-5), nextReviewDate: inDays(20) });
  await indicator(ecoTrace.id, "Utilisateurs actifs mensuels", [-3, -2]);
  await indicator(ecoTrace.id, "Score de facilité d'utilisation", [-2, -1]);
  await teamMember(ecoTrace.id, { isIntrapreneur: true }, { email: "intra@exemple.gouv.fr" });
  await teamMember(ecoTrace.id, { startDate: month(-12) }, { email: "dev@exemple.gouv.fr" });
  await teamMember(ecoTrace.id, { endDate: today }, { email: "dernier-jour@exemple.gouv.fr" });
  await teamMember(ecoTrace.id, { endDate: inDays(-10) }, { email: "partie@exemple.gouv.fr" });
  await teamMember(ecoTrace.id, { startDate: inDays(10) }, { email: "arrive@exemple.gouv.fr" });
  await teamMember(ecoTrace.id, {}, { email: "desactive@exemple.gouv.fr", deactivatedAt: new Date() });

  // Due in 90 days: not yet.
  const later = await createProduct(db(), { name: "Plus tard", primaryIncubatorId: incubatorA.id, phases: active });
  await recordDecision(db(), { productId: later.id, decidedOn: month(-3), nextReviewDate: inDays(90) });
  await indicator(later.id, "Utilisateurs actifs mensuels", [-3]);
  await teamMember(later.id);

  // Due soon but up to date (a value for the current month is not required).
  const upToDate = await createProduct(db(), { name: "À jour", primaryIncubatorId: incubatorA.id, phases: active });
  await recordDecision(db(), { productId: upToDate.id, decidedOn: month(-5), nextReviewDate: inDays(5) });
  await indicator(upToDate.id, "Utilisateurs actifs mensuels", [-2, -1]);
  await teamMember(upToDate.id);

  // Stopped: no more reviews.
  const stopped = await createProduct(db(), {
    name: "Arrêté",
    primaryIncubatorId: incubatorA.id,
    phases: [
      { phase: "construction", start: longAgo, end: month(-2) },
      { phase: "abandon", start: month(-2) },
    ],
  });
  await recordDecision(db(), { productId: stopped.id, decidedOn: month(-2), outcome: "stop", targetPhase: "abandon", nextReviewDate: inDays(10) });
  await indicator(stopped.id, "Utilisateurs actifs mensuels", [-4]);
  await teamMember(stopped.id);

  // Review ten days late, stale, and nobody in the team any more.
  const overdue = await createProduct(db(), { name: "Revue en retard", primaryIncubatorId: incubatorA.id, phases: active });
  await recordDecision(db(), { productId: overdue.id, decidedOn: month(-7), nextReviewDate: inDays(-10) });
  await indicator(overdue.id, "Usages", []);

  // Never reviewed: due six months after its history starts, in about two weeks.
  const newcomer = await createProduct(db(), { name: "Nouveau venu", primaryIncubatorId: incubatorA.id, phases: [{ phase: "investigation", start: inDays(-170) }] });
  await indicator(newcomer.id, "Problèmes résolus", [-3]);
  await teamMember(newcomer.id, { isIntrapreneur: true }, { email: "nouveau@exemple.gouv.fr" });

  // Incubator B's, co-incubated in A: B holds its committees.
  const shared = await createProduct(db(), { name: "Partagé", primaryIncubatorId: incubatorB.id, coIncubatorIds: [incubatorA.id], phases: active });
  await recordDecision(db(), { productId: shared.id, decidedOn: month(-5), nextReviewDate: inDays(30) });
  await indicator(shared.id, "Utilisateurs actifs mensuels", [-2]);
  await teamMember(shared.id, {}, { email: "partage@exemple.gouv.fr" });

  // Incubator C's: its only team member's mailbox refuses mail.
  const refused = await createProduct(db(), { name: "Boîte refusée", primaryIncubatorId: incubatorC.id, phases: active });
  await recordDecision(db(), { productId: refused.id, decidedOn: month(-5), nextReviewDate: inDays(3) });
  await indicator(refused.id, "Utilisateurs actifs mensuels", []);
  await teamMember(refused.id, {}, { email: "refus@exemple.gouv.fr" });

  const coachA = await createUser(db());
  await assignRole(db(), { userId: coachA.id, role: "coach", incubatorId: incubatorA.id });
  const coachB = await createUser(db());
  await assignRole(db(), { userId: coachB.id, role: "coach", incubatorId: incubatorB.id });
  f = { incubatorA, incubatorB, incubatorC, ecoTrace, coachA: coachA.id, coachB: coachB.id };
});
afterAll(() => smtp?.close());

const silent = () => undefined;
const reminderRows = () => db().auditLog.findMany({ where: { action: REMINDER_ACTION }, orderBy: { at: "asc" } });

describe("products to remind", () => {
  it("are the active products due within 45 days (or late) with a value missing, next review first", async () => {
    const candidates = await listReminderCandidates(f.incubatorA.id);
    expect(candidates.map((c) => [c.product.name, c.reviewPast])).toEqual([
      ["Revue en retard", true],
      ["Nouveau venu", false],
      ["Éco-trace", false],
    ]);
    const ecoTrace = candidates[2];
    expect(ecoTrace.nextReview).toEqual(inDays(20));
    expect(ecoTrace.missing).toEqual([
      { name: "Utilisateurs actifs mensuels", frequency: "monthly", period: month(-1), lastValuePeriod: month(-2) },
    ]);
    // The current team only: not those who left, have not arrived yet, or were deactivated.
    expect(ecoTrace.recipients).toEqual(["dernier-jour@exemple.gouv.fr", "dev@exemple.gouv.fr", "intra@exemple.gouv.fr"]);
    expect(candidates[0]).toMatchObject({ recipients: [], missing: [{ name: "Usages", lastValuePeriod: null }], lastReminderAt: null });
  });
});

describe("npm run remind", () => {
  it("prints what it would send on a dry run, and sends and records nothing", async () => {
    const printed: string[] = [];
    const summary = await runIndicatorReminders({ incubatorSlug: "fabrique-relances", dryRun: true, print: (text) => printed.push(text) });
    expect(summary).toEqual<ReminderSummary>({
      dryRun: true,
      smtp: true,
      incubators: 1,
      products: 3,
      sent: 0,
      printed: 2,
      alreadySentToday: 0,
      withoutRecipients: 1,
      failed: 0,
    });
    expect(mails).toHaveLength(0);
    expect(await reminderRows()).toHaveLength(0);
    expect(printed[1]).toContain("À : dernier-jour@exemple.gouv.fr, dev@exemple.gouv.fr, intra@exemple.gouv.fr");
    expect(printed[1]).toContain("Objet : Jalon : indicateurs de « Éco-trace » à mettre à jour avant le comité du");
  });

  it("e-mails each team once, in French, and records it without addresses", async () => {
    const summary = await runIndicatorReminders({ incubatorSlug: "fabrique-relances", dryRun: false, print: silent });
    expect(summary).toMatchObject({ products: 3, sent: 2, printed: 0, alreadySentToday: 0, withoutRecipients: 1, failed: 0 });
    expect(mails.map((m) => m.to)).toEqual([
      ["nouveau@exemple.gouv.fr"],
      ["dernier-jour@exemple.gouv.fr", "dev@exemple.gouv.fr", "intra@exemple.gouv.fr"],
    ]);
    const mail = decodedMail(mails[1].raw);
    expect(mail).toContain("From: Jalon <ne-pas-repondre@jalon.example>");
    expect(mail).toContain(`La prochaine revue de « Éco-trace » en comité d'investissement est prévue le`);
    expect(mail).toContain(
      `- Utilisateurs actifs mensuels : valeur ${ofPeriod(month(-1), "monthly")} (dernière valeur saisie : ${formatPeriod(month(-2), "monthly")})`,
    );
    expect(mail).not.toContain("Score de facilité");
    expect(mail).toContain("https://jalon.test/produits/eco-trace");
    expect(mail).toContain("Content-Type: text/html");

    const rows = await reminderRows();
    expect(rows).toHaveLength(2);
    const row = rows.find((r) => r.entityId === f.ecoTrace.id);
    expect(row).toMatchObject({ actorId: null, entityType: "Product", data: { incubator: "fabrique-relances", indicators: ["Utilisateurs actifs mensuels"], recipients: 3 } });
    expect(JSON.stringify(rows)).not.toContain("@");
  });

  it("sends nothing more the same day, however often it runs", async () => {
    const summary = await runIndicatorReminders({ incubatorSlug: "fabrique-relances", dryRun: false, print: silent });
    expect(summary).toMatchObject({ sent: 0, alreadySentToday: 2, withoutRecipients: 1 });
    expect(mails).toHaveLength(2);
    expect(await reminderRows()).toHaveLength(2);
    const candidates = await listReminderCandidates(f.incubatorA.id);
    expect(candidates.find((c) => c.product.id === f.ecoTrace.id)?.lastReminderAt).toEqual(
      (await reminderRows()).find((r) => r.entityId === f.ecoTrace.id)?.at,
    );
  });

  it("goes through every incubator without --incubator, and reports a refused mailbox without its address", async () => {
    const logged = vi.mocked(console.error).mockImplementationOnce(() => undefined);
    const summary = await runIndicatorReminders({ dryRun: false, print: silent });
    expect(summary).toMatchObject({ incubators: 3, products: 5, sent: 1, alreadySentToday: 2, withoutRecipients: 1, failed: 1 });
    expect(mails.at(-1)?.to).toEqual(["partage@exemple.gouv.fr"]);
    const line = String(logged.mock.lastCall?.[0]);
    expect(line).toContain("La relance de « Boîte refusée » n'a pas pu être envoyée");
    expect(line).not.toContain("refus@exemple.gouv.fr");
    // Not sent, so not recorded: the next run tries again.
    expect(await reminderRows()).toHaveLength(3);
  });

  it("names an unknown incubator", async () => {
    const error = await thrown(runIndicatorReminders({ incubatorSlug: "inconnu", dryRun: true, print: silent }));
    expect(error).toBeInstanceOf(StartupError);
    expect((error as Error).message).toBe("Aucun incubateur n'a l'identifiant « inconnu ».");
  });
});

describe("the reminders page", () => {
  const get = async (slug: string, userId?: string) => {
    const cookie = userId ? (await createSession(userId, "demo", new Request("http://localhost/"))).split(";")[0] : undefined;
    return remindersLoader(routeArgs(`/incubateurs/${slug}/relances`, { params: { slug }, cookie }));
  };

  it("lists the incubator's products to remind, with how many people a reminder reaches but not who", async () => {
    const data = await get("fabrique-relances", f.coachA);
    expect(data.products.map((p) => [p.product.name, p.recipientCount, p.lastReminderAt !== null])).toEqual([
      ["Revue en retard", 0, false],
      ["Nouveau venu", 1, true],
      ["Éco-trace", 3, true],
    ]);
    expect(JSON.stringify(data)).not.toContain("@");
  });

  it("is for the incubator's staff and committee only", async () => {
    expect(await thrown(get("fabrique-relances", f.coachB))).toMatchObject({ status: 403 });
    const anonymous = await thrown(get("fabrique-relances"));
    expect(anonymous).toMatchObject({ status: 302 });
    expect((anonymous as Response).headers.get("Location")).toBe("/connexion?redirectTo=%2Fincubateurs%2Ffabrique-relances%2Frelances");
    expect(await thrown(get("inconnu", f.coachA))).toMatchObject({ status: 404 });
  });
});
