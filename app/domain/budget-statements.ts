// A product's budget statements: for one year, what it committed (AE, autorisations d'engagement) and
// paid (CP, crédits de paiement), cell by cell of the network's taxonomy (activity × resource), either
// as the actual of a closed year or as a forecast. Pure: reading what agents type (a form's grid, a
// CSV file), totals, which statement counts for a year, and which entries are due (January: actual
// of last year and forecast of this one; June: the forecast updated).
import type { BudgetNature } from "~/generated/prisma/enums";
import {
  BUDGET_ACTIVITIES,
  BUDGET_ACTIVITY_LABELS,
  BUDGET_RESOURCE_LABELS,
  BUDGET_RESOURCES,
  type BudgetActivity,
  type BudgetResource,
} from "./budget-taxonomy";
import { parisDay } from "./days";
import { parseEuros } from "./money";

export const BUDGET_NATURES = ["actual", "forecast"] as const satisfies readonly BudgetNature[];

export const BUDGET_NATURE_LABELS: Record<BudgetNature, string> = {
  actual: "Réalisé",
  forecast: "Prévisionnel",
};

/** "Prévisionnel 2026" */
export const statementName = (statement: { year: number; nature: BudgetNature }) => `${BUDGET_NATURE_LABELS[statement.nature]} ${statement.year}`;

export const FIRST_BUDGET_YEAR = 2000;
export const LAST_BUDGET_YEAR = 2100;

export const isBudgetYear = (year: number) => Number.isInteger(year) && year >= FIRST_BUDGET_YEAR && year <= LAST_BUDGET_YEAR;

/** One cell of a statement, in cents. AE and CP may differ either way: a year pays what earlier years committed. */
export interface BudgetCell {
  activity: BudgetActivity;
  resource: BudgetResource;
  committed: number;
  paid: number;
}

export interface Amounts {
  committed: number;
  paid: number;
}

const YEAR_ERROR = `Indiquez une année sur quatre chiffres, entre ${FIRST_BUDGET_YEAR} et ${LAST_BUDGET_YEAR}.`;
const AMOUNT_HELP = "Écrivez un montant positif en euros, avec deux décimales au plus, par exemple 1 234,56.";

/** The year typed, or a French message. */
export function readBudgetYear(text: string): { ok: true; year: number } | { ok: false; message: string } {
  const typed = text.trim();
  const year = /^\d{4}$/.test(typed) ? Number(typed) : NaN;
  return isBudgetYear(year) ? { ok: true, year } : { ok: false, message: typed === "" ? `Année manquante. ${YEAR_ERROR}` : `Année impossible : « ${typed} ». ${YEAR_ERROR}` };
}

/** Cents of an amount typed in a cell ("" is no amount), or a French message. */
export function readAmount(text: string, name: "AE" | "CP"): { ok: true; cents: number | null } | { ok: false; message: string } {
  const typed = text.trim();
  if (typed === "") return { ok: true, cents: null };
  const cents = parseEuros(typed);
  return cents === null ? { ok: false, message: `Montant ${name} illisible : « ${typed} ». ${AMOUNT_HELP}` } : { ok: true, cents };
}

/**
 * The cells a statement stores: in the taxonomy's order, without the cells where nothing was
 * committed nor paid (an empty cell and a cell of zeros mean the same, so that the same content
 * compares equal whichever way it was typed).
 */
export function normalizeCells(cells: readonly BudgetCell[]): BudgetCell[] {
  const order = (cell: BudgetCell) => BUDGET_ACTIVITIES.indexOf(cell.activity) * BUDGET_RESOURCES.length + BUDGET_RESOURCES.indexOf(cell.resource);
  return cells.filter((cell) => cell.committed !== 0 || cell.paid !== 0).sort((a, b) => order(a) - order(b));
}

/** Whether two statements hold the same amounts in the same cells (a re-entry that changes nothing). */
export function sameCells(a: readonly BudgetCell[], b: readonly BudgetCell[]): boolean {
  const left = normalizeCells(a);
  const right = normalizeCells(b);
  return (
    left.length === right.length &&
    left.every((cell, i) => {
      const other = right[i];
      return cell.activity === other.activity && cell.resource === other.resource && cell.committed === other.committed && cell.paid === other.paid;
    })
  );
}

export function totalOf(cells: readonly Amounts[]): Amounts {
  return cells.reduce((total, cell) => ({ committed: total.committed + cell.committed, paid: total.paid + cell.paid }), { committed: 0, paid: 0 });
}

/** Totals by activity, in the taxonomy's order, only the activities with an amount. */
export function totalsByActivity(cells: readonly BudgetCell[]): Array<Amounts & { activity: BudgetActivity }> {
  return BUDGET_ACTIVITIES.map((activity) => ({ activity, ...totalOf(cells.filter((cell) => cell.activity === activity)) })).filter(
    (total) => total.committed !== 0 || total.paid !== 0,
  );
}

/** Totals by resource, in the taxonomy's order, only the resources with an amount. */
export function totalsByResource(cells: readonly BudgetCell[]): Array<Amounts & { resource: BudgetResource }> {
  return BUDGET_RESOURCES.map((resource) => ({ resource, ...totalOf(cells.filter((cell) => cell.resource === resource)) })).filter(
    (total) => total.committed !== 0 || total.paid !== 0,
  );
}

/**
 * The statement that counts for each year, years in order: the actual once there is one (a closed
 * year's real figures), else the forecast. `statements` are current revisions.
 */
