// Recording the committee's decision on a product, in one transaction with its effect on the phase
// history (app/domain/outcomes.ts) and its audit row — or nothing. A decision is never edited: a
// correction is an amendment, a new decision pointing at the one it corrects, whose phase effect
// reconciles the history. Publishing a decision's public rationale is a separate, audited step.
import { z } from "zod";
import { recordAudit } from "~/audit/audit-log.server";
import { defaultNextReview, DEFAULT_EXTENSION_MONTHS, latestDecision, parisDay } from "~/domain/committee-calendar";
import { amendmentEffect, decisionEffect, type EffectResult, type HistoryEdit, type HistoryEntryRef } from "~/domain/outcomes";
import { isPhase, type Phase } from "~/domain/phases";
import type { Prisma } from "~/generated/prisma/client";
import { decisionEnvelope, insertEnvelope } from "~/funding/envelopes.server";
import { lockProduct } from "~/products/product-access.server";
import { formatDay } from "~/ui/dates";
import type { DecisionInput } from "./decision-forms";
import { lockSession, refuse, Refusal, transact, type Refused } from "./refusal.server";

export const DECISION_AUDIT = {
  recorded: "decision.recorded",
  amended: "decision.amended",
  published: "decision.published",
} as const;

/** The session and product a page acts on: a decision id from a form must belong to them. */
export interface DecisionScope {
  sessionId: string;
  productId: string;
}

export type DecisionResult = { ok: true; decisionId: string; targetPhase: Phase | null } | Refused;

async function phaseHistory(tx: Prisma.TransactionClient, productId: string): Promise<HistoryEntryRef[]> {
  const rows = await tx.phaseEntry.findMany({ where: { productId }, select: { id: true, phase: true, startDate: true, endDate: true } });
  return rows.map(({ phase, ...row }) => {
    // The CHECK constraint on "PhaseEntry"."phase" makes this unreachable unless schema and code drift.
    if (!isPhase(phase)) throw new Error(`Unknown phase in the database: ${phase}`);
    return { phase, ...row };
  });
}

/** Writes a history edit: the phase an amended decision opened removed, ends moved, new phases opened. */
async function applyEdit(tx: Prisma.TransactionClient, productId: string, edit: HistoryEdit, actorId: string, decidedOn: Date) {
  if (edit.remove.length > 0) await tx.phaseEntry.deleteMany({ where: { productId, id: { in: edit.remove } } });
  for (const { entryId, endDate } of edit.setEnd) await tx.phaseEntry.update({ where: { id: entryId }, data: { endDate } });
  for (const { phase, startDate } of edit.open) {
    await tx.phaseEntry.create({
      data: {
        productId,
        phase,
        startDate,
        createdById: actorId,
        comment: `Décision du comité d'investissement du ${formatDay(decidedOn)}.`,
      },
    });
  }
}

interface DecisionWrite {
  actorId: string;
  productId: string;
  sessionId: string | null;
  decidedOn: Date;
  correctsId: string | null;
  intervalMonths: number;
  input: DecisionInput;
  effect: Extract<EffectResult, { ok: true }>;
}

/**
 * The envelope a decision with a budget grants (linked to it); an amendment cancels the envelope of
 * the decision it corrects, and grants its own.
 */
async function grantEnvelope(tx: Prisma.TransactionClient, w: DecisionWrite, decisionId: string, nextReviewDate: Date | null) {
  if (w.correctsId) {
    await tx.fundingEnvelope.updateMany({
      where: { decisionId: w.correctsId, status: { not: "cancelled" } },
      data: { status: "cancelled", version: { increment: 1 } },
    });
  }
  const { budgetEuros, budgetFunderId } = w.input;
  if (!budgetEuros || !budgetFunderId) return;
  const envelope = decisionEnvelope({ ...w.input, budgetEuros, budgetFunderId, decidedOn: w.decidedOn, nextReviewDate });
  if (envelope.endDate < envelope.startDate) {
    throw new Refusal({ budgetTo: [`La fin de la période financée doit suivre son début, le ${formatDay(envelope.startDate)}.`] });
  }
  await insertEnvelope(tx, w.actorId, w.productId, { ...envelope, decisionId });
}

