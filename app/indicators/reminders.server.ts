// Reminders before committees: the active products of an incubator whose next review (as the
// committee calendar computes it) is within REVIEW_SOON_DAYS days or past, while some of their
// indicators lack the value of their last closed period. The incubator
// sees them on /incubateurs/<slug>/relances; `npm run remind` e-mails each product's current team,
// at most once a day per product (each sending leaves an `indicator.reminder_sent` audit row).
import { tz } from "@date-fns/tz";
import { startOfDay } from "date-fns";
import { recordAudit } from "~/audit/audit-log.server";
import { config, StartupError } from "~/config.server";
import { db } from "~/db.server";
import { nextReview, parisDay, reviewStatus } from "~/domain/committee-calendar";
import { isoDay } from "~/domain/days";
import { freshness } from "~/domain/indicator-health";
import type { Frequency } from "~/generated/prisma/enums";
import { runExclusively, type JobRun } from "~/jobs/job-lock.server";
import { escapeHtml, sendMail, smtpConfigured, type OutgoingMail } from "~/mail/mailer.server";
import { phaseHistorySelect, toPhaseHistory } from "~/products/phase-history.server";
import { formatDateTime, formatDay } from "~/ui/dates";
import { formatPeriod, ofPeriod } from "./indicator-wording";

export const REMINDER_ACTION = "indicator.reminder_sent";
/** Serialises reminder runs: two at once must not both find "not sent today" and both send. */
const REMINDER_LOCK = 4_242_017;

const paris = tz("Europe/Paris");

export interface MissingValue {
  name: string;
  frequency: Frequency;
  /** The period whose value is missing: the last one over. */
  period: Date;
  lastValuePeriod: Date | null;
}

export interface ReminderCandidate {
  product: { id: string; slug: string; name: string };
  nextReview: Date;
  reviewPast: boolean;
  missing: MissingValue[];
  lastReminderAt: Date | null;
  /** The e-mail addresses of the product's current team. */
  recipients: string[];
}

export function findIncubator(slug: string) {
  return db().incubator.findUnique({ where: { slug }, select: { id: true, slug: true, name: true } });
}

/**
 * The incubator's products to remind on `asOf`, next review first. Products co-incubated elsewhere
 * are reminded by their primary incubator, which holds their committees.
 */
export async function listReminderCandidates(incubatorId: string, asOf: Date = new Date()): Promise<ReminderCandidate[]> {
  const today = parisDay(asOf);
  const products = await db().product.findMany({
    where: { primaryIncubatorId: incubatorId },
    select: {
      id: true,
      slug: true,
      name: true,
      primaryIncubator: { select: { reviewIntervalMonths: true } },
      phases: { select: phaseHistorySelect },
      decisions: {
        where: { decidedOn: { lte: today } },
        select: { id: true, outcome: true, decidedOn: true, nextReviewDate: true, correctsId: true, createdAt: true },
      },
      indicators: {
        where: { archivedAt: null },
        orderBy: [{ createdAt: "asc" }, { name: "asc" }],
        select: {
          name: true,
          frequency: true,
          createdAt: true,
          // The two latest are enough to know whether the last closed period has its value.
          values: { where: { periodStart: { lte: today } }, orderBy: { periodStart: "desc" }, take: 2, select: { periodStart: true, value: true } },
        },
      },
    },
  });

  const due = products.flatMap((p) => {
    const review = nextReview(toPhaseHistory(p.phases), p.decisions, p.primaryIncubator.reviewIntervalMonths, today);
    if (!review) return [];
    const status = reviewStatus(review.date, today);
    if (status.urgency === "later") return [];
    const missing = p.indicators.flatMap((indicator) => {
      const fresh = freshness(indicator, today);
      return fresh.overdue
        ? [{ name: indicator.name, frequency: indicator.frequency, period: fresh.lastClosedPeriod, lastValuePeriod: fresh.lastValuePeriod }]
        : [];
    });
    if (missing.length === 0) return [];
    return [{ product: { id: p.id, slug: p.slug, name: p.name }, nextReview: review.date, reviewPast: status.urgency === "overdue", missing }];
  });
  if (due.length === 0) return [];

  const ids = due.map((d) => d.product.id);
  const [reminders, team] = await Promise.all([
    db().auditLog.groupBy({
      by: ["entityId"],
      where: { action: REMINDER_ACTION, entityType: "Product", entityId: { in: ids } },
      _max: { at: true },
    }),
    db().roleAssignment.findMany({
      where: {
        productId: { in: ids },
        role: "team_member",
        user: { deactivatedAt: null },
        AND: [{ OR: [{ startDate: null }, { startDate: { lte: today } }] }, { OR: [{ endDate: null }, { endDate: { gte: today } }] }],
      },
      select: { productId: true, user: { select: { email: true } } },
    }),
  ]);
  const lastReminder = new Map(reminders.map((r) => [r.entityId, r._max.at]));
  return due
    .map((d) => ({
      ...d,
      lastReminderAt: lastReminder.get(d.product.id) ?? null,
      recipients: [...new Set(team.filter((t) => t.productId === d.product.id).map((t) => t.user.email))].sort(),
    }))
    .sort((a, b) => a.nextReview.getTime() - b.nextReview.getTime() || a.product.name.localeCompare(b.product.name, "fr"));
}

