// Budget statements as files: the import (one row per cell of a statement, several years and natures
// in one file) and the export of the public page, in the same columns, so that an export reads back
// as it was. Pure: the server module compares the statements a file makes with the current ones.
import {
  BUDGET_ACTIVITIES,
  BUDGET_ACTIVITY_LABELS,
  BUDGET_RESOURCE_LABELS,
  BUDGET_RESOURCES,
  isBudgetActivity,
  isBudgetResource,
  type BudgetActivity,
  type BudgetResource,
} from "~/domain/budget-taxonomy";
import {
  BUDGET_NATURE_LABELS,
  BUDGET_NATURES,
  normalizeCells,
  readAmount,
  readBudgetYear,
  type BudgetCell,
  type StatementContent,
} from "~/domain/budget-statements";
import { centsToDecimal } from "~/domain/money";
import type { BudgetNature } from "~/generated/prisma/enums";
import { csvLine, foldName, readCsvTable, type CsvColumns } from "~/indicators/csv";

/** The columns of budget files, imported and exported: one row per cell of a statement. */
export const BUDGET_CSV_HEADER = ["annee", "nature", "activite", "ressource", "ae", "cp"] as const;

/** How files write a nature; the import also accepts the other spellings below (folded). */
export const BUDGET_NATURE_CODES: Record<BudgetNature, string> = { actual: "realise", forecast: "prevision" };
const NATURE_SPELLINGS: Record<string, BudgetNature> = {
  realise: "actual",
  reel: "actual",
  actual: "actual",
  prevision: "forecast",
  previsionnel: "forecast",
  forecast: "forecast",
};

/** A budget file has at most 12 × 6 cells per year and nature: this leaves room for decades. */
export const MAX_BUDGET_ROWS = 5_000;

type Column = "year" | "nature" | "activity" | "resource" | "committed" | "paid";

const COLUMNS: CsvColumns<Column> = {
  headers: {
    annee: "year",
    year: "year",
    nature: "nature",
    activite: "activity",
    activity: "activity",
    ressource: "resource",
    resource: "resource",
    ae: "committed",
    committed: "committed",
    cp: "paid",
    paid: "paid",
  },
  required: [
    ["year", "annee"],
    ["nature", "nature"],
    ["activity", "activite"],
    ["resource", "ressource"],
    ["committed", "ae"],
    ["paid", "cp"],
  ],
  headerHelp: `La première ligne du fichier doit nommer les colonnes ${BUDGET_CSV_HEADER.join(", ")}.`,
  rowContent: "montants",
  maxRows: MAX_BUDGET_ROWS,
};

export interface RawBudgetRow {
  /** The line of the file. */
  line: number;
  year: string;
  nature: string;
  activity: string;
  resource: string;
  committed: string;
  paid: string;
}

export type BudgetFile = { ok: true; rows: RawBudgetRow[] } | { ok: false; error: string };

/** The rows of a file's text (see `decodeUtf8`), or why the file as a whole cannot be read. */
export function readBudgetFile(text: string): BudgetFile {
  const table = readCsvTable(text, COLUMNS);
  return table.ok ? { ok: true, rows: table.rows.map(({ line, cells }) => ({ line, ...cells })) } : table;
}

export interface CheckedBudgetRow {
  line: number;
  raw: RawBudgetRow;
  cell: (BudgetCell & { year: number; nature: BudgetNature }) | null;
  /** A row without any amount is left out: the template lists every cell, teams fill some. */
  skipped: boolean;
  errors: string[];
}

/** A code typed as it is or as its French label (case and accents ignored); null when it is neither. */
function codeOf<C extends string>(typed: string, labels: Record<C, string>, isCode: (code: string) => code is C): C | null {
  const folded = foldName(typed);
  if (isCode(folded)) return folded;
  const match = (Object.entries(labels) as Array<[C, string]>).find(([, label]) => foldName(label) === folded);
  return match ? match[0] : null;
}

const cellWording = (year: number, nature: BudgetNature, activity: BudgetActivity, resource: BudgetResource) =>
  `${year}, ${BUDGET_NATURE_LABELS[nature].toLowerCase()}, ${BUDGET_ACTIVITY_LABELS[activity].toLowerCase()} × ${BUDGET_RESOURCE_LABELS[resource].toLowerCase()}`;

/**
 * Checks each row: year, nature, activity and resource (codes or French labels), amounts; a row with
 * one amount has 0 for the other; the same cell twice is an error on the second row.
 */