/** Writes the decision, its conditions, its phase change, the envelope it grants and its audit row. */
async function writeDecision(tx: Prisma.TransactionClient, w: DecisionWrite, audit: { action: string; reason?: string }) {
  const { input, decidedOn } = w;
  const nextReviewDate =
    input.outcome === "stop"
      ? null
      : (input.nextReviewDate ??
        defaultNextReview({ outcome: input.outcome, decidedOn }, w.intervalMonths, input.extensionMonths ?? DEFAULT_EXTENSION_MONTHS));
  if (nextReviewDate && nextReviewDate <= decidedOn) {
    throw new Refusal({ nextReviewDate: [`La prochaine revue doit suivre la décision, prise le ${formatDay(decidedOn)}.`] });
  }
  if (input.budgetFunderId) {
    const funder = await tx.organisation.findUnique({ where: { id: input.budgetFunderId }, select: { id: true } });
    if (!funder) throw new Refusal({ budgetFunderId: ["Choisissez le financeur dans la liste."] });
  }
  const decision = await tx.decision.create({
    data: {
      productId: w.productId,
      sessionId: w.sessionId,
      outcome: input.outcome,
      targetPhase: w.effect.targetPhase,
      decidedOn,
      budgetEuros: input.budgetEuros,
      budgetFunderId: input.budgetFunderId,
      budgetFrom: input.budgetFrom,
      budgetTo: input.budgetTo,
      nextReviewDate,
      rationale: input.rationale,
      publicRationale: input.publicRationale,
      recordedById: w.actorId,
      correctsId: w.correctsId,
      conditions: { create: input.conditions },
    },
    select: { id: true },
  });
  await applyEdit(tx, w.productId, w.effect.edit, w.actorId, decidedOn);
  await grantEnvelope(tx, w, decision.id, nextReviewDate);
  await recordAudit(tx, {
    actorId: w.actorId,
    action: audit.action,
    entityType: "Decision",
    entityId: decision.id,
    reason: audit.reason,
    data: {
      productId: w.productId,
      sessionId: w.sessionId,
      outcome: input.outcome,
      targetPhase: w.effect.targetPhase,
      conditions: input.conditions.length,
      corrects: w.correctsId,
      phasesRemoved: w.effect.edit.remove.length,
      phasesOpened: w.effect.edit.open.map((o) => o.phase),
    },
  });
  return { ok: true as const, decisionId: decision.id, targetPhase: w.effect.targetPhase };
}

/**
 * Records the session's decision on a product of its agenda, and its phase change. Refused (nothing
 * written) when the session is closed or not held yet, a decision already exists, or the outcome is
 * not one the product's phase allows.
 */
export function recordDecision(
  actorId: string,
  sessionId: string,
  productId: string,
  input: DecisionInput,
  asOf: Date = new Date(),
): Promise<DecisionResult> {
  return transact(async (tx) => {
    await lockSession(tx, sessionId);
    await lockProduct(tx, productId);
    const session = await tx.committeeSession.findUniqueOrThrow({
      where: { id: sessionId },
      select: { startsAt: true, closedAt: true, status: true, incubator: { select: { reviewIntervalMonths: true } } },
    });
    if (session.closedAt) throw refuse("La séance est close : une correction de décision passe par un amendement.");
    if (session.status === "cancelled") throw refuse("La séance a été annulée : elle ne prend pas de décision.");
    // One query at a time: a transaction holds a single connection.
    const onAgenda = await tx.agendaItem.findUnique({ where: { sessionId_productId: { sessionId, productId } }, select: { id: true } });
    const existing = await tx.decision.findFirst({ where: { sessionId, productId }, select: { id: true } });
    if (!onAgenda) throw refuse("Ce produit n'est pas à l'ordre du jour de la séance.");
    if (existing) throw refuse("Une décision est déjà enregistrée pour ce produit : pour la corriger, enregistrez un amendement.");
    const decidedOn = parisDay(session.startsAt);
    if (decidedOn > parisDay(asOf)) {
      throw refuse("La séance n'a pas encore eu lieu : la décision s'enregistre le jour du comité ou après.");
    }
    const effect = decisionEffect(await phaseHistory(tx, productId), { ...input, decidedOn });
    if (!effect.ok) throw new Refusal({ choice: [effect.message] });
    const write = { actorId, productId, sessionId, decidedOn, correctsId: null, input, effect };
    return writeDecision(tx, { ...write, intervalMonths: session.incubator.reviewIntervalMonths }, { action: DECISION_AUDIT.recorded });
  });
}

