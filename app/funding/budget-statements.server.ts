// Writing and reading a product's budget statements. A new entry never changes a statement: it
// supersedes the current revision (kept, with `supersededAt`) by a new one, in one transaction, and
// is journaled. Entering the same content again writes nothing. Two people saving the same year and
// nature at the same moment cannot both win: the partial unique index keeps one current revision,
// and the loser gets a French conflict message (docs/decisions/017-budget-statements.md).
import { recordAudit } from "~/audit/audit-log.server";
import { can } from "~/auth/permissions";
import { getViewer, notFound } from "~/auth/viewer.server";
import { db } from "~/db.server";
import type { Db } from "~/db/seed/factories.server";
import { isBudgetActivity, isBudgetResource } from "~/domain/budget-taxonomy";
import {
  dueStatements,
  normalizeCells,
  sameCells,
  totalOf,
  yearBudgets,
  type BudgetCell,
  type DueStatement,
  type StatementContent,
  type YearBudget,
} from "~/domain/budget-statements";
import { today } from "~/domain/days";
import { fundingTotals } from "~/domain/funding";
import { centsToDecimal, toCents } from "~/domain/money";
import { Prisma } from "~/generated/prisma/client";
import type { BudgetNature } from "~/generated/prisma/enums";
import { missingProductAnswer } from "~/products/product-slugs.server";
import { organisationName } from "~/ui/organisation-name";
import { productScopeSelect, toProductScope } from "~/products/visibility.server";

export const BUDGET_CONFLICT =
  "Ce budget a été enregistré au même moment par quelqu'un d'autre : rien n'a été enregistré. Rechargez la page pour voir la dernière version, puis recommencez.";

/** Thrown inside a transaction to undo it when another entry got there first. */
class BudgetConflict extends Error {
  constructor() {
    super(BUDGET_CONFLICT);
  }
}

export interface BudgetEntry extends StatementContent {
  productId: string;
  /** "form", "csv"… */
  origin: string;
  userId: string;
  comment?: string | null;
  /**
   * The current revision the person saw (null: none), when there is a screen between reading and
   * saving: if another entry came in between, the save is refused rather than silently replacing it.
   */
  basedOnRevision?: number | null;
}

export type RecordOutcome = { status: "recorded"; revision: number } | { status: "unchanged"; revision: number };

type LineRow = { activity: string; resource: string; committed: Prisma.Decimal; paid: Prisma.Decimal };

/** Stored lines as cells in cents (the CHECK constraint keeps codes in the taxonomy). */
function toCells(lines: readonly LineRow[]): BudgetCell[] {
  return normalizeCells(
    lines.flatMap((line) =>
      isBudgetActivity(line.activity) && isBudgetResource(line.resource)
        ? [{ activity: line.activity, resource: line.resource, committed: toCents(line.committed), paid: toCents(line.paid) }]
        : [],
    ),
  );
}

const lineSelect = { activity: true, resource: true, committed: true, paid: true } as const;

/**
 * Records `entry` as the current statement of its product, year and nature, within `tx`: unchanged
 * when it holds what the current revision holds; else the current revision is superseded and the new
 * one (revision + 1) journaled. Throws on a concurrent entry: run it through `inBudgetTransaction`.
 */
export async function recordBudgetStatement(tx: Db, entry: BudgetEntry): Promise<RecordOutcome> {
  const { productId, year, nature } = entry;
  const current = await tx.budgetStatement.findFirst({
    where: { productId, year, nature, supersededAt: null },
    select: { id: true, revision: true, lines: { select: lineSelect } },
  });
  if (entry.basedOnRevision !== undefined && (current?.revision ?? null) !== entry.basedOnRevision) throw new BudgetConflict();
  const cells = normalizeCells(entry.cells);
  if (current && sameCells(toCells(current.lines), cells)) return { status: "unchanged", revision: current.revision };

  if (current) {
    // Someone who superseded it first makes this count 0 (Postgres re-reads the row once it is free).
    const superseded = await tx.budgetStatement.updateMany({ where: { id: current.id, supersededAt: null }, data: { supersededAt: new Date() } });
    if (superseded.count !== 1) throw new BudgetConflict();
  }
  const revision = (current?.revision ?? 0) + 1;
  const created = await tx.budgetStatement.create({
    data: {
      productId,
      year,
      nature,
      revision,
      origin: entry.origin,
      comment: entry.comment ?? null,
      enteredById: entry.userId,
      lines: {
        create: cells.map((cell) => ({
          activity: cell.activity,
          resource: cell.resource,
          committed: centsToDecimal(cell.committed),
          paid: centsToDecimal(cell.paid),
        })),
      },
    },
    select: { id: true },
  });
  const total = totalOf(cells);
  await recordAudit(tx, {
    actorId: entry.userId,
    action: "budget.recorded",
    entityType: "Product",
    entityId: productId,
    data: {
      statementId: created.id,
      year,
      nature,
      revision,
      origin: entry.origin,
      cells: cells.length,
      committed: centsToDecimal(total.committed),
      paid: centsToDecimal(total.paid),
    },
  });
  return { status: "recorded", revision };
}

export type Transacted<T> = { ok: true; value: T } | { ok: false; error: string };

