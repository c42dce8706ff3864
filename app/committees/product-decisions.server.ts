// A product's committee decisions as its page lists them: the public reads published decisions and
// their public rationale only; people who may read the product's internal data read them all.
import { db } from "~/db.server";
import type { Phase } from "~/domain/phases";

export async function productDecisions(productId: string, internal: boolean, asOf: Date = new Date()) {
  const decisions = await db().decision.findMany({
    // A publication may be set ahead (once procurement is told): until then the decision is internal.
    where: { productId, ...(internal ? {} : { publishedAt: { lte: asOf } }) },
    orderBy: [{ decidedOn: "desc" }, { createdAt: "desc" }],
    select: {
      id: true,
      outcome: true,
      targetPhase: true,
      decidedOn: true,
      publicRationale: true,
      publishedAt: true,
      correctsId: true,
      session: { select: { id: true, title: true } },
    },
  });
  return decisions.map((d) => ({
    ...d,
    targetPhase: d.targetPhase as Phase | null,
    // A session link is only useful to those who may open the session.
    session: internal ? d.session : null,
  }));
}