// ---------- The e-mail ----------

function missingLine(m: MissingValue): string {
  const last = m.lastValuePeriod ? `dernière valeur saisie : ${formatPeriod(m.lastValuePeriod, m.frequency)}` : "aucune valeur saisie";
  return `${m.name} : valeur ${ofPeriod(m.period, m.frequency)} (${last})`;
}

export function reminderMail(candidate: ReminderCandidate, appUrl: string): Omit<OutgoingMail, "to"> {
  const name = `« ${candidate.product.name} »`;
  const date = formatDay(candidate.nextReview);
  const link = `${appUrl}/produits/${candidate.product.slug}`;
  const subject = candidate.reviewPast
    ? `Jalon : indicateurs de ${name} à mettre à jour, revue attendue depuis le ${date}`
    : `Jalon : indicateurs de ${name} à mettre à jour avant le comité du ${date}`;
  const intro = candidate.reviewPast
    ? `La revue de ${name} en comité d'investissement était attendue le ${date}.`
    : `La prochaine revue de ${name} en comité d'investissement est prévue le ${date}.`;
  const why = "Le comité décide sur la foi des indicateurs ; il manque la valeur de la dernière période écoulée pour :";
  const lines = candidate.missing.map(missingLine);
  const action = "Vous pouvez les saisir dans Jalon :";
  const footer = `Vous recevez ce courriel parce que vous faites partie de l'équipe de ${name} dans Jalon. Il est envoyé au plus une fois par jour tant que des valeurs manquent avant le comité.`;
  return {
    subject,
    text: `Bonjour,\n\n${intro}\n${why}\n${lines.map((l) => `- ${l}`).join("\n")}\n\n${action}\n${link}\n\n${footer}\n`,
    html:
      `<p>Bonjour,</p><p>${escapeHtml(intro)}<br>${escapeHtml(why)}</p>` +
      `<ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>` +
      `<p>${escapeHtml(action)}<br><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p><p>${escapeHtml(footer)}</p>`,
  };
}

// ---------- A run of `npm run remind` ----------

export interface ReminderRunOptions {
  /** Only this incubator; every incubator otherwise. */
  incubatorSlug?: string;
  /** Prints what would be sent, sends and records nothing. */
  dryRun: boolean;
  asOf?: Date;
  print?: (text: string) => void;
}

export interface ReminderSummary {
  dryRun: boolean;
  /** False when SMTP_URL is not set: e-mails are printed instead of sent. */
  smtp: boolean;
  incubators: number;
  products: number;
  sent: number;
  /** Printed instead of sent (dry run, or no SMTP). */
  printed: number;
  alreadySentToday: number;
  withoutRecipients: number;
  failed: number;
}

