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