const DECISION_GONE = "Cette décision n'existe pas ou plus : rechargez la page.";

/** A form without the decision's id (or with a tampered one) must be refused, not reach the database as "". */
const isDecisionId = (id: string) => z.uuid().safeParse(id).success;

/**
 * Amends the product's latest decision: a new decision, on the same day and for the same session,
 * pointing at the original (both kept), with the phase history reconciled. `reason` goes to the log.
 */
export function amendDecision(
  actorId: string,
  scope: DecisionScope,
  decisionId: string,
  input: DecisionInput,
  reason: string,
): Promise<DecisionResult> {
  return transact(async (tx) => {
    if (!isDecisionId(decisionId)) throw refuse(DECISION_GONE);
    const located = await tx.decision.findFirst({ where: { id: decisionId, ...scope }, select: { productId: true, sessionId: true } });
    if (!located) throw refuse(DECISION_GONE);
    if (located.sessionId) await lockSession(tx, located.sessionId);
    await lockProduct(tx, located.productId);
    const decisions = await tx.decision.findMany({
      where: { productId: located.productId },
      select: {
        id: true,
        outcome: true,
        targetPhase: true,
        decidedOn: true,
        nextReviewDate: true,
        correctsId: true,
        createdAt: true,
        product: { select: { primaryIncubator: { select: { reviewIntervalMonths: true } } } },
      },
    });
    const original = decisions.find((d) => d.id === decisionId);
    if (!original) throw refuse("Cette décision n'existe pas ou plus : rechargez la page.");
    if (decisions.some((d) => d.correctsId === decisionId)) {
      throw refuse("Cette décision a déjà été amendée : amendez sa dernière version.");
    }
    if (latestDecision(decisions)?.id !== decisionId) {
      throw refuse("Seule la dernière décision du produit peut être amendée : une décision plus récente a suivi.");
    }
    const originalTarget = original.targetPhase && isPhase(original.targetPhase) ? original.targetPhase : null;
    const effect = amendmentEffect(
      await phaseHistory(tx, located.productId),
      { outcome: original.outcome, targetPhase: originalTarget, decidedOn: original.decidedOn },
      input,
    );
    if (!effect.ok) throw new Refusal({ choice: [effect.message] });
    const write = { actorId, productId: located.productId, sessionId: located.sessionId, decidedOn: original.decidedOn, input, effect };
    return writeDecision(
      tx,
      { ...write, correctsId: decisionId, intervalMonths: original.product.primaryIncubator.reviewIntervalMonths },
      { action: DECISION_AUDIT.amended, reason },
    );
  });
}

/** Publishes a standing decision's public rationale (public pages then show it). */
export function publishDecision(actorId: string, scope: DecisionScope, decisionId: string): Promise<{ ok: true } | Refused> {
  return transact(async (tx) => {
    if (!isDecisionId(decisionId)) throw refuse(DECISION_GONE);
    const decision = await tx.decision.findFirst({
      where: { id: decisionId, ...scope },
      select: { publicRationale: true, publishedAt: true, correctedBy: { select: { id: true } } },
    });
    if (!decision) throw refuse(DECISION_GONE);
    if (decision.correctedBy) throw refuse("Cette décision a été amendée : publiez plutôt son amendement.");
    if (decision.publishedAt) throw refuse("Cette décision est déjà publiée.");
    if (!decision.publicRationale?.trim()) {
      throw refuse("Cette décision n'a pas de motivation publique : enregistrez un amendement qui en donne une, puis publiez-le.");
    }
    // Conditional: of two clicks at once, one publishes.
    const { count } = await tx.decision.updateMany({ where: { id: decisionId, publishedAt: null }, data: { publishedAt: new Date() } });
    if (count === 0) throw refuse("Cette décision est déjà publiée.");
    await recordAudit(tx, { actorId, action: DECISION_AUDIT.published, entityType: "Decision", entityId: decisionId });
    return { ok: true as const };
  });
}