/** Sends one product's reminder unless one went out since `since`; the check and the record are atomic. */
async function sendOnce(candidate: ReminderCandidate, incubatorSlug: string, mail: OutgoingMail, since: Date): Promise<"sent" | "already-sent"> {
  return db().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${REMINDER_LOCK})`;
      const already = await tx.auditLog.count({
        where: { action: REMINDER_ACTION, entityType: "Product", entityId: candidate.product.id, at: { gte: since } },
      });
      if (already > 0) return "already-sent";
      await sendMail(mail);
      await recordAudit(tx, {
        actorId: null,
        action: REMINDER_ACTION,
        entityType: "Product",
        entityId: candidate.product.id,
        // No address: who was written to is the team of that day, not something to keep.
        data: {
          incubator: incubatorSlug,
          nextReview: isoDay(candidate.nextReview),
          indicators: candidate.missing.map((m) => m.name),
          recipients: candidate.recipients.length,
        },
      });
      return "sent";
    },
    { maxWait: 60_000, timeout: 120_000 },
  );
}

function printMail(print: (text: string) => void, mail: OutgoingMail, label: string): void {
  const to = Array.isArray(mail.to) ? mail.to.join(", ") : mail.to;
  print(`--- ${label}\nÀ : ${to}\nObjet : ${mail.subject}\n\n${mail.text}`);
}

export async function runIndicatorReminders(options: ReminderRunOptions): Promise<ReminderSummary> {
  const asOf = options.asOf ?? new Date();
  const print = options.print ?? ((text: string) => console.info(text));
  const incubators = await db().incubator.findMany({
    where: options.incubatorSlug ? { slug: options.incubatorSlug } : {},
    select: { id: true, slug: true, name: true },
    orderBy: { name: "asc" },
  });
  if (options.incubatorSlug && incubators.length === 0) {
    throw new StartupError(`Aucun incubateur n'a l'identifiant « ${options.incubatorSlug} ».`);
  }
  const smtp = smtpConfigured();
  const summary: ReminderSummary = {
    dryRun: options.dryRun,
    smtp,
    incubators: incubators.length,
    products: 0,
    sent: 0,
    printed: 0,
    alreadySentToday: 0,
    withoutRecipients: 0,
    failed: 0,
  };
  // "Once a day" is a day in Paris, as the teams live it.
  const since = startOfDay(asOf, { in: paris });
  const { appUrl } = config();

  for (const incubator of incubators) {
    for (const candidate of await listReminderCandidates(incubator.id, asOf)) {
      summary.products += 1;
      if (candidate.lastReminderAt && candidate.lastReminderAt >= since) {
        summary.alreadySentToday += 1;
        continue;
      }
      if (candidate.recipients.length === 0) {
        summary.withoutRecipients += 1;
        continue;
      }
      const mail: OutgoingMail = { to: candidate.recipients, ...reminderMail(candidate, appUrl) };
      if (options.dryRun || !smtp) {
        printMail(print, mail, `${options.dryRun ? "Simulation" : "SMTP non configuré"} : relance de « ${candidate.product.name} » (${incubator.name})`);
        summary.printed += 1;
        continue;
      }
      try {
        const outcome = await sendOnce(candidate, incubator.slug, mail, since);
        if (outcome === "sent") summary.sent += 1;
        else summary.alreadySentToday += 1;
      } catch (error) {
        summary.failed += 1;
        // The SMTP answer is what an operator needs; the addresses stay out of the log.
        const message = candidate.recipients.reduce(
          (text, address) => text.split(address).join("<destinataire>"),
          error instanceof Error ? error.message : String(error),
        );
        console.error(`La relance de « ${candidate.product.name} » n'a pas pu être envoyée : ${message}`);
      }
    }
  }
  return summary;
}

/** The JobLock of `npm run remind`: a run takes seconds, so a crashed run blocks the next for 30 minutes at most. */
export const REMINDER_JOB = { name: "indicator-reminders", leaseSeconds: 30 * 60 };

/**
 * `npm run remind`: several processes or cron hosts may start it at once; one sends, the others are
 * skipped. A dry run sends nothing, so it needs no lease.
 */
export function runScheduledReminders(options: ReminderRunOptions): Promise<JobRun<ReminderSummary>> {
  if (options.dryRun) return runIndicatorReminders(options).then((value) => ({ ran: true, value }));
  return runExclusively(REMINDER_JOB.name, REMINDER_JOB.leaseSeconds, () => runIndicatorReminders(options));
}

/** Why a run was skipped, in French, for the operator reading cron's output. */
export function describeSkippedRun(run: { lockedBy: string; lockedUntil: Date }): string {
  return `Relances non lancées : une autre exécution (${run.lockedBy}) est en cours (bail jusqu'au ${formatDateTime(run.lockedUntil)}) ; celle-ci s'arrête sans rien envoyer.`;
}

/** The run's summary, in French, one fact a line. */
export function describeReminderSummary(summary: ReminderSummary, asOf: Date): string {
  const mode = summary.dryRun
    ? " (simulation : aucun courriel envoyé)"
    : summary.smtp
      ? ""
      : " (SMTP_URL n'est pas configurée : courriels affichés, pas envoyés)";
  return [
    `Relances d'indicateurs du ${formatDay(asOf)}${mode} :`,
    `  incubateurs examinés : ${summary.incubators}`,
    `  produits à relancer : ${summary.products}`,
    `  courriels envoyés : ${summary.sent}`,
    `  courriels affichés : ${summary.printed}`,
    `  déjà relancés aujourd'hui : ${summary.alreadySentToday}`,
    `  sans équipe à prévenir : ${summary.withoutRecipients}`,
    `  échecs d'envoi : ${summary.failed}`,
  ].join("\n");
}
