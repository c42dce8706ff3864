// Accent- and case-insensitive text in SQL, the same on PGlite and on any PostgreSQL: no `unaccent`
// (an extension PGlite does not ship and a managed database may refuse), no ICU collation (PGlite
// runs in the "C" locale, where `lower('É')` is still 'É'). Both sides of a comparison go through the
// same expression, so "ecologie" finds "Écologie" and "tresor" finds "Trésor". The fold is computed
// per row at query time: a seq scan of the portfolio's names is cheap at the network's size (a few
// thousand products); a generated, indexed column would be the next step beyond that.
import { Prisma } from "~/generated/prisma/client";

/** Accented letters of French (and a few neighbours), by the letter they fold to. */
const FOLDS: ReadonlyArray<readonly [string, string]> = [
  ["àâäáãå", "a"],
  ["ç", "c"],
  ["éèêë", "e"],
  ["íìîï", "i"],
  ["ñ", "n"],
  ["óòôöõ", "o"],
  ["úùûü", "u"],
  ["ýÿ", "y"],
  // Ligatures become one character here (translate maps one to one), then two below.
  ["œ", "œ"],
  ["æ", "æ"],
  // The typographic apostrophe of "l’Écologie" matches the typed one.
  ["’", "'"],
];

const from = FOLDS.map(([accented]) => accented + accented.toUpperCase()).join("");
const to = FOLDS.map(([accented, plain]) => plain.repeat(accented.length * 2)).join("");

/** `expr` lower-cased, without accents and with ligatures spelt out: "Œuvre Écologie" → "oeuvre ecologie". */
export function foldedSql(expr: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`replace(replace(translate(lower(${expr}), ${from}::text, ${to}::text), 'œ', 'oe'), 'æ', 'ae')`;
}

/** LIKE's own wildcards in a user's text, made literal (with the default escape character). */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** True when the folded `expr` contains the folded `term`, typed by a user (never concatenated into SQL). */
export function containsFoldedSql(expr: Prisma.Sql, term: string): Prisma.Sql {
  return Prisma.sql`${foldedSql(expr)} LIKE '%' || ${foldedSql(Prisma.sql`${escapeLike(term)}::text`)} || '%'`;
}
