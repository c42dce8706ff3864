// A member's vote on a product of the session's agenda. A vote is one row per (session, product,
// member), written by a single conditional upsert: concurrent votes never lose one another, a member
// voting twice at once keeps one row, and a vote arriving after the decision (or the closing) writes
// nothing. The audit row is written by the same statement.
import { randomUUID } from "node:crypto";
import { db } from "~/db.server";
import { checkOutcome } from "~/domain/outcomes";
import type { Phase } from "~/domain/phases";
import type { VoteInput } from "./decision-forms";
import type { Refused } from "./refusal.server";

export const VOTE_AUDIT = "vote.cast";

export type VoteResult = { ok: true; changed: boolean } | Refused;

const refused = (message: string, field = "form"): Refused => ({ ok: false, errors: { [field]: [message] } });

/**
 * Records or changes `voterId`'s vote, judged against the product's `phase` (the one the committee
 * decides from). The caller has checked that the voter sits on the committee.
 */
export async function castVote(
  voterId: string,
  sessionId: string,
  productId: string,
  phase: Phase | null,
  input: VoteInput,
): Promise<VoteResult> {
  let targetPhase: Phase | null = null;
  if (input.choice) {
    const check = checkOutcome(phase, input.choice.outcome, input.choice.targetPhase);
    if (!check.ok) return refused(check.message, "choice");
    targetPhase = check.targetPhase;
  }
  const outcome = input.choice?.outcome ?? null;
  const withConditions = input.choice?.withConditions ?? false;
  const conflict = input.choice === null;
  const voteId = randomUUID();
  const auditData = JSON.stringify({ sessionId, productId, choice: outcome, targetPhase, withConditions, conflictOfInterest: conflict });
  const rows = await db().$queryRaw<Array<{ id: string; inserted: boolean }>>`
    WITH vote AS (
      INSERT INTO "Vote" ("id", "sessionId", "productId", "voterId", "choice", "withConditions", "targetPhase", "conflictOfInterest", "comment")
      SELECT ${voteId}::uuid, ${sessionId}::uuid, ${productId}::uuid, ${voterId}::uuid, ${outcome}::"Outcome",
             ${withConditions}::boolean, ${targetPhase}::text, ${conflict}::boolean, ${input.comment}::text
      WHERE EXISTS (SELECT 1 FROM "CommitteeSession" s WHERE s."id" = ${sessionId}::uuid AND s."closedAt" IS NULL AND s."status" <> 'cancelled')
        AND EXISTS (SELECT 1 FROM "AgendaItem" a WHERE a."sessionId" = ${sessionId}::uuid AND a."productId" = ${productId}::uuid)
        AND NOT EXISTS (SELECT 1 FROM "Decision" d WHERE d."sessionId" = ${sessionId}::uuid AND d."productId" = ${productId}::uuid)
      ON CONFLICT ("sessionId", "productId", "voterId") DO UPDATE SET
        "choice" = EXCLUDED."choice",
        "withConditions" = EXCLUDED."withConditions",
        "targetPhase" = EXCLUDED."targetPhase",
        "conflictOfInterest" = EXCLUDED."conflictOfInterest",
        "comment" = EXCLUDED."comment"
      RETURNING "id", ("id" = ${voteId}::uuid) AS "inserted"
    ), logged AS (
      INSERT INTO "AuditLog" ("id", "actorId", "action", "entityType", "entityId", "data")
      SELECT ${randomUUID()}::uuid, ${voterId}::uuid, ${VOTE_AUDIT}::text, 'Vote', vote."id"::text, ${auditData}::jsonb FROM vote
    )
    SELECT "id"::text AS "id", "inserted" FROM vote`;
  if (rows.length === 1) return { ok: true, changed: !rows[0].inserted };
  const [session, decision] = await Promise.all([
    db().committeeSession.findUnique({ where: { id: sessionId }, select: { closedAt: true, status: true } }),
    db().decision.findFirst({ where: { sessionId, productId }, select: { id: true } }),
  ]);
  if (session?.closedAt || session?.status === "cancelled") return refused("La séance est close : les votes sont clos.");
  if (decision) return refused("La décision est enregistrée : les votes sur ce produit sont clos.");
  return refused("Ce produit n'est pas à l'ordre du jour de la séance.");
}
