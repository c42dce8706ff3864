// A product's funding envelopes: reading them with each funder's share and the runway, creating and
// editing them (optimistic locking, as for products), each change in one transaction with its audit
// row. A funder that is not yet a sponsor of the product becomes one in the same transaction: the
// investors' access follows the sponsors. Rules in app/domain/funding.ts and app/domain/runway.ts.
import { recordAudit } from "~/audit/audit-log.server";
import { refuse, Refusal, transact, type Refused } from "~/committees/refusal.server";
import { db } from "~/db.server";
import { addMonthsUtc, isoDay, parisDay, today as parisToday } from "~/domain/days";
import { checkFastCoFunding, fundingTotals, type EnvelopeLike, type FastCheck } from "~/domain/funding";
import { centsToDecimal, formatEuros, toCents } from "~/domain/money";
import { needsCommittee, runway, type Runway, type SpendingPeriod } from "~/domain/runway";
import type { Prisma } from "~/generated/prisma/client";
import type { EnvelopeStatus, FundingOrigin } from "~/generated/prisma/enums";
import { lockProduct } from "~/products/product-access.server";
import { organisationName } from "~/ui/organisation-name";
import { readFundingRows, type FundingRows } from "./annual-funding.server";
import { runwaySummary } from "./runway-wording";

type Tx = Prisma.TransactionClient;

export const ENVELOPE_AUDIT = { created: "funding_envelope.created", updated: "funding_envelope.updated" } as const;

export interface EnvelopeInput {
  funderId: string;
  cents: number;
  startDate: Date;
  endDate: Date;
  origin: FundingOrigin;
  status: EnvelopeStatus;
  comment: string | null;
}

const DAY_MS = 86_400_000;

/** Makes `funderId` a sponsor of the product if it is not one yet (from the envelope's start). */
async function ensureSponsor(tx: Tx, productId: string, funderId: string, since: Date): Promise<boolean> {
  const existing = await tx.productSponsor.findUnique({
    where: { productId_organisationId: { productId, organisationId: funderId } },
    select: { productId: true },
  });
  if (existing) return false;
  await tx.productSponsor.create({ data: { productId, organisationId: funderId, since } });
  return true;
}

/**
 * Writes an envelope (and the sponsorship it implies) inside the caller's transaction, which holds
 * the product's lock. Used by the envelope form and by committee decisions that grant a budget.
 */
export async function insertEnvelope(
  tx: Tx,
  actorId: string,
  productId: string,
  input: EnvelopeInput & { decisionId?: string | null },
): Promise<string> {
  const funder = await tx.organisation.findUnique({ where: { id: input.funderId }, select: { id: true } });
  if (!funder) throw new Refusal({ financeur: ["Choisissez le financeur dans la liste."] });
  const { id } = await tx.fundingEnvelope.create({
    data: {
      productId,
      funderId: input.funderId,
      amount: centsToDecimal(input.cents),
      startDate: input.startDate,
      endDate: input.endDate,
      origin: input.origin,
      status: input.status,
      comment: input.comment,
      decisionId: input.decisionId ?? null,
      createdById: actorId,
    },
    select: { id: true },
  });
  const sponsorAdded = await ensureSponsor(tx, productId, input.funderId, input.startDate);
  await recordAudit(tx, {
    actorId,
    action: ENVELOPE_AUDIT.created,
    entityType: "FundingEnvelope",
    entityId: id,
    data: { productId, ...auditValues(input), decisionId: input.decisionId ?? null, sponsorAdded },
  });
  return id;
}

const auditValues = (input: EnvelopeInput) => ({
  funderId: input.funderId,
  amount: centsToDecimal(input.cents),
  startDate: isoDay(input.startDate),
  endDate: isoDay(input.endDate),
  origin: input.origin,
  status: input.status,
});

/** The French message of a broken FAST rule, shown next to the amount. */
export function fastMessage(check: Exclude<FastCheck, { ok: true }>): string {
  return check.reason === "over-cap"
    ? `Le cofinancement FAST est plafonné à ${formatEuros(check.limit)} par produit : cette enveloppe le dépasserait.`
    : `Le FAST cofinance à parité, 1 € pour 1 € : il ne peut dépasser ce que les autres financeurs apportent (${formatEuros(check.limit)}). Ajustez le montant ou le statut.`;
}

