// Pieces shared by the committee pages: their breadcrumb, the date-and-time field, how an outcome,
// a review's urgency, a tally and a decision read. Status is always written out, never colour alone.
import { fr } from "@codegouvfr/react-dsfr";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Table } from "@codegouvfr/react-dsfr/Table";
import type { ReactNode } from "react";
import { fieldId, type FormState } from "~/admin/form-ui";
import type { ReviewUrgency } from "~/domain/committee-calendar";
import {
  CONDITION_STATUS_LABELS,
  OUTCOME_SHORT_LABELS,
  REVIEW_URGENCY_LABELS,
  SESSION_STATUS_LABELS,
} from "~/domain/committee-labels";
import { PHASE_LABELS } from "~/domain/labels";
import type { Phase } from "~/domain/phases";
import type { Tally } from "~/domain/tally";
import type { ConditionStatus, Outcome, SessionStatus } from "~/generated/prisma/enums";
import { formatDay } from "~/ui/dates";

const euros = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR", minimumFractionDigits: 0, maximumFractionDigits: 2 });
export const formatEuros = (amount: number) => euros.format(amount);

export function SessionBreadcrumb({ session, current }: { session?: { id: string; title: string }; current: string }) {
  const segments = [{ label: "Comités", linkProps: { to: "/comites" } }];
  if (session) segments.push({ label: session.title, linkProps: { to: `/comites/${session.id}` } });
  return <Breadcrumb segments={segments} currentPageLabel={current} />;
}

/** A date and time typed in Paris time (`datetime-local`). */
export function DateTimeField({ form, name, label, hint }: { form: FormState; name: string; label: string; hint?: ReactNode }) {
  const messages = form.errors[name];
  return (
    <Input
      label={label}
      hintText={hint}
      {...(messages ? { state: "error" as const, stateRelatedMessage: messages.join(" ") } : {})}
      nativeInputProps={{ id: fieldId(name), name, type: "datetime-local", defaultValue: form.values[name] ?? "" }}
    />
  );
}

/** "Poursuite", "Changement de phase : Accélération", "Arrêt (Arrêté)". */
export function outcomeText(outcome: Outcome, targetPhase: Phase | null, withConditions = false): string {
  const base = OUTCOME_SHORT_LABELS[outcome];
  if (outcome === "next_phase" && targetPhase) return `${base} : ${PHASE_LABELS[targetPhase]}`;
  if (outcome === "stop" && targetPhase) return `${base} (${PHASE_LABELS[targetPhase]})`;
  return withConditions ? `${base}, avec conditions` : base;
}

const URGENCY_SEVERITY: Record<ReviewUrgency, "error" | "warning" | "info"> = {
  overdue: "error",
  soon: "warning",
  later: "info",
};

export function ReviewBadge({ urgency, days }: { urgency: ReviewUrgency; days: number }) {
  const detail =
    urgency === "overdue" ? ` depuis ${-days} jour${-days > 1 ? "s" : ""}` : days === 0 ? ", aujourd'hui" : ` dans ${days} jour${days > 1 ? "s" : ""}`;
  return (
    <Badge as="span" small severity={URGENCY_SEVERITY[urgency]}>
      {REVIEW_URGENCY_LABELS[urgency]}
      {detail}
    </Badge>
  );
}

export function SessionStatusBadge({ status, closed }: { status: SessionStatus; closed: boolean }) {
  if (status === "held" || closed) return <Badge as="span" small severity="success">{closed ? "Close" : SESSION_STATUS_LABELS.held}</Badge>;
  return (
    <Badge as="span" small className={status === "cancelled" ? undefined : fr.cx("fr-badge--blue-cumulus")}>
      {SESSION_STATUS_LABELS[status]}
    </Badge>
  );
}

export function ConditionStatusBadge({ status }: { status: ConditionStatus }) {
  const severity = status === "met" ? "success" : status === "not_met" ? "error" : "info";
  return (
    <Badge as="span" small severity={severity}>
      {CONDITION_STATUS_LABELS[status]}
    </Badge>
  );
}