/** Runs budget writes in one transaction; a concurrent entry undoes them all and gives `BUDGET_CONFLICT`. */
export async function inBudgetTransaction<T>(work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<Transacted<T>> {
  try {
    return { ok: true, value: await db().$transaction(work) };
  } catch (error) {
    const unique = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
    if (unique || error instanceof BudgetConflict) return { ok: false, error: BUDGET_CONFLICT };
    throw error;
  }
}

/** The current statement of a year and nature (to prefill the entry grid, to compare a file with); null when none. */
export async function currentStatementIn(
  tx: Db,
  productId: string,
  year: number,
  nature: BudgetNature,
): Promise<{ revision: number; cells: BudgetCell[] } | null> {
  const current = await tx.budgetStatement.findFirst({
    where: { productId, year, nature, supersededAt: null },
    select: { revision: true, lines: { select: lineSelect } },
  });
  return current && { revision: current.revision, cells: toCells(current.lines) };
}

/** The current revisions of the product, cells included, in order of year and nature. */
export async function currentStatements(productId: string): Promise<Array<StatementContent & { enteredAt: Date; revision: number }>> {
  const rows = await db().budgetStatement.findMany({
    where: { productId, supersededAt: null },
    orderBy: [{ year: "asc" }, { nature: "asc" }],
    select: { year: true, nature: true, revision: true, enteredAt: true, lines: { select: lineSelect } },
  });
  return rows.map((row) => ({ year: row.year, nature: row.nature, revision: row.revision, enteredAt: row.enteredAt, cells: toCells(row.lines) }));
}

export interface RevisionRow {
  year: number;
  nature: BudgetNature;
  revision: number;
  origin: string;
  comment: string | null;
  /** ISO instants: the summary goes to the page as it is. */
  enteredAt: string;
  enteredBy: string | null;
  supersededAt: string | null;
  committed: number;
  paid: number;
}

export interface BudgetSummary {
  /** Each year's budget from the statement that counts (actual, else forecast). */
  years: YearBudget[];
  /** What is due now (January and June entries). */
  due: DueStatement[];
  /** Every revision, newest year first. */
  history: RevisionRow[];
}

/** The budget part of the product's "Financement" page. */
export async function loadBudgetSummary(productId: string, now: Date = new Date()): Promise<BudgetSummary> {
  const rows = await db().budgetStatement.findMany({
    where: { productId },
    orderBy: [{ year: "desc" }, { nature: "asc" }, { revision: "desc" }],
    select: {
      year: true,
      nature: true,
      revision: true,
      origin: true,
      comment: true,
      enteredAt: true,
      supersededAt: true,
      enteredBy: { select: { name: true } },
      lines: { select: lineSelect },
    },
  });
  const current = rows.filter((row) => row.supersededAt === null).map((row) => ({ ...row, cells: toCells(row.lines) }));
  return {
    years: yearBudgets(current),
    due: dueStatements(today(now), current),
    history: rows.map((row) => ({
      year: row.year,
      nature: row.nature,
      revision: row.revision,
      origin: row.origin,
      comment: row.comment,
      enteredAt: row.enteredAt.toISOString(),
      enteredBy: row.enteredBy?.name ?? null,
      supersededAt: row.supersededAt?.toISOString() ?? null,
      ...totalOf(toCells(row.lines)),
    })),
  };
}

export interface FunderRow {
  name: string;
  cents: number;
  /** Share of the granted money, in basis points (10 000 = 100 %). */
  basisPoints: number;
}

export interface PublicBudget {
  years: YearBudget[];
  /** The current statements, for the download. */
  statements: StatementContent[];
  funders: FunderRow[];
  granted: number;
}

/** What the public budget page shows: current statements only, and the funders of granted envelopes. */
export async function loadPublicBudget(productId: string): Promise<PublicBudget> {
  const [statements, envelopes] = await Promise.all([
    currentStatements(productId),
    db().fundingEnvelope.findMany({
      where: { productId, status: "granted" },
      select: { funderId: true, amount: true, origin: true, status: true, startDate: true, endDate: true, funder: { select: { name: true, acronym: true } } },
    }),
  ]);
  const names = new Map(envelopes.map((e) => [e.funderId, organisationName(e.funder)]));
  const totals = fundingTotals(envelopes.map((e) => ({ ...e, cents: toCents(e.amount) })));
  return {
    years: yearBudgets(statements),
    statements: statements.map(({ year, nature, cells }) => ({ year, nature, cells })),
    funders: totals.shares.map((share) => ({ name: names.get(share.funderId) ?? "", cents: share.cents, basisPoints: share.basisPoints })),
    granted: totals.granted,
  };
}

/**
 * The product whose budget a request may read: anyone for a public product; for a private one,
 * those who read its funding. Otherwise 404 (a former slug leads to `page(current slug)`), so that a
 * private product's existence is not disclosed.
 */
export async function requireBudgetReader(request: Request, slug: string, page: (slug: string) => string): Promise<{ id: string; slug: string; name: string; isPublic: boolean }> {
  const viewer = await getViewer(request);
  const product = await db().product.findUnique({ where: { slug }, select: { ...productScopeSelect, slug: true, name: true } });
  if (!product) throw await missingProductAnswer(viewer, slug, page);
  const scope = toProductScope(product);
  if (!scope.isPublic && !can(viewer, "funding.read", scope)) throw notFound();
  return { id: product.id, slug: product.slug, name: product.name, isPublic: product.isPublic };
}