async function productEnvelopes(tx: Tx, productId: string) {
  const rows = await tx.fundingEnvelope.findMany({
    where: { productId },
    select: { id: true, funderId: true, amount: true, origin: true, status: true, startDate: true, endDate: true },
  });
  return rows.map((row) => ({ ...row, cents: toCents(row.amount) }));
}

function checkFast(envelopes: readonly EnvelopeLike[]): void {
  const check = checkFastCoFunding(envelopes);
  if (!check.ok) throw new Refusal({ montant: [fastMessage(check)] });
}

/** Creates an envelope for the product; refused when it breaks the FAST rule or names no funder. */
export function createEnvelope(actorId: string, productId: string, input: EnvelopeInput): Promise<{ ok: true; id: string } | Refused> {
  return transact(async (tx) => {
    await lockProduct(tx, productId);
    checkFast([...(await productEnvelopes(tx, productId)), input]);
    return { ok: true as const, id: await insertEnvelope(tx, actorId, productId, input) };
  });
}

export type UpdateResult = { ok: true; changed: boolean } | Refused | { ok: false; conflict: true; version: number };

const sameValues = (a: EnvelopeInput, b: EnvelopeInput) =>
  JSON.stringify({ ...auditValues(a), comment: a.comment }) === JSON.stringify({ ...auditValues(b), comment: b.comment });

/**
 * Saves an edit made from `version` of the envelope, or answers `conflict` when someone saved it
 * since (nothing is written).
 */
export function updateEnvelope(
  actorId: string,
  productId: string,
  envelopeId: string,
  version: number,
  input: EnvelopeInput,
): Promise<UpdateResult> {
  return transact(async (tx): Promise<UpdateResult> => {
    await lockProduct(tx, productId);
    const current = await tx.fundingEnvelope.findFirst({ where: { id: envelopeId, productId } });
    if (!current) throw refuse("Cette enveloppe n'existe pas ou plus : rechargez la page.");
    if (current.version !== version) return { ok: false, conflict: true, version: current.version };
    const before: EnvelopeInput = { ...current, cents: toCents(current.amount) };
    if (sameValues(before, input)) return { ok: true, changed: false };
    const others = (await productEnvelopes(tx, productId)).filter((e) => e.id !== envelopeId);
    checkFast([...others, input]);
    const funder = await tx.organisation.findUnique({ where: { id: input.funderId }, select: { id: true } });
    if (!funder) throw new Refusal({ financeur: ["Choisissez le financeur dans la liste."] });
    const { count } = await tx.fundingEnvelope.updateMany({
      where: { id: envelopeId, version },
      data: {
        funderId: input.funderId,
        amount: centsToDecimal(input.cents),
        startDate: input.startDate,
        endDate: input.endDate,
        origin: input.origin,
        status: input.status,
        comment: input.comment,
        version: { increment: 1 },
      },
    });
    // Unreachable under the product's lock, kept as the guarantee the version gives.
    if (count !== 1) return { ok: false, conflict: true, version: current.version };
    const sponsorAdded = await ensureSponsor(tx, productId, input.funderId, input.startDate);
    await recordAudit(tx, {
      actorId,
      action: ENVELOPE_AUDIT.updated,
      entityType: "FundingEnvelope",
      entityId: envelopeId,
      data: { productId, before: auditValues(before), after: auditValues(input), fromVersion: version, sponsorAdded },
    });
    return { ok: true, changed: true };
  });
}

/** The envelope a committee decision grants: its funder, amount and period, the period defaulting to the decision's day until the next review (else six months). */
export function decisionEnvelope(decision: {
  budgetEuros: string;
  budgetFunderId: string;
  budgetFrom: Date | null;
  budgetTo: Date | null;
  decidedOn: Date;
  nextReviewDate: Date | null;
}): EnvelopeInput {
  const startDate = decision.budgetFrom ?? decision.decidedOn;
  const until = decision.nextReviewDate && decision.nextReviewDate > startDate ? decision.nextReviewDate : addMonthsUtc(startDate, 6);
  return {
    funderId: decision.budgetFunderId,
    cents: toCents(decision.budgetEuros),
    startDate,
    endDate: decision.budgetTo ?? new Date(until.getTime() - DAY_MS),
    origin: "sponsor_budget",
    status: "granted",
    comment: "Enveloppe accordée en comité d'investissement.",
  };
}

// ---------- Reading ----------

/**
 * The spending pace of the runway: CP of the current year's statement (the actual when there is one,
 * else the latest forecast), spread over the whole year.
 */
