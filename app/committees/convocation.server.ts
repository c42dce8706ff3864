// The convocation: one e-mail per member with the session's details, its timed agenda and an
// iCalendar invitation attached (the same file the session page offers for download). Without SMTP,
// outside production, the message is written to the server log (without any address) instead.
import { recordAudit } from "~/audit/audit-log.server";
import { config } from "~/config.server";
import { db } from "~/db.server";
import { escapeHtml, sendMail, smtpConfigured } from "~/mail/mailer.server";
import { formatDateTime } from "~/ui/dates";
import { agendaSchedule, DOCTRINE_TIMEBOX, timeboxSelect } from "./agenda";
import { calendarFile } from "./ics";
import type { Refused } from "./refusal.server";
import { sessionSelect } from "./session-access.server";
import { formatTime } from "./times";

export const CONVENED = "committee_session.convened";

async function loadConvocation(sessionId: string) {
  const session = await db().committeeSession.findUniqueOrThrow({
    where: { id: sessionId },
    select: {
      ...sessionSelect,
      agenda: {
        orderBy: { position: "asc" },
        select: { ...timeboxSelect, product: { select: { name: true } } },
      },
      members: { where: { user: { deactivatedAt: null } }, select: { user: { select: { email: true } } } },
    },
  });
  // Each convocation sent is a new version of the event for calendars (SEQUENCE).
  const sequence = await db().auditLog.count({ where: { action: CONVENED, entityType: "CommitteeSession", entityId: sessionId } });
  return { session, sequence };
}

type Convocation = Awaited<ReturnType<typeof loadConvocation>>;

/** The agenda and practical details, as plain text (the e-mail's body and the event's description). */
function describe({ session }: Convocation, pageUrl: string): string {
  const schedule = agendaSchedule(session.startsAt, session.agenda);
  const lines = [`Comité d'investissement de ${session.incubator.name}.`];
  if (session.dossierDeadline) lines.push(`Dossiers à déposer avant le ${formatDateTime(session.dossierDeadline)}.`);
  lines.push("", "Ordre du jour :");
  if (session.agenda.length === 0) lines.push("(à venir)");
  session.agenda.forEach((item, i) => {
    lines.push(
      `${i + 1}. ${formatTime(schedule.items[i].startsAt)} – ${item.product.name} (présentation ${item.presentationMinutes} min, questions ${item.questionsMinutes} min, délibération ${item.deliberationMinutes} min)`,
    );
  });
  lines.push("");
  if (session.location) lines.push(`Lieu : ${session.location}`);
  if (session.videoUrl) lines.push(`Visioconférence : ${session.videoUrl}`);
  lines.push(`La séance dans Jalon : ${pageUrl}`);
  return lines.join("\n");
}

function invitation(convocation: Convocation, now: Date): string {
  const { session, sequence } = convocation;
  const pageUrl = `${config().appUrl}/comites/${session.id}`;
  return calendarFile({
    uid: `comite-${session.id}@jalon`,
    sequence,
    stamp: now,
    startsAt: session.startsAt,
    // An agenda still empty books the doctrine's single timebox.
    endsAt: agendaSchedule(session.startsAt, session.agenda.length > 0 ? session.agenda : [DOCTRINE_TIMEBOX]).endsAt,
    summary: `${session.title} – ${session.incubator.name}`,
    location: session.location ?? (session.videoUrl ? "Visioconférence" : null),
    url: session.videoUrl ?? pageUrl,
    description: describe(convocation, pageUrl),
    cancelled: session.status === "cancelled",
  });
}

/** The session as an .ics file, for download. */
export async function sessionCalendarFile(sessionId: string, now: Date = new Date()): Promise<string> {
  return invitation(await loadConvocation(sessionId), now);
}

/** What the members receive: subject, text, HTML and the invitation attached. */
export async function convocationMessage(sessionId: string, now: Date = new Date()) {
  const convocation = await loadConvocation(sessionId);
  const { session } = convocation;
  const pageUrl = `${config().appUrl}/comites/${session.id}`;
  const body = `Bonjour,\n\nVous êtes convoqué·e à la séance « ${session.title} » du comité d'investissement, le ${formatDateTime(session.startsAt)} (heure de Paris).\n\n${describe(convocation, pageUrl)}\n\nL'invitation pour votre agenda est jointe à ce message.\n`;
  return {
    recipients: [...new Set(session.members.map((m) => m.user?.email).filter((e): e is string => Boolean(e)))],
    subject: `Convocation : ${session.title} – ${formatDateTime(session.startsAt)}`,
    text: body,
    html: body
      .split("\n\n")
      .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, "<br>")}</p>`)
      .join(""),
    ics: invitation(convocation, now),
  };
}

export type ConvocationResult = { ok: true; sent: number; failed: number; logged: boolean } | Refused;

/** Sends the convocation to every member with an account; audited, `convocationSentAt` set. */
export async function sendConvocation(actorId: string, sessionId: string): Promise<ConvocationResult> {
  const message = await convocationMessage(sessionId);
  if (message.recipients.length === 0) {
    return { ok: false, errors: { form: ["Aucun membre de la séance n'a de compte Jalon : ajoutez les membres avant de convoquer."] } };
  }
  const { env } = config();
  let sent = 0;
  let failed = 0;
  let logged = false;
  if (!smtpConfigured()) {
    if (env === "production") {
      return { ok: false, errors: { form: ["L'envoi de courriels n'est pas configuré (SMTP_URL) : la convocation n'est pas partie."] } };
    }
    console.info(`Convocation non envoyée (SMTP_URL absente) : « ${message.subject} », ${message.recipients.length} destinataire(s).\n${message.text}`);
    logged = true;
  } else {
    for (const to of message.recipients) {
      try {
        await sendMail({
          to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          attachments: [{ filename: "comite.ics", content: message.ics, contentType: "text/calendar; charset=utf-8; method=PUBLISH" }],
        });
        sent += 1;
      } catch (error) {
        failed += 1;
        // The SMTP code is what an operator needs; the address stays out of the log.
        const text = error instanceof Error ? error.message.split(to).join("<destinataire>") : String(error);
        console.error(`Une convocation n'a pas pu être envoyée : ${text}`);
      }
    }
    if (sent === 0) return { ok: false, errors: { form: ["La convocation n'a pu être envoyée à personne : réessayez plus tard."] } };
  }
  await db().$transaction(async (tx) => {
    await tx.committeeSession.update({ where: { id: sessionId }, data: { convocationSentAt: new Date() } });
    await recordAudit(tx, {
      actorId,
      action: CONVENED,
      entityType: "CommitteeSession",
      entityId: sessionId,
      data: { recipients: message.recipients.length, sent, failed, logged },
    });
  });
  return { ok: true, sent, failed, logged };
}
