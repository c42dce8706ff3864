// A product's committee decisions as its page lists them: the public reads published decisions and
// their public rationale only; people who may read the product's internal data read them all.
import { db } from "~/db.server";
import type { Phase } from "~/domain/phases";
import type { Outcome } from "~/generated/prisma/enums";

interface DecisionRow {
  id: string;
  outcome: Outcome;
  targetPhase: string | null;
  decidedOn: Date;
  publicRationale: string | null;
  publishedAt: Date | null;
  correctsId: string | null;
  nextReviewDate: Date | null;
  createdAt: Date;
  /** The amendment that replaced this decision, if any. */
  correctedBy: { id: string } | null;
  session: { id: string; title: string } | null;
}

/**
 * The decisions this reader may see: `list` as the page shows them, `rows` with what the next review
 * and the charts' markers also need (read once for all three, in one statement rather than Prisma's
 * three: the product page is read more than any other).
 */
export async function productDecisions(productId: string, internal: boolean, asOf: Date = new Date()) {
  const found = await db().$queryRaw<(Omit<DecisionRow, "correctedBy" | "session"> & {
    correctedById: string | null;
    sessionId: string | null;
    sessionTitle: string | null;
  })[]>`
    SELECT d.id, d.outcome::text AS outcome, d."targetPhase", d."decidedOn", d."publicRationale", d."publishedAt",
      d."correctsId", d."nextReviewDate", d."createdAt", c.id AS "correctedById", s.id AS "sessionId", s.title AS "sessionTitle"
    FROM "Decision" d
    LEFT JOIN "Decision" c ON c."correctsId" = d.id
    LEFT JOIN "CommitteeSession" s ON s.id = d."sessionId"
    -- A publication may be set ahead (once procurement is told): until then the decision is internal.
    WHERE d."productId" = ${productId}::uuid AND (${internal} OR d."publishedAt" <= ${asOf.toISOString()}::timestamp)
    ORDER BY d."decidedOn" DESC, d."createdAt" DESC`;
  const rows: DecisionRow[] = found.map(({ correctedById, sessionId, sessionTitle, ...d }) => ({
    ...d,
    correctedBy: correctedById === null ? null : { id: correctedById },
    session: sessionId === null || sessionTitle === null ? null : { id: sessionId, title: sessionTitle },
  }));
  return {
    rows,
    list: rows.map((d) => ({
      id: d.id,
      outcome: d.outcome,
      targetPhase: d.targetPhase as Phase | null,
      decidedOn: d.decidedOn,
      publicRationale: d.publicRationale,
      publishedAt: d.publishedAt,
      correctsId: d.correctsId,
      // A session link is only useful to those who may open the session.
      session: internal ? d.session : null,
    })),
  };
}
