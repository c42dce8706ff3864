// A product's page in a session: the votes as the viewer may see them, the tally, the decision with
// its amendments and conditions, and what the forms offer. The visibility rule: a member sees the
// others' votes once they have voted, once the chair opened the deliberation, or once the product is
// decided; the chair and those who record decisions see the tally throughout.
import type { FormValues } from "~/admin/form-parsing";
import { notFound } from "~/auth/viewer.server";
import { db } from "~/db.server";
import { defaultNextReview, latestDecision, parisDay, standingDecisions } from "~/domain/committee-calendar";
import { isoDay } from "~/domain/days";
import { phaseDecidedFrom } from "~/domain/outcomes";
import { isPhase, orderHistory, type Phase } from "~/domain/phases";
import { tally } from "~/domain/tally";
import type { Prisma } from "~/generated/prisma/client";
import { phaseHistorySelect, toPhaseHistory } from "~/products/phase-history.server";
import { CONDITION_LIST, choiceValue, decisionOptions, voteOptions } from "./decision-forms";
import { DECISION_AUDIT } from "./decisions.server";
import { rowField } from "./form-rows";
import { VOTING_SEATS, type SessionAccess } from "./session-access.server";

const asPhase = (value: string | null): Phase | null => (value && isPhase(value) ? value : null);

export const decisionSelect = {
  id: true,
  outcome: true,
  targetPhase: true,
  decidedOn: true,
  budgetEuros: true,
  budgetFrom: true,
  budgetTo: true,
  budgetFunderId: true,
  budgetFunder: { select: { name: true } },
  nextReviewDate: true,
  rationale: true,
  publicRationale: true,
  publishedAt: true,
  correctsId: true,
  createdAt: true,
  recordedBy: { select: { name: true } },
  conditions: {
    select: { id: true, description: true, ownerName: true, dueDate: true, status: true, resolvedAt: true },
    orderBy: [{ dueDate: { sort: "asc" as const, nulls: "last" as const } }, { description: "asc" as const }],
  },
} satisfies Prisma.DecisionSelect;

type DecisionRow = Prisma.DecisionGetPayload<{ select: typeof decisionSelect }>;

/** A decision as pages show it, with whether it still stands and why it was amended. */
export function decisionView(row: DecisionRow, standing: boolean, amendmentReason: string | null) {
  return {
    ...row,
    targetPhase: asPhase(row.targetPhase),
    budgetEuros: row.budgetEuros === null ? null : Number(row.budgetEuros.toString()),
    budgetFunder: row.budgetFunder?.name ?? null,
    recordedBy: row.recordedBy?.name ?? null,
    standing,
    amendmentReason,
  };
}

/** Decisions of one session (amendments included), oldest first, as pages show them. */
export async function sessionDecisions(where: Prisma.DecisionWhereInput) {
  const rows = await db().decision.findMany({ where, select: { ...decisionSelect, productId: true }, orderBy: { createdAt: "asc" } });
  const reasons = await db().auditLog.findMany({
    where: { action: DECISION_AUDIT.amended, entityId: { in: rows.filter((r) => r.correctsId).map((r) => r.id) } },
    select: { entityId: true, reason: true },
  });
  const standing = new Set(standingDecisions(rows).map((r) => r.id));
  return rows.map((row) => ({
    ...decisionView(row, standing.has(row.id), reasons.find((r) => r.entityId === row.id)?.reason ?? null),
    productId: row.productId,
  }));
}

export type DecisionView = Awaited<ReturnType<typeof sessionDecisions>>[number];

/** The form values of an amendment: the decision it corrects, as it was. */
function amendmentValues(d: DecisionView): FormValues {
  const values: FormValues = {
    choice: choiceValue({ outcome: d.outcome, targetPhase: d.targetPhase }),
    nextReviewDate: d.nextReviewDate ? isoDay(d.nextReviewDate) : "",
    budgetEuros: d.budgetEuros === null ? "" : String(d.budgetEuros),
    budgetFunderId: d.budgetFunderId ?? "",
    budgetFrom: d.budgetFrom ? isoDay(d.budgetFrom) : "",
    budgetTo: d.budgetTo ? isoDay(d.budgetTo) : "",
    publicRationale: d.publicRationale ?? "",
    rationale: d.rationale,
  };
  d.conditions.forEach((c, i) => {
    values[rowField(CONDITION_LIST, i, "description")] = c.description;
    values[rowField(CONDITION_LIST, i, "ownerName")] = c.ownerName ?? "";
    values[rowField(CONDITION_LIST, i, "dueDate")] = c.dueDate ? isoDay(c.dueDate) : "";
  });
  return values;
}

