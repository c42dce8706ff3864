// What a product's funding envelopes add up to: totals per status, each funder's share of the granted
// money, the FAST co-funding cap, and how much of an envelope falls in a calendar year. Amounts are
// integer cents (app/domain/money.ts); shares are basis points (1/100 of a per cent) so that they are
// integers too and add up to exactly 10 000. Decided in docs/decisions/020-funding-envelopes-and-runway.md.
import type { EnvelopeStatus, FundingOrigin } from "~/generated/prisma/enums";

export interface EnvelopeLike {
  funderId: string;
  cents: number;
  origin: FundingOrigin;
  status: EnvelopeStatus;
  startDate: Date;
  endDate: Date;
}

export interface FunderShare {
  funderId: string;
  /** Granted cents of this funder. */
  cents: number;
  /** Share of the granted total, in basis points (10 000 = 100 %); the shares add up to 10 000. */
  basisPoints: number;
}

export interface FundingTotals {
  granted: number;
  requested: number;
  cancelled: number;
  /** Granted FAST co-funding, included in `granted`. */
  fast: number;
  shares: FunderShare[];
}

/**
 * Largest remainder: each funder gets the floor of its exact share, and the basis points left go to
 * the largest remainders (ties: the larger amount, then the funder id), so that shares add up to 100 %.
 */
function shares(byFunder: Map<string, number>, total: number): FunderShare[] {
  if (total === 0) return [...byFunder].map(([funderId, cents]) => ({ funderId, cents, basisPoints: 0 }));
  const exact = [...byFunder].map(([funderId, cents]) => {
    // cents × 10 000 stays a safe integer up to 900 milliards d'euros.
    const scaled = cents * 10_000;
    return { funderId, cents, basisPoints: Math.floor(scaled / total), remainder: scaled % total };
  });
  let left = 10_000 - exact.reduce((sum, s) => sum + s.basisPoints, 0);
  const order = [...exact].sort(
    (a, b) => b.remainder - a.remainder || b.cents - a.cents || a.funderId.localeCompare(b.funderId),
  );
  for (const share of order) {
    if (left === 0) break;
    share.basisPoints += 1;
    left -= 1;
  }
  return exact
    .map(({ funderId, cents, basisPoints }) => ({ funderId, cents, basisPoints }))
    .sort((a, b) => b.cents - a.cents || a.funderId.localeCompare(b.funderId));
}

/** Totals per status and each funder's share of the granted money (cancelled envelopes count for nothing). */
export function fundingTotals(envelopes: readonly EnvelopeLike[]): FundingTotals {
  const totals = { granted: 0, requested: 0, cancelled: 0, fast: 0 };
  const granted = new Map<string, number>();
  for (const envelope of envelopes) {
    totals[envelope.status] += envelope.cents;
    if (envelope.status !== "granted") continue;
    if (envelope.origin === "fast") totals.fast += envelope.cents;
    granted.set(envelope.funderId, (granted.get(envelope.funderId) ?? 0) + envelope.cents);
  }
  return { ...totals, shares: shares(granted, totals.granted) };
}

/** FAST co-funds 1 € for 1 € what the other funders grant, up to 300 000 € per product. */
export const FAST_CAP_CENTS = 300_000_00;

export type FastCheck = { ok: true } | { ok: false; reason: "over-cap" | "over-parity"; limit: number };

const sum = (envelopes: readonly EnvelopeLike[], keep: (e: EnvelopeLike) => boolean) =>
  envelopes.reduce((total, e) => (keep(e) ? total + e.cents : total), 0);

/**
 * Whether a product's envelopes, as they would be after a change, keep the FAST rule: FAST money
 * (granted and requested) at most 300 000 €, and at most what the other funders put in — granted
 * FAST against the others' granted money, granted and requested FAST against the others' granted
 * and requested money (a FAST request goes with the sponsor's request at the same committee).
 * `limit` is the most the FAST total could be. Cancelled envelopes count for nothing.
 */
export function checkFastCoFunding(envelopes: readonly EnvelopeLike[]): FastCheck {
  const fast = (e: EnvelopeLike) => e.origin === "fast";
  const granted = (e: EnvelopeLike) => e.status === "granted";
  const live = (e: EnvelopeLike) => e.status !== "cancelled";
  const fastLive = sum(envelopes, (e) => fast(e) && live(e));
  if (fastLive > FAST_CAP_CENTS) return { ok: false, reason: "over-cap", limit: FAST_CAP_CENTS };
  const othersGranted = sum(envelopes, (e) => !fast(e) && granted(e));
  if (sum(envelopes, (e) => fast(e) && granted(e)) > othersGranted) {
    return { ok: false, reason: "over-parity", limit: othersGranted };
  }
  const othersLive = sum(envelopes, (e) => !fast(e) && live(e));
  if (fastLive > othersLive) return { ok: false, reason: "over-parity", limit: othersLive };
  return { ok: true };
}

const DAY_MS = 86_400_000;
const daysBetween = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / DAY_MS);

/**
 * The part of an envelope that falls in `year`, prorated by days (both ends included), rounded to
 * the cent: an envelope from October to March funds both years, not twice its amount.
 */
export function centsInYear(envelope: Pick<EnvelopeLike, "cents" | "startDate" | "endDate">, year: number): number {
  const first = Date.UTC(year, 0, 1);
  const last = Date.UTC(year, 11, 31);
  const from = Math.max(envelope.startDate.getTime(), first);
  const to = Math.min(envelope.endDate.getTime(), last);
  if (to < from) return 0;
  const length = daysBetween(envelope.startDate, envelope.endDate) + 1;
  const inside = Math.round((to - from) / DAY_MS) + 1;
  return inside === length ? envelope.cents : Math.round((envelope.cents * inside) / length);
}

const PERCENT = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 2 });

/** A share in basis points as French readers write it: 6 250 → "62,5 %". */
export const formatShare = (basisPoints: number): string => PERCENT.format(basisPoints / 10_000);