function currentYearSpending({ statements }: FundingRows, year: number): SpendingPeriod[] {
  const ofYear = statements.filter((s) => s.year === year);
  const statement = ofYear.find((s) => s.nature === "actual") ?? ofYear[0];
  if (!statement) return [];
  return [{ from: new Date(Date.UTC(year, 0, 1)), to: new Date(Date.UTC(year, 11, 31)), cents: statement.paidCents }];
}

export interface RunwayView {
  runway: Runway;
  /** The 45-day flag. */
  needsCommittee: boolean;
  /** The next planned session with the product on its agenda. */
  nextSession: { id: string; title: string; startsAt: Date } | null;
}

/**
 * The product's runway on `asOf` (Paris day) and whether a committee must be scheduled. A page that
 * also shows the yearly figures passes the funding rows it already reads.
 */
export async function loadRunway(
  productId: string,
  asOf: Date = new Date(),
  funding: Promise<FundingRows> = readFundingRows(productId),
): Promise<RunwayView> {
  const today = parisToday(asOf);
  const [rows, sessions] = await Promise.all([
    funding,
    db().committeeSession.findMany({
      where: { status: "planned", startsAt: { gte: today }, agenda: { some: { productId } } },
      select: { id: true, title: true, startsAt: true },
      orderBy: { startsAt: "asc" },
    }),
  ]);
  const current = runway(
    rows.envelopes.filter((e) => e.endDate >= today),
    currentYearSpending(rows, today.getUTCFullYear()),
    today,
  );
  return {
    runway: current,
    needsCommittee: needsCommittee(current, today, sessions.map((s) => parisDay(s.startsAt))),
    nextSession: sessions[0] ?? null,
  };
}

/** What the Financement page and the edit form read of an envelope. */
const ENVELOPE_FIELDS = {
  id: true,
  funderId: true,
  amount: true,
  startDate: true,
  endDate: true,
  origin: true,
  status: true,
  comment: true,
} as const;

/** The envelopes section of the Financement page: every envelope, totals, shares and the runway. */
export async function loadEnvelopes(productId: string, asOf: Date = new Date()) {
  const [rows, runwayView] = await Promise.all([
    db().fundingEnvelope.findMany({
      where: { productId },
      select: {
        ...ENVELOPE_FIELDS,
        funder: { select: { name: true, acronym: true } },
        decision: { select: { decidedOn: true, session: { select: { id: true, title: true } } } },
      },
      orderBy: [{ startDate: "desc" }, { createdAt: "desc" }],
    }),
    loadRunway(productId, asOf),
  ]);
  const envelopes = rows.map((row) => ({
    id: row.id,
    funderId: row.funderId,
    funder: organisationName(row.funder),
    cents: toCents(row.amount),
    startDate: isoDay(row.startDate),
    endDate: isoDay(row.endDate),
    origin: row.origin,
    status: row.status,
    comment: row.comment,
    decision: row.decision && { decidedOn: isoDay(row.decision.decidedOn), session: row.decision.session },
  }));
  const totals = fundingTotals(rows.map((row) => ({ ...row, cents: toCents(row.amount) })));
  const names = new Map(envelopes.map((e) => [e.funderId, e.funder]));
  return {
    envelopes,
    totals: { granted: totals.granted, requested: totals.requested, cancelled: totals.cancelled, fast: totals.fast },
    shares: totals.shares.map((s) => ({ ...s, funder: names.get(s.funderId) ?? "" })),
    ...runwayView,
    runwaySummary: runwaySummary(runwayView),
  };
}
export type EnvelopesSection = Awaited<ReturnType<typeof loadEnvelopes>>;

/** One envelope of the product, with its version, for the edit form; null when it is not the product's. */
export function findEnvelope(productId: string, envelopeId: string) {
  return db().fundingEnvelope.findFirst({
    where: { id: envelopeId, productId },
    select: { ...ENVELOPE_FIELDS, version: true, decision: { select: { decidedOn: true } } },
  });
}

/** The organisations a funder is chosen from, by name. */
export async function funderChoices(): Promise<Array<{ value: string; label: string }>> {
  const organisations = await db().organisation.findMany({ select: { id: true, name: true, acronym: true } });
  return organisations
    .map((o) => ({ value: o.id, label: organisationName(o) }))
    .sort((a, b) => a.label.localeCompare(b.label, "fr"));
}