export function countingStatements<S extends { year: number; nature: BudgetNature }>(statements: readonly S[]): S[] {
  const byYear = new Map<number, S>();
  for (const statement of statements) {
    const kept = byYear.get(statement.year);
    if (!kept || (kept.nature === "forecast" && statement.nature === "actual")) byYear.set(statement.year, statement);
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

export interface YearBudget extends Amounts {
  year: number;
  /** Whether the figures are the year's actual or its forecast. */
  nature: BudgetNature;
  byActivity: Array<Amounts & { activity: BudgetActivity }>;
  byResource: Array<Amounts & { resource: BudgetResource }>;
}

/** Each year's budget from the statements that count (see `countingStatements`). */
export function yearBudgets(statements: ReadonlyArray<{ year: number; nature: BudgetNature; cells: readonly BudgetCell[] }>): YearBudget[] {
  return countingStatements(statements).map(({ year, nature, cells }) => ({
    year,
    nature,
    ...totalOf(cells),
    byActivity: totalsByActivity(cells),
    byResource: totalsByResource(cells),
  }));
}

export interface DueStatement {
  year: number;
  nature: BudgetNature;
  /** Why it is due, in French. */
  reason: string;
}

/** The month (1–12) from which the forecast of the year is to be updated. */
const FORECAST_UPDATE_MONTH = 6;

/**
 * The statements to enter on `today` (a Paris day) given the current ones: from January, the actual
 * of last year and the forecast of this year; from June, the forecast again unless it was entered
 * since the 1st of June.
 */
export function dueStatements(today: Date, recorded: ReadonlyArray<{ year: number; nature: BudgetNature; enteredAt: Date }>): DueStatement[] {
  const year = today.getUTCFullYear();
  const find = (y: number, nature: BudgetNature) => recorded.find((s) => s.year === y && s.nature === nature);
  const due: DueStatement[] = [];
  if (!find(year - 1, "actual")) {
    due.push({ year: year - 1, nature: "actual", reason: `Le réalisé de ${year - 1} est attendu depuis janvier ${year}.` });
  }
  const forecast = find(year, "forecast");
  const updateFrom = Date.UTC(year, FORECAST_UPDATE_MONTH - 1, 1);
  if (!forecast) {
    due.push({ year, nature: "forecast", reason: `Le prévisionnel de ${year} est attendu depuis janvier ${year}.` });
  } else if (today.getTime() >= updateFrom && parisDay(forecast.enteredAt).getTime() < updateFrom) {
    due.push({ year, nature: "forecast", reason: `Le prévisionnel de ${year} est à mettre à jour depuis juin ${year}.` });
  }
  return due;
}

// ---------- The entry grid ----------

/** The name of a grid field: "ae-development-staff". */
export const amountField = (kind: "ae" | "cp", activity: BudgetActivity, resource: BudgetResource) => `${kind}-${activity}-${resource}`;

/** The grid's fields named in words, for the summary of errors. */
export function gridFieldLabels(): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const activity of BUDGET_ACTIVITIES) {
    for (const resource of BUDGET_RESOURCES) {
      const cell = `${BUDGET_ACTIVITY_LABELS[activity]}, ${BUDGET_RESOURCE_LABELS[resource].toLowerCase()}`;
      labels[amountField("ae", activity, resource)] = `AE (${cell})`;
      labels[amountField("cp", activity, resource)] = `CP (${cell})`;
    }
  }
  return labels;
}

/** An amount as the grid shows it for editing: "12500", "12500,50" (what `readAmount` reads back). */
export function typedAmount(cents: number): string {
  const euros = Math.floor(cents / 100);
  const fraction = cents % 100;
  return fraction === 0 ? String(euros) : `${euros},${String(fraction).padStart(2, "0")}`;
}

/** The grid's values for a statement's cells (empty cells absent). */
export function gridValues(cells: readonly BudgetCell[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const cell of cells) {
    values[amountField("ae", cell.activity, cell.resource)] = typedAmount(cell.committed);
    values[amountField("cp", cell.activity, cell.resource)] = typedAmount(cell.paid);
  }
  return values;
}

export type GridRead = { ok: true; cells: BudgetCell[] } | { ok: false; errors: Record<string, string[]> };

/**
 * The cells of a submitted grid (fields named by `amountField`): a cell with one amount has 0 for
 * the other; empty cells are not stored. At least one amount is required.
 */
export function readBudgetGrid(fields: Readonly<Record<string, string>>): GridRead {
  const errors: Record<string, string[]> = {};
  const cells: BudgetCell[] = [];
  for (const activity of BUDGET_ACTIVITIES) {
    for (const resource of BUDGET_RESOURCES) {
      const amounts = (["ae", "cp"] as const).map((kind) => {
        const name = amountField(kind, activity, resource);
        const read = readAmount(fields[name] ?? "", kind === "ae" ? "AE" : "CP");
        if (read.ok) return read.cents;
        errors[name] = [read.message];
        return null;
      });
      const [committed, paid] = amounts;
      if (committed !== null || paid !== null) cells.push({ activity, resource, committed: committed ?? 0, paid: paid ?? 0 });
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (cells.length === 0) return { ok: false, errors: { grille: ["Aucun montant n'est saisi : remplissez au moins une case."] } };
  return { ok: true, cells: normalizeCells(cells) };
}

/** What a statement holds, whichever way it arrives. */
export interface StatementContent {
  year: number;
  nature: BudgetNature;
  cells: BudgetCell[];
}
