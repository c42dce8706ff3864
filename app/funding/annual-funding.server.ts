// The yearly funding figures cost per use falls back on when a team declares no annual budget
// (docs/decisions/006): payments (CP) of each year's current actual statement, and the granted
// envelopes prorated over the years they cover.
import { db } from "~/db.server";
import type { FundingTotal } from "~/domain/cost-per-use";
import { centsInYear } from "~/domain/funding";
import { sumCents, toCents } from "~/domain/money";

export async function loadAnnualFunding(productId: string): Promise<FundingTotal[]> {
  const [statements, envelopes] = await Promise.all([
    db().budgetStatement.findMany({
      where: { productId, nature: "actual", supersededAt: null },
      select: { year: true, lines: { select: { paid: true } } },
    }),
    db().fundingEnvelope.findMany({
      where: { productId, status: "granted" },
      select: { amount: true, startDate: true, endDate: true },
    }),
  ]);
  const paid: FundingTotal[] = statements.map((s) => ({
    year: s.year,
    kind: "paid",
    cents: sumCents(s.lines.map((line) => toCents(line.paid))),
  }));
  const granted = new Map<number, number>();
  for (const envelope of envelopes) {
    const cents = toCents(envelope.amount);
    for (let year = envelope.startDate.getUTCFullYear(); year <= envelope.endDate.getUTCFullYear(); year++) {
      granted.set(year, (granted.get(year) ?? 0) + centsInYear({ ...envelope, cents }, year));
    }
  }
  return [...paid, ...[...granted].map(([year, cents]): FundingTotal => ({ year, kind: "granted", cents }))];
}
