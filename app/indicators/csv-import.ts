// What an import file must look like: a header row naming the columns (indicateur, periode, valeur,
// and raison, optional; in any order, any case, with or without accents), then one value per row.
// Pure: the server module checks the rows against the product's indicators and its recorded values.
import { today } from "~/domain/days";
import { periodStart } from "~/domain/periods";
import type { Frequency } from "~/generated/prisma/enums";
import { csvLine, detectSeparator, parseCsv, type CsvSeparator } from "./csv";
import { foldName, type RawValueRow, type RowPlan } from "./value-batch";

/** Bytes of an uploaded file; the form around it may add a little. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
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

const REQUIRED: ReadonlyArray<[Column, string]> = [
  ["indicator", "indicateur"],
  ["period", "periode"],
  ["value", "valeur"],
];

/** The template's header row: what the help text and the downloaded file both show. */
export const TEMPLATE_HEADER = ["indicateur", "periode", "valeur", "raison"] as const;

export type ImportFile = { ok: true; separator: CsvSeparator; rows: RawValueRow[] } | { ok: false; error: string };

const formatCount = (n: number) => n.toLocaleString("fr-FR");

/** The value rows of a file's text (see `decodeUtf8`), or why the file as a whole cannot be read. */
export function readImportText(text: string): ImportFile {
  const separator = detectSeparator(text);
  const parsed = parseCsv(text, separator);
  if (!parsed.ok) return parsed;
  const [header, ...records] = parsed.records;
  if (!header) return { ok: false, error: "Le fichier est vide." };

  const columns = new Map<Column, number>();
  for (const [index, name] of header.fields.entries()) {
    const column = HEADERS[foldName(name)];
    if (!column) continue; // Other columns (a comment, a unit…) are the team's own business.
    if (columns.has(column)) return { ok: false, error: `La colonne « ${name.trim()} » apparaît deux fois dans la première ligne.` };
    columns.set(column, index);
  }
  const missing = REQUIRED.filter(([column]) => !columns.has(column)).map(([, name]) => name);
  if (missing.length > 0) {
    return {
      ok: false,
      error: `${missing.length > 1 ? "Colonnes manquantes" : "Colonne manquante"} : ${missing.join(", ")}. La première ligne du fichier doit nommer les colonnes ${TEMPLATE_HEADER.slice(0, 3).join(", ")} (et raison, facultative).`,
    };
  }
  if (records.length === 0) return { ok: false, error: "Le fichier ne contient aucune ligne de valeurs sous la ligne d'en-tête." };
  if (records.length > MAX_IMPORT_ROWS) {
    return {
      ok: false,
      error: `Le fichier compte ${formatCount(records.length)} lignes de valeurs : ${formatCount(MAX_IMPORT_ROWS)} au plus. Découpez-le en plusieurs fichiers.`,
    };
  }

  const cell = (fields: string[], column: Column) => {
    const index = columns.get(column);
    return index === undefined ? "" : (fields[index] ?? "");
  };
  const rows = records.map(({ line, fields }) => ({
    position: line,
    indicator: cell(fields, "indicator"),
    period: cell(fields, "period"),
    value: cell(fields, "value"),
    reason: cell(fields, "reason"),
  }));
  return { ok: true, separator, rows };
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
