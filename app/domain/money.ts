// Money is exact: the database keeps DECIMAL(14,2) euros, code adds integer cents (a safe integer up
// to 90 000 milliards d'euros), and only display turns cents back into "1 234 567,89 €".

/** Cents of an amount read from the database (a Prisma Decimal, or its string form). Exact. */
export function toCents(amount: { toString(): string } | string): number {
  const text = amount.toString().trim();
  const match = /^(-)?(\d+)(?:\.(\d{1,2})\d*)?$/.exec(text);
  if (!match) throw new Error(`Montant illisible : ${text}`);
  const [, sign, units, fraction = ""] = match;
  const cents = Number(units) * 100 + Number(fraction.padEnd(2, "0"));
  return sign ? -cents : cents;
}

/** The DECIMAL literal ("1234567.89") of an amount in cents, for writing to the database. */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

const MAX_CENTS = 999_999_999_999_99; // DECIMAL(14,2)

/**
 * Cents of an amount as agents type it: "1 234 567,89", "1234567.89", "1 234 567 €", "12k€" is not
 * accepted. Null when it is not an amount with at most two decimals, negative or too large.
 */
export function parseEuros(text: string): number | null {
  const s = text.trim().replace(/[\s\u00a0\u202f]/g, "").replace(/(€|EUR)$/i, "");
  if (!/^\d[\d.,]*$/.test(s)) return null;
  const lastComma = s.lastIndexOf(",");
  const lastDot = s.lastIndexOf(".");
  const decimalAt = Math.max(lastComma, lastDot);
  // A separator followed by exactly three digits and used once more before is a thousands separator
  // ("1.234.567", "1,234,567"); a last separator with one or two digits after it is the decimal one.
  let units = s;
  let fraction = "";
  if (decimalAt >= 0 && s.length - decimalAt - 1 <= 2) {
    units = s.slice(0, decimalAt);
    fraction = s.slice(decimalAt + 1);
  }
  if (!/^\d{1,3}([.,]\d{3})*$|^\d+$/.test(units)) return null;
  units = units.replace(/[.,]/g, "");
  const cents = Number(units) * 100 + Number(fraction.padEnd(2, "0"));
  return Number.isSafeInteger(cents) && cents <= MAX_CENTS ? cents : null;
}

const EUROS = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });
const WHOLE_EUROS = new Intl.NumberFormat("fr-FR", {
  style: "currency",
  currency: "EUR",
  maximumFractionDigits: 0,
});

/**
 * "1 234 567,89 €" (French grouping with a narrow no-break space, as Intl writes it). With
 * `{ whole: true }`, rounded to the euro for tables of totals.
 */
export function formatEuros(cents: number, options: { whole?: boolean } = {}): string {
  return options.whole ? WHOLE_EUROS.format(Math.round(cents / 100)) : EUROS.format(cents / 100);
}

/** The sum of several amounts in cents. */
export const sumCents = (amounts: Iterable<number>): number => {
  let total = 0;
  for (const amount of amounts) total += amount;
  return total;
};
