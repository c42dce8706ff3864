// A session's minutes as a PDF file, from the same data as the minutes page: what is filed and sent
// once the committee has met. Internal notes stay on the page: a file travels further than a page.
import { parisDay } from "~/domain/committee-calendar";
import { CONDITION_STATUS_LABELS, SEAT_LABELS } from "~/domain/committee-labels";
import { isoDay } from "~/domain/days";
import { PHASE_LABELS } from "~/domain/labels";
import type { Tally } from "~/domain/tally";
import { createPdf, type PdfWriter } from "~/pdf/document.server";
import { formatDateTime, formatDay } from "~/ui/dates";
import { formatEuros, outcomeText, type DecisionShown } from "./committee-ui";
import type { SessionRow } from "./session-access.server";
import type { loadMinutes } from "./session-page.server";
import { formatTime } from "./times";
import { plural } from "~/ui/plural";

type Minutes = Awaited<ReturnType<typeof loadMinutes>>;

const attendanceText = (attended: boolean | null) => (attended === null ? "Non relevée" : attended ? "Présent·e" : "Absent·e");

function tallyLine(tally: Tally): string {
  if (tally.cast + tally.abstentions === 0) return "Aucun vote n'a été exprimé.";
  const abstentions = tally.abstentions > 0 ? `, ${plural(tally.abstentions, "abstention", "abstentions")} pour conflit d'intérêts` : "";
  const quorum = tally.quorum ? "quorum atteint" : "quorum non atteint";
  const majority = tally.majority ? `majorité : ${outcomeText(tally.majority.outcome, tally.majority.targetPhase)}` : "aucune majorité";
  return `${plural(tally.cast, "vote", "votes")} sur ${plural(tally.members, "membre", "membres")} ${tally.members > 1 ? "votants" : "votant"}${abstentions} ; ${quorum}, ${majority}.`;
}

function writeDecision(pdf: PdfWriter, decision: DecisionShown): void {
  pdf.heading(`Décision : ${outcomeText(decision.outcome, decision.targetPhase)}${decision.standing ? "" : " (amendée depuis)"}`, 2);
  if (decision.amendmentReason) pdf.paragraph(`Amendement. Motif : ${decision.amendmentReason}`);
  const period =
    decision.budgetFrom && decision.budgetTo ? `${formatDay(decision.budgetFrom)} – ${formatDay(decision.budgetTo)}` : decision.budgetFrom ? `à partir du ${formatDay(decision.budgetFrom)}` : null;
  pdf.facts([
    { label: "Décidée le", value: formatDay(decision.decidedOn) },
    ...(decision.targetPhase ? [{ label: "Phase visée", value: PHASE_LABELS[decision.targetPhase] }] : []),
    { label: "Budget accordé", value: decision.budgetEuros === null ? "non précisé" : formatEuros(decision.budgetEuros) },
    ...(decision.budgetFunder ? [{ label: "Financeur", value: decision.budgetFunder }] : []),
    ...(period ? [{ label: "Période", value: period }] : []),
    { label: "Prochaine revue", value: decision.nextReviewDate ? formatDay(decision.nextReviewDate) : "aucune" },
    { label: "Motivation publique", value: decision.publicRationale || "aucune" },
  ]);
  if (decision.conditions.length > 0) {
    pdf.table({
      headers: ["Condition", "Responsable", "Échéance", "État"],
      widths: [4, 2, 1.5, 1.5],
      rows: decision.conditions.map((c) => [c.description, c.ownerName ?? "—", c.dueDate ? formatDay(c.dueDate) : "—", CONDITION_STATUS_LABELS[c.status]]),
    });
  }
}

export function minutesPdf(session: SessionRow, minutes: Minutes): Promise<Buffer> {
  const title = "Procès-verbal du comité d'investissement";
  const draft = !minutes.closed;
  const pdf = createPdf({
    title: `${title} — ${session.title}`,
    footer: `${session.incubator.name} — ${session.title} — ${formatDay(session.startsAt)}${draft ? " (projet)" : ""}`,
    stamp: draft ? "PROJET" : undefined,
  });
  pdf.title(title, `${session.incubator.name} — ${session.title}`);
  if (draft) pdf.paragraph("Projet : la séance n'est pas close. Le procès-verbal est définitif une fois chaque décision enregistrée et la séance close.", { muted: true });
  pdf.facts([
    { label: "Séance du", value: `${formatDateTime(session.startsAt)} (heure de Paris)` },
    { label: "Lieu", value: [session.location, session.videoUrl ? "en visioconférence" : null].filter(Boolean).join(", ") || "non précisé" },
    { label: "Présidence", value: minutes.chair ?? "non désignée" },
    ...(session.minutesPublishedAt ? [{ label: "Publié le", value: formatDateTime(session.minutesPublishedAt) }] : []),
  ]);

  pdf.heading("Présences");
  if (minutes.members.length === 0) pdf.paragraph("Aucun membre n'a été désigné.");
  else pdf.table({ headers: ["Nom", "Siège", "Présence"], rows: minutes.members.map((m) => [m.name, SEAT_LABELS[m.seat], attendanceText(m.attended)]) });

  minutes.items.forEach((item, i) => {
    pdf.heading(`${i + 1}. ${item.product.name}`);
    const phase = item.product.phase ? PHASE_LABELS[item.product.phase] : "phase non renseignée";
    pdf.paragraph(`Examiné à ${formatTime(item.startsAt)} · ${phase}`);
    if (item.tally) {
      pdf.paragraph(tallyLine(item.tally));
      if (item.tally.options.length > 0) {
        pdf.table({
          headers: ["Proposition", "Voix", "Dont avec conditions"],
          widths: [4, 1, 2],
          numeric: [false, true, true],
          rows: item.tally.options.map((o) => [outcomeText(o.outcome, o.targetPhase), String(o.count), String(o.withConditions)]),
        });
      }
    } else pdf.paragraph("Les votes sont en cours : ils figureront au procès-verbal après la délibération.", { muted: true });
    if (item.conflicts.length > 0) pdf.paragraph(`Conflit d'intérêts déclaré, sans participation au vote : ${item.conflicts.join(", ")}.`);
    if (item.decisions.length === 0) pdf.paragraph("Aucune décision n'est encore enregistrée.", { muted: true });
    for (const decision of item.decisions) writeDecision(pdf, decision);
  });
  return pdf.finish();
}

/** `proces-verbal-<day of the session, in Paris>.pdf`. */
export function minutesFileName(startsAt: Date): string {
  return `proces-verbal-${isoDay(parisDay(startsAt))}.pdf`;
}
