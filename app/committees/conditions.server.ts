// Following the conditions a decision carries ("a go may carry conditions, with owner and due date"):
// a product's conditions with where they stand, and marking one met or not met (audited). Conditions
// of an amended decision give way to the amendment's.
import { recordAudit } from "~/audit/audit-log.server";
import { db } from "~/db.server";
import { parisDay, reviewStatus, type ReviewUrgency } from "~/domain/committee-calendar";
import type { ConditionStatus } from "~/generated/prisma/enums";
import { refuse, transact, type Refused } from "./refusal.server";

export const CONDITION_AUDIT = "decision_condition.updated";

export interface ConditionFollowUp {
  id: string;
  description: string;
  ownerName: string | null;
  dueDate: Date | null;
  status: ConditionStatus;
  resolvedAt: Date | null;
  /** For an open condition with a due date: overdue, due within 45 days, or later. */
  due: ReviewUrgency | null;
  decision: { id: string; decidedOn: Date; sessionId: string | null };
}

type ConditionRow = Omit<ConditionFollowUp, "due" | "decision"> & { decisionId: string; decidedOn: Date; sessionId: string | null };

/** A product's conditions, from its standing decisions, the earliest due first. */
export async function productConditions(productId: string, asOf: Date = new Date()): Promise<ConditionFollowUp[]> {
  const today = parisDay(asOf);
  // One statement (Prisma's query took two): the product page reads this on every visit.
  const found = await db().$queryRaw<ConditionRow[]>`
    SELECT c.id, c.description, c."ownerName", c."dueDate", c.status::text AS status, c."resolvedAt",
      d.id AS "decisionId", d."decidedOn", d."sessionId"
    FROM "DecisionCondition" c JOIN "Decision" d ON d.id = c."decisionId"
    WHERE d."productId" = ${productId}::uuid
      AND NOT EXISTS (SELECT 1 FROM "Decision" amendment WHERE amendment."correctsId" = d.id)
    ORDER BY c."dueDate" ASC NULLS LAST, c.description ASC`;
  return found.map(({ decisionId, decidedOn, sessionId, ...row }) => ({
    ...row,
    decision: { id: decisionId, decidedOn, sessionId },
    due: row.status === "open" && row.dueDate ? reviewStatus(row.dueDate, today).urgency : null,
  }));
}

/** Marks a condition of one of the session's decisions met, not met, or open again. */
export function setConditionStatus(
  actorId: string,
  sessionId: string,
  conditionId: string,
  status: ConditionStatus,
): Promise<{ ok: true } | Refused> {
  return transact(async (tx) => {
    const condition = await tx.decisionCondition.findUnique({
      where: { id: conditionId },
      select: { status: true, decision: { select: { sessionId: true, productId: true } } },
    });
    if (!condition || condition.decision.sessionId !== sessionId) {
      throw refuse("Cette condition n'existe pas ou plus : rechargez la page.");
    }
    if (condition.status === status) throw refuse("La condition est déjà dans cet état.");
    await tx.decisionCondition.update({
      where: { id: conditionId },
      data: { status, resolvedAt: status === "open" ? null : new Date() },
    });
    await recordAudit(tx, {
      actorId,
      action: CONDITION_AUDIT,
      entityType: "DecisionCondition",
      entityId: conditionId,
      data: { productId: condition.decision.productId, before: condition.status, after: status },
    });
    return { ok: true as const };
  });
}