export function checkBudgetRows(rows: readonly RawBudgetRow[]): CheckedBudgetRow[] {
  const seen = new Map<string, number>();
  return rows.map((raw): CheckedBudgetRow => {
    const errors: string[] = [];
    const committed = readAmount(raw.committed, "AE");
    const paid = readAmount(raw.paid, "CP");
    if (committed.ok && paid.ok && committed.cents === null && paid.cents === null) return { line: raw.line, raw, cell: null, skipped: true, errors };

    const year = readBudgetYear(raw.year);
    if (!year.ok) errors.push(year.message);
    const nature = NATURE_SPELLINGS[foldName(raw.nature)] ?? null;
    if (!nature) {
      const expected = `Écrivez ${BUDGET_NATURE_CODES.actual} ou ${BUDGET_NATURE_CODES.forecast}.`;
      errors.push(raw.nature.trim() === "" ? `Nature manquante. ${expected}` : `Nature inconnue : « ${raw.nature.trim()} ». ${expected}`);
    }
    const activity = codeOf(raw.activity, BUDGET_ACTIVITY_LABELS, isBudgetActivity);
    if (!activity) errors.push(`Activité inconnue : « ${raw.activity.trim()} ». Codes possibles : ${BUDGET_ACTIVITIES.join(", ")}.`);
    const resource = codeOf(raw.resource, BUDGET_RESOURCE_LABELS, isBudgetResource);
    if (!resource) errors.push(`Ressource inconnue : « ${raw.resource.trim()} ». Codes possibles : ${BUDGET_RESOURCES.join(", ")}.`);
    if (!committed.ok) errors.push(committed.message);
    if (!paid.ok) errors.push(paid.message);
    if (!year.ok || !nature || !activity || !resource || !committed.ok || !paid.ok) return { line: raw.line, raw, cell: null, skipped: false, errors };

    const key = `${year.year}|${nature}|${activity}|${resource}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push(`Cette case (${cellWording(year.year, nature, activity, resource)}) figure déjà à la ligne ${first}.`);
      return { line: raw.line, raw, cell: null, skipped: false, errors };
    }
    seen.set(key, raw.line);
    const cell = { year: year.year, nature, activity, resource, committed: committed.cents ?? 0, paid: paid.cents ?? 0 };
    return { line: raw.line, raw, cell, skipped: false, errors };
  });
}

/** The statements the valid rows of a file make, one per year and nature, in order. */
export function groupStatements(rows: readonly CheckedBudgetRow[]): StatementContent[] {
  const groups = new Map<string, StatementContent>();
  for (const { cell } of rows) {
    if (!cell) continue;
    const key = `${cell.year}|${cell.nature}`;
    const group = groups.get(key) ?? { year: cell.year, nature: cell.nature, cells: [] };
    group.cells.push({ activity: cell.activity, resource: cell.resource, committed: cell.committed, paid: cell.paid });
    groups.set(key, group);
  }
  return [...groups.values()]
    .map((group) => ({ ...group, cells: normalizeCells(group.cells) }))
    .sort((a, b) => a.year - b.year || BUDGET_NATURES.indexOf(a.nature) - BUDGET_NATURES.indexOf(b.nature));
}

/** An amount as a budget file writes it: decimal comma, no grouping ("1234567,89"). */
export const csvAmount = (cents: number) => centsToDecimal(cents).replace(".", ",");

/** A file of `rows` (cells as text): ";" and a byte-order mark, so that French Excel opens it as is. */
function budgetFile(rows: ReadonlyArray<readonly string[]>): string {
  return `\uFEFF${[BUDGET_CSV_HEADER, ...rows].map((cells) => csvLine(cells, ";")).join("\r\n")}\r\n`;
}

/** The file of statements (the public page's download), in the import's columns. */
export function budgetCsv(statements: readonly StatementContent[]): string {
  return budgetFile(
    statements.flatMap((statement) =>
      statement.cells.map((cell) => [
        String(statement.year),
        BUDGET_NATURE_CODES[statement.nature],
        cell.activity,
        cell.resource,
        csvAmount(cell.committed),
        csvAmount(cell.paid),
      ]),
    ),
  );
}

/**
 * A template to fill in: every cell of the taxonomy for one year and nature, with the amounts of
 * `cells` (the current statement, to revise it) and the others empty.
 */
export function budgetTemplate(year: number, nature: BudgetNature, cells: readonly BudgetCell[] = []): string {
  const amounts = new Map(cells.map((cell) => [`${cell.activity}|${cell.resource}`, cell]));
  return budgetFile(
    BUDGET_ACTIVITIES.flatMap((activity) =>
      BUDGET_RESOURCES.map((resource) => {
        const cell = amounts.get(`${activity}|${resource}`);
        return [String(year), BUDGET_NATURE_CODES[nature], activity, resource, cell ? csvAmount(cell.committed) : "", cell ? csvAmount(cell.paid) : ""];
      }),
    ),
  );
}
