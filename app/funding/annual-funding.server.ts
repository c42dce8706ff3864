// The yearly funding figures cost per use falls back on when a team declares no annual budget
// (docs/decisions/006): payments (CP) of each year's current actual statement, and the granted
// envelopes prorated over the years they cover.
import { db } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import type { FundingTotal } from "~/domain/cost-per-use";
import { centsInYear } from "~/domain/funding";
import { sumCents, toCents } from "~/domain/money";

/**
 * The product's current budget statements, the actual ones or those of one year, with their lines'
 * payments (CP) as exact decimal strings: one statement where Prisma's relation query took two, for the
 * product page (cost per use, runway) read more than any other. By year, an actual before a forecast.
 */
export function currentStatementPayments(productId: string, only: { nature: "actual" } | { year: number }) {
  const filter = "year" in only ? Prisma.sql`s.year = ${only.year}::int` : Prisma.sql`s.nature = 'actual'`;
  return db().$queryRaw<{ year: number; paid: string[] }[]>`
    SELECT s.year, coalesce(array_agg(l.paid::text) FILTER (WHERE l.id IS NOT NULL), '{}') AS paid
    FROM "BudgetStatement" s LEFT JOIN "BudgetLine" l ON l."statementId" = s.id
    WHERE s."productId" = ${productId}::uuid AND s."supersededAt" IS NULL AND ${filter}
    GROUP BY s.id
    ORDER BY s.year, s.nature`;
}

export async function loadAnnualFunding(productId: string): Promise<FundingTotal[]> {
  const [statements, envelopes] = await Promise.all([
    currentStatementPayments(productId, { nature: "actual" }),
    db().fundingEnvelope.findMany({
      where: { productId, status: "granted" },
      select: { amount: true, startDate: true, endDate: true },
    }),
  ]);
  const paid: FundingTotal[] = statements.map((s) => ({
    year: s.year,
    kind: "paid",
    cents: sumCents(s.paid.map((paid) => toCents(paid))),
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
