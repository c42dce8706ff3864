// What an import file must look like: a header row naming the columns (indicateur, periode, valeur,
// and raison, optional; in any order, any case, with or without accents), then one value per row.
// Pure: the server module checks the rows against the product's indicators and its recorded values.
import { today } from "~/domain/days";
import { periodStart } from "~/domain/periods";
import type { Frequency } from "~/generated/prisma/enums";
import { csvLine, readCsvTable, type CsvColumns, type CsvSeparator } from "./csv";
import type { RawValueRow, RowPlan } from "./value-batch";

/** Bytes of an uploaded file; the form around it may add a little. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const CSV_TOO_LARGE = `Le fichier dépasse ${MAX_IMPORT_BYTES / 1024 / 1024} Mo : découpez-le en plusieurs fichiers.`;
export const MAX_IMPORT_ROWS = 10_000;

type Column = "indicator" | "period" | "value" | "reason";

/** Header names, folded, by column. The English ones serve files written by scripts. */
const HEADERS: Record<string, Column> = {
  indicateur: "indicator",
  indicator: "indicator",
  periode: "period",
  period: "period",
  valeur: "value",
  value: "value",
  raison: "reason",
  reason: "reason",
};

/** The template's header row: what the help text and the downloaded file both show. */
export const TEMPLATE_HEADER = ["indicateur", "periode", "valeur", "raison"] as const;

const COLUMNS: CsvColumns<Column> = {
  headers: HEADERS,
  required: [
    ["indicator", "indicateur"],
    ["period", "periode"],
    ["value", "valeur"],
  ],
  headerHelp: `La première ligne du fichier doit nommer les colonnes ${TEMPLATE_HEADER.slice(0, 3).join(", ")} (et raison, facultative).`,
  rowContent: "valeurs",
  maxRows: MAX_IMPORT_ROWS,
};

export type ImportFile = { ok: true; separator: CsvSeparator; rows: RawValueRow[] } | { ok: false; error: string };

/** The value rows of a file's text (see `decodeUtf8`), or why the file as a whole cannot be read. */
export function readImportText(text: string): ImportFile {
  const table = readCsvTable(text, COLUMNS);
  if (!table.ok) return table;
  const rows = table.rows.map(({ line, cells }) => ({
    position: line,
    indicator: cells.indicator,
    period: cells.period,
    value: cells.value,
    reason: cells.reason,
  }));
  return { ok: true, separator: table.separator, rows };
}

export interface PreviewRow {
  line: number;
  /** The indicator's name once recognised, else the text of the file. */
  indicator: string;
  /** The period as Jalon writes it once read, else the text of the file. */
  period: string;
  value: string;
  reason: string;
  plan: RowPlan;
}

export interface ImportCounts {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: number;
  skipped: number;
}

export interface ImportPreview {
  rows: PreviewRow[];
  counts: ImportCounts;
  /** What the rows would do, hashed: the commit proceeds only if it still finds the same. */
  fingerprint: string;
}

/** Rows shown in a preview at most: every count is given, but a page of 10,000 rows helps nobody. */
export const PREVIEW_ROW_LIMIT = 1000;

const SHOWN_FIRST: Record<RowPlan["kind"], number> = { error: 0, update: 1, create: 2, unchanged: 3, skipped: 4 };

/** The rows a preview shows, in file order: errors first, then changes, within the limit. */
export function rowsToShow(rows: readonly PreviewRow[], limit: number = PREVIEW_ROW_LIMIT): PreviewRow[] {
  if (rows.length <= limit) return [...rows];
  return [...rows]
    .sort((a, b) => SHOWN_FIRST[a.plan.kind] - SHOWN_FIRST[b.plan.kind] || a.line - b.line)
    .slice(0, limit)
    .sort((a, b) => a.line - b.line);
}

/** The period a template proposes: the last one that has ended. */
export function lastEndedPeriod(frequency: Frequency, now: Date = new Date()): Date {
  const current = periodStart(today(now), frequency);
  return periodStart(new Date(current.getTime() - 24 * 60 * 60 * 1000), frequency);
}

/**
 * A template to fill in: one row per indicator with the period to report, values left empty (rows
 * left empty are skipped on import). ";" and a byte-order mark, so that French Excel opens it as is.
 */
export function importTemplate(rows: ReadonlyArray<{ name: string; period: string }>): string {
  const lines = [TEMPLATE_HEADER, ...rows.map((row) => [row.name, row.period, "", ""])].map((cells) => csvLine(cells, ";"));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