/** The tally as a sentence (quorum, majority, unanimity) and a table of the options. */
export function TallySummary({ tally, caption }: { tally: Tally; caption: string }) {
  if (tally.cast + tally.abstentions === 0) return <p>Aucun vote n'est encore exprimé.</p>;
  const verdict = tally.unanimous
    ? `Unanimité : ${tally.options[0] ? outcomeText(tally.options[0].outcome, tally.options[0].targetPhase) : ""}.`
    : tally.majority
      ? `Majorité : ${outcomeText(tally.majority.outcome, tally.majority.targetPhase)}.`
      : "Aucune proposition n'a la majorité.";
  return (
    <>
      <p>
        {tally.cast} vote{tally.cast > 1 ? "s" : ""} exprimé{tally.cast > 1 ? "s" : ""} sur {tally.members} membre
        {tally.members > 1 ? "s" : ""} votant{tally.members > 1 ? "s" : ""}
        {tally.abstentions > 0 ? `, ${tally.abstentions} abstention${tally.abstentions > 1 ? "s" : ""} pour conflit d'intérêts` : ""}
        {tally.missing > 0 ? `, ${tally.missing} en attente` : ""}.{" "}
        {tally.quorum ? "Le quorum est atteint" : "Le quorum n'est pas atteint (moins de la moitié des membres ont exprimé un vote)"}.{" "}
        {tally.cast > 0 && verdict}
      </p>
      {tally.options.length > 0 && (
        <Table
          caption={caption}
          headers={["Proposition", "Voix", "Dont avec conditions"]}
          data={tally.options.map((o) => [outcomeText(o.outcome, o.targetPhase), String(o.count), String(o.withConditions)])}
        />
      )}
    </>
  );
}

export interface DecisionShown {
  outcome: Outcome;
  targetPhase: Phase | null;
  decidedOn: Date;
  budgetEuros: number | null;
  budgetFunder: string | null;
  budgetFrom: Date | null;
  budgetTo: Date | null;
  nextReviewDate: Date | null;
  publicRationale: string | null;
  rationale: string;
  publishedAt: Date | null;
  recordedBy: string | null;
  correctsId: string | null;
  standing: boolean;
  amendmentReason: string | null;
  conditions: Array<{ id: string; description: string; ownerName: string | null; dueDate: Date | null; status: ConditionStatus }>;
}

function budgetText(d: DecisionShown): string | null {
  if (d.budgetEuros === null) return null;
  const period =
    d.budgetFrom && d.budgetTo
      ? ` du ${formatDay(d.budgetFrom)} au ${formatDay(d.budgetTo)}`
      : d.budgetFrom
        ? ` à partir du ${formatDay(d.budgetFrom)}`
        : "";
  return `${formatEuros(d.budgetEuros)}${d.budgetFunder ? `, financés par ${d.budgetFunder}` : ""}${period}`;
}

/** A decision's facts as a description list; `internal` adds the internal notes. */
export function DecisionFacts({ decision, internal, conditionActions }: {
  decision: DecisionShown;
  internal: boolean;
  conditionActions?: (condition: DecisionShown["conditions"][number]) => ReactNode;
}) {
  const budget = budgetText(decision);
  return (
    <>
      <p>
        <strong>{outcomeText(decision.outcome, decision.targetPhase)}</strong>, décidé le {formatDay(decision.decidedOn)}
        {decision.recordedBy ? ` (enregistré par ${decision.recordedBy})` : ""}.{" "}
        {decision.correctsId && "Cette décision est un amendement. "}
        {!decision.standing && <Badge as="span" small>Amendée depuis</Badge>}
      </p>
      {decision.amendmentReason && <p>Motif de l'amendement : {decision.amendmentReason}</p>}
      <ul>
        <li>Prochaine revue : {decision.nextReviewDate ? formatDay(decision.nextReviewDate) : "aucune"}</li>
        <li>Budget accordé : {budget ?? "non précisé"}</li>
        <li>
          Motivation publique : {decision.publicRationale || "aucune"}{" "}
          {decision.publishedAt ? `(publiée le ${formatDay(decision.publishedAt)})` : "(non publiée)"}
        </li>
        {internal && decision.rationale && <li>Notes internes : {decision.rationale}</li>}
      </ul>
      {decision.conditions.length > 0 && (
        <Table
          caption="Conditions"
          headers={["Condition", "Responsable", "Échéance", "État", ...(conditionActions ? ["Suivi"] : [])]}
          data={decision.conditions.map((c) => [
            c.description,
            c.ownerName ?? "—",
            c.dueDate ? formatDay(c.dueDate) : "—",
            <ConditionStatusBadge key="etat" status={c.status} />,
            ...(conditionActions ? [conditionActions(c)] : []),
          ])}
        />
      )}
    </>
  );
}