/** A product of the session's agenda (404 otherwise), with the phase the committee decides from. */
export async function agendaProduct(sessionId: string, slug: string) {
  const item = await db().agendaItem.findFirst({
    where: { sessionId, product: { slug } },
    select: {
      position: true,
      product: { select: { id: true, slug: true, name: true, pitch: true, phases: { select: phaseHistorySelect } } },
    },
  });
  if (!item) throw notFound();
  const decisions = await sessionDecisions({ sessionId, productId: item.product.id });
  const history = toPhaseHistory(item.product.phases);
  const standing = latestDecision(decisions);
  // Before its own decision's phase change, if any.
  const phase = standing
    ? phaseDecidedFrom(history, { outcome: standing.outcome, targetPhase: standing.targetPhase, decidedOn: standing.decidedOn })
    : (orderHistory(history).at(-1)?.phase ?? null);
  const { phases: _phases, ...product } = item.product;
  return { product: { ...product, position: item.position + 1 }, phase, decisions, standing: standing && (standing as DecisionView) };
}

export async function loadSessionProduct(access: SessionAccess, slug: string) {
  const { session, viewer, rights } = access;
  const { product, phase, decisions, standing } = await agendaProduct(session.id, slug);
  const [votes, members, funders, productDecisions] = await Promise.all([
    db().vote.findMany({
      where: { sessionId: session.id, productId: product.id },
      select: {
        voterId: true,
        choice: true,
        targetPhase: true,
        withConditions: true,
        conflictOfInterest: true,
        comment: true,
        createdAt: true,
        voter: { select: { name: true } },
      },
      orderBy: { createdAt: "asc" },
    }),
    db().committeeMember.findMany({ where: { sessionId: session.id }, select: { userId: true, seat: true } }),
    rights.decide ? db().organisation.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }) : [],
    // Only the product's latest decision may be amended (a later committee may have decided since).
    db().decision.findMany({
      where: { productId: product.id },
      select: { id: true, outcome: true, decidedOn: true, nextReviewDate: true, correctsId: true, createdAt: true },
    }),
  ]);
  const closed = session.closedAt !== null || session.status === "cancelled";
  const decided = decisions.length > 0;
  const mine = votes.find((v) => v.voterId === viewer.userId) ?? null;
  const showVotes = session.deliberationOpenedAt !== null || mine !== null || decided || closed;
  const isChair = session.chairId === viewer.userId;
  const showTally = showVotes || rights.decide || isChair;
  const votingMembers = new Set(
    members.filter((m) => m.userId && VOTING_SEATS.includes(m.seat)).map((m) => m.userId as string),
  ).size;
  const shownVotes = votes.map((v) => ({ ...v, targetPhase: asPhase(v.targetPhase), voter: v.voter.name }));
  const decidedOn = parisDay(session.startsAt);

  return {
    product,
    phase,
    votes: showVotes ? shownVotes : [],
    voteCount: votes.length,
    tally: showTally ? tally(shownVotes, votingMembers) : null,
    showVotes,
    mine: mine && { ...mine, targetPhase: asPhase(mine.targetPhase), voter: mine.voter.name },
    votingOpen: !closed && !decided,
    mayVote: rights.vote && !closed && !decided,
    decisions,
    standing,
    mayDecide: rights.decide && !decided && !closed,
    mayAmend: rights.decide && standing !== null && latestDecision(productDecisions)?.id === standing.id,
    voteOptions: voteOptions(phase),
    decisionOptions: decisionOptions(phase),
    decidedOn,
    defaultReview: defaultNextReview({ outcome: "continue", decidedOn }, session.incubator.reviewIntervalMonths),
    sessionHeld: decidedOn <= parisDay(new Date()),
    funders,
    amendmentValues: standing ? amendmentValues(standing) : null,
  };
}
