// CSV as spreadsheets write it: UTF-8 with or without a byte-order mark, "," or ";" between fields
// (French Excel writes ";"), fields in double quotes when they hold a separator, a quote or a line
// break. Reading and writing live together so that a downloaded template reads back as it was.

export type CsvSeparator = "," | ";";

export interface CsvRecord {
  /** The line of the file where the record starts (1 for the header). */
  line: number;
  fields: string[];
}

export type CsvParse = { ok: true; records: CsvRecord[] } | { ok: false; error: string };

/**
 * The text of a UTF-8 file, without its byte-order mark and with "\n" line ends (browsers send a
 * form's text fields back with "\r\n": the same content reads the same whichever way it arrives).
 * Null when the bytes are not UTF-8 (a file saved as Windows-1252, for instance).
 */
export function decodeUtf8(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  return normalizeCsvText(text);
}

export function normalizeCsvText(text: string): string {
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

/** The separator of the header line: the one that appears more often outside quotes. */
export function detectSeparator(text: string): CsvSeparator {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === "\n") break;
    else if (!quoted && char === ";") semicolons += 1;
    else if (!quoted && char === ",") commas += 1;
  }
  return semicolons > commas ? ";" : ",";
}

/** The records of `text` (normalized by `normalizeCsvText`), blank lines left out. */
export function parseCsv(text: string, separator: CsvSeparator): CsvParse {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;

  const endRecord = () => {
    fields.push(field);
    if (fields.some((f) => f.trim() !== "")) records.push({ line: recordLine, fields });
    fields = [];
    field = "";
  };

  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        if (char === "\n") line += 1;
        field += char;
      }
    } else if (char === '"' && field.trim() === "") {
      // A quote opens a quoted field only at its start (spaces before it are dropped).
      quoted = true;
      quoteLine = line;
      field = "";
    } else if (char === separator) {
      fields.push(field);
      field = "";
    } else if (char === "\n") {
      endRecord();
      line += 1;
      recordLine = line;
    } else {
      field += char;
    }
  }
  if (quoted) return { ok: false, error: `Un guillemet ouvert à la ligne ${quoteLine} n'est jamais fermé.` };
  endRecord();
  return { ok: true, records };
}

/**
 * A spreadsheet-safe CSV line. A cell starting with =, +, - or @ would run as a formula when the file
 * is opened in a spreadsheet: it is written after an apostrophe, which `unescapeFormula` removes.
 */
export function csvLine(cells: readonly string[], separator: CsvSeparator): string {
  return cells
    .map((cell) => (/^[=+\-@]/.test(cell) ? `'${cell}` : cell))
    .map((cell) => (/[";\n\r,]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell))
    .join(separator);
}

/** A cell written by `csvLine` as it was before the formula guard. */
export function unescapeFormula(cell: string): string {
  return /^'[=+\-@]/.test(cell) ? cell.slice(1) : cell;
}

/** A name as compared: lower case, no accents, ligatures spelt out, spaces collapsed. */
export function foldName(name: string): string {
  return unescapeFormula(name.trim())
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

/** The columns an import file must name in its header row, whatever it imports. */
export interface CsvColumns<C extends string> {
  /** Header names, folded by `foldName`, by column. Other columns of the file are ignored. */
  headers: Readonly<Record<string, C>>;
  /** The columns without which no row can be read, with the name the messages give them. */
  required: ReadonlyArray<readonly [C, string]>;
  /** Said after the missing columns: what the first line must name. */
  headerHelp: string;
  /** What a row holds, for the messages: "valeurs" gives "lignes de valeurs". */
  rowContent: string;
  maxRows: number;
}

export type CsvTable<C extends string> =
  | { ok: true; separator: CsvSeparator; rows: Array<{ line: number; cells: Record<C, string> }> }
  | { ok: false; error: string };

const formatCount = (n: number) => n.toLocaleString("fr-FR");

/**
 * The rows of an import file's text (see `decodeUtf8`) by column, found by the header's names in any
 * order, case and accents (an absent optional column reads as ""), or why the file as a whole cannot
 * be read.
 */
export function readCsvTable<C extends string>(text: string, spec: CsvColumns<C>): CsvTable<C> {
  const separator = detectSeparator(text);
  const parsed = parseCsv(text, separator);
  if (!parsed.ok) return parsed;
  const [header, ...records] = parsed.records;
  if (!header) return { ok: false, error: "Le fichier est vide." };

  const columns = new Map<C, number>();
  for (const [index, name] of header.fields.entries()) {
    const column = spec.headers[foldName(name)];
    if (!column) continue;
    if (columns.has(column)) return { ok: false, error: `La colonne « ${name.trim()} » apparaît deux fois dans la première ligne.` };
    columns.set(column, index);
  }
  const missing = spec.required.filter(([column]) => !columns.has(column)).map(([, name]) => name);
  if (missing.length > 0) {
    return {
      ok: false,
      error: `${missing.length > 1 ? "Colonnes manquantes" : "Colonne manquante"} : ${missing.join(", ")}. ${spec.headerHelp}`,
    };
  }
  if (records.length === 0) {
    return { ok: false, error: `Le fichier ne contient aucune ligne de ${spec.rowContent} sous la ligne d'en-tête.` };
  }
  if (records.length > spec.maxRows) {
    return {
      ok: false,
      error: `Le fichier compte ${formatCount(records.length)} lignes de ${spec.rowContent} : ${formatCount(spec.maxRows)} au plus. Découpez-le en plusieurs fichiers.`,
    };
  }
  const allColumns = [...new Set(Object.values(spec.headers))] as C[];
  const rows = records.map(({ line, fields }) => {
    const cells = Object.fromEntries(
      allColumns.map((column) => {
        const index = columns.get(column);
        return [column, index === undefined ? "" : (fields[index] ?? "")];
      }),
    ) as Record<C, string>;
    return { line, cells };
  });
  return { ok: true, separator, rows };
}
