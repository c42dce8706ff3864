// The instance export file (docs/export-format.md): one JSON document laid out one row per line, so
// that it is written and read as a stream yet stays plain JSON for any other tool. This module holds
// the pure parts: the envelope and its version check, the layout, and how each column type becomes a
// JSON value (PostgreSQL does the conversions both ways; these are the rules it is asked to apply).
import { z } from "zod";

export const FORMAT = "jalon-export";
export const FORMAT_VERSION = 1;

/**
 * Tables left out of an export, and why. Every other table of the schema is exported, whatever its
 * name: a new table travels without code changes, and tests/instance-export.test.ts fails if one of
 * these names no longer exists.
 */
export const EXCLUDED_TABLES: Readonly<Record<string, string>> = {
  Session: "signed-in browsers: short-lived, tied to this instance's cookies; everyone signs in again",
  LoginToken: "single-use sign-in links, valid for minutes",
  RateLimitCounter: "fixed-window counters of the last minutes",
  JobLock: "which process of this instance runs a scheduled job",
  _prisma_migrations: "the target database records its own migrations; the header names the last one",
};

/** A problem with the file or the target database, in French, shown alone to the operator. */
export class InstanceExportError extends Error {
  override name = "InstanceExportError";
}

export interface ColumnInfo {
  name: string;
  /** As `format_type` writes it: "uuid", "timestamp(3) without time zone", "numeric(14,2)"… */
  type: string;
  isEnum: boolean;
  nullable: boolean;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

const TIMESTAMP = /^timestamp(?:\((\d)\))? (with|without) time zone$/;

/**
 * The SQL expression that turns a column of `alias` into its JSON value (the import reads every value
 * back through the column type's own input, so only the export needs rules): texts, uuids, enums and
 * booleans as they are; integers and floats as JSON numbers (floats in PostgreSQL's shortest exact
 * form; NaN and infinities as the strings "NaN", "Infinity"); bigints and decimals as strings (exact
 * beyond a double); dates as "YYYY-MM-DD"; timestamps as ISO 8601 UTC with milliseconds (microseconds
 * for a column more precise than that); JSON columns as the JSON itself.
 */
export function exportExpression(column: ColumnInfo, alias: string): string {
  const ref = `${alias}.${quoteIdent(column.name)}`;
  if (column.isEnum) return `${ref}::text`;
  const { type } = column;
  if (["uuid", "text", "boolean", "integer", "smallint", "double precision", "real", "json", "jsonb"].includes(type)) {
    return ref;
  }
  if (/^character varying(\(\d+\))?$/.test(type)) return ref;
  if (type === "bigint" || /^numeric(\(\d+,\d+\))?$/.test(type)) return `${ref}::text`;
  if (type === "date") return `to_char(${ref}, 'YYYY-MM-DD')`;
  const timestamp = TIMESTAMP.exec(type);
  if (timestamp) {
    const fraction = Number(timestamp[1] ?? 6) <= 3 ? "MS" : "US";
    const utc = timestamp[2] === "with" ? `(${ref} AT TIME ZONE 'UTC')` : ref;
    return `to_char(${utc}, 'YYYY-MM-DD"T"HH24:MI:SS.${fraction}"Z"')`;
  }
  throw new InstanceExportError(
    `La colonne ${column.name} est de type ${type}, que le format d'export ne sait pas encore écrire : complétez app/instance-export/format.ts.`,
  );
}

// ---------- Envelope ----------

const headerSchema = z.object({
  format: z.literal(FORMAT),
  formatVersion: z.number().int(),
  exportedAt: z.iso.datetime(),
  schemaMigration: z.string().min(1),
  rowCounts: z.record(z.string(), z.number().int().min(0)),
});

export type ExportHeader = z.infer<typeof headerSchema>;

/** The first line: the envelope, opening `tables`. */
export function headerLine(header: ExportHeader): string {
  const envelope = JSON.stringify(header);
  return `${envelope.slice(0, -1)},"tables":{\n`;
}

/** A table's section opens on its own line; its rows follow one per line, separated by commas. */
export const tableOpening = (table: string) => `${JSON.stringify(table)}:[\n`;
export const rowSeparator = ",\n";
export const tableClosing = (rowCount: number, last: boolean) => `${rowCount ? "\n" : ""}]${last ? "" : ","}\n`;
export const FILE_CLOSING = "}}\n";

const NOT_AN_EXPORT =
  "Ce fichier n'est pas un export Jalon lisible (la première ligne doit décrire le format jalon-export) : vérifiez qu'il s'agit bien du fichier produit par npm run export.";

/** Reads and checks the first line of a file; refuses another format or version in French. */
export function parseHeaderLine(line: string | undefined): ExportHeader {
  const suffix = ',"tables":{';
  if (line === undefined || !line.endsWith(suffix)) throw new InstanceExportError(NOT_AN_EXPORT);
  let value: unknown;
  try {
    value = JSON.parse(`${line.slice(0, -suffix.length)}}`);
  } catch {
    throw new InstanceExportError(NOT_AN_EXPORT);
  }
  const version = (value as { formatVersion?: unknown } | null)?.formatVersion;
  if ((value as { format?: unknown } | null)?.format === FORMAT && version !== FORMAT_VERSION) {
    throw new InstanceExportError(
      `Ce fichier est au format d'export version ${JSON.stringify(version)}, alors que cette version de Jalon lit la version ${FORMAT_VERSION} : importez-le avec la version de Jalon qui l'a produit.`,
    );
  }
  const parsed = headerSchema.safeParse(value);
  if (!parsed.success) throw new InstanceExportError(NOT_AN_EXPORT);
  return parsed.data;
}

/** What one line of the body is, past the header. */
export type BodyLine =
  | { kind: "table"; table: string }
  | { kind: "tableEnd" }
  | { kind: "row"; json: string }
  | { kind: "end" };

const TABLE_LINE = /^("(?:[^"\\]|\\.)*"):\[$/;

export function classifyLine(line: string): BodyLine {
  const table = TABLE_LINE.exec(line);
  if (table) return { kind: "table", table: JSON.parse(table[1]) as string };
  if (line === "]" || line === "],") return { kind: "tableEnd" };
  if (line === "}}") return { kind: "end" };
  return { kind: "row", json: line.endsWith(",") ? line.slice(0, -1) : line };
}

/** Checks that a row is an object with exactly the table's columns; returns the parsed row. */
export function checkRow(json: string, table: string, columns: ReadonlySet<string>, lineNumber: number) {
  let row: unknown;
  try {
    row = JSON.parse(json);
  } catch {
    throw new InstanceExportError(`Ligne ${lineNumber} (table ${table}) : ce n'est pas du JSON valide ; le fichier est abîmé.`);
  }
  if (typeof row !== "object" || row === null || Array.isArray(row)) {
    throw new InstanceExportError(`Ligne ${lineNumber} (table ${table}) : une ligne de table doit être un objet JSON.`);
  }
  const keys = Object.keys(row);
  const unknown = keys.find((key) => !columns.has(key));
  if (unknown !== undefined || keys.length !== columns.size) {
    const missing = [...columns].filter((c) => !(c in row));
    throw new InstanceExportError(
      unknown !== undefined
        ? `Ligne ${lineNumber} (table ${table}) : la colonne « ${unknown} » n'existe pas dans cette base.`
        : `Ligne ${lineNumber} (table ${table}) : il manque la colonne « ${missing[0]} ».`,
    );
  }
  return row as Record<string, unknown>;
}
