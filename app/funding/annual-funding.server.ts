// The rows a product's funding figures are computed from, read once for its page: the granted
// envelopes and the current budget statements. Cost per use falls back on the yearly figures when a
// team declares no annual budget (docs/decisions/006): payments (CP) of each year's current actual
// statement, and the granted envelopes prorated over the years they cover. The runway
// (envelopes.server.ts) reads the same rows.
import { db } from "~/db.server";
import type { FundingTotal } from "~/domain/cost-per-use";
import { centsInYear } from "~/domain/funding";
import { sumCents, toCents } from "~/domain/money";

export interface FundingRows {
  /** Every granted envelope, at any date. */
  envelopes: { cents: number; startDate: Date; endDate: Date }[];
  /** The current statement of each year and nature, with its lines' payments (CP) summed. */
  statements: { year: number; nature: "actual" | "forecast"; paidCents: number }[];
}

interface JsonRow {
  envelopes: { amount: string; startDate: string; endDate: string }[];
  statements: { year: number; nature: "actual" | "forecast"; paid: string[] }[];
}

/**
 * One statement where the runway and the yearly figures took five: the product page, which shows
 * both, is read more than any other. Amounts travel as exact decimal strings.
 */
export async function readFundingRows(productId: string): Promise<FundingRows> {
  const [row] = await db().$queryRaw<JsonRow[]>`
    SELECT
      (SELECT coalesce(json_agg(json_build_object('amount', e.amount::text, 'startDate', e."startDate", 'endDate', e."endDate")), '[]')
         FROM "FundingEnvelope" e WHERE e."productId" = ${productId}::uuid AND e.status = 'granted') AS envelopes,
      (SELECT coalesce(json_agg(json_build_object('year', s.year, 'nature', s.nature,
                'paid', (SELECT coalesce(array_agg(l.paid::text), '{}') FROM "BudgetLine" l WHERE l."statementId" = s.id))), '[]')
         FROM "BudgetStatement" s WHERE s."productId" = ${productId}::uuid AND s."supersededAt" IS NULL) AS statements`;
  // JSON carries the days as "2024-03-12", which Date reads as UTC midnight, as Prisma gives them.
  return {
    envelopes: row.envelopes.map((e) => ({ cents: toCents(e.amount), startDate: new Date(e.startDate), endDate: new Date(e.endDate) })),
    statements: row.statements.map((s) => ({ year: s.year, nature: s.nature, paidCents: sumCents(s.paid.map((paid) => toCents(paid))) })),
  };
}

/** Payments of each year's actual statement, and the granted envelopes prorated by year. */
export function annualFunding({ envelopes, statements }: FundingRows): FundingTotal[] {
  const paid = statements
    .filter((s) => s.nature === "actual")
    .sort((a, b) => a.year - b.year)
    .map((s): FundingTotal => ({ year: s.year, kind: "paid", cents: s.paidCents }));
  const granted = new Map<number, number>();
  for (const envelope of envelopes) {
    for (let year = envelope.startDate.getUTCFullYear(); year <= envelope.endDate.getUTCFullYear(); year++) {
      granted.set(year, (granted.get(year) ?? 0) + centsInYear(envelope, year));
    }
  }
  return [...paid, ...[...granted].map(([year, cents]): FundingTotal => ({ year, kind: "granted", cents }))];
}
