// Numbers as agents type them: French ("1 234,5", "12,5 %") or English ("1,234.5") notation.

/**
 * The number in `text`, or null when it is not one. A lone comma is a decimal comma (French); with
 * both a comma and a dot, the last one is the decimal separator. Spaces (incl. non-breaking and narrow
 * ones) group thousands; a trailing % or unit-less sign is not accepted silently.
 */
export function parseLocaleNumber(text: string): number | null {
  let s = text.trim().replace(/[\s\u00a0\u202f]/g, "");
  if (!/^[+-]?[\d.,]+$/.test(s)) return null;
  const lastComma = s.lastIndexOf(",");
  const lastDot = s.lastIndexOf(".");
  if (lastComma >= 0 && lastDot >= 0) {
    const decimal = lastComma > lastDot ? "," : ".";
    const group = decimal === "," ? "." : ",";
    s = s.split(group).join("").replace(decimal, ".");
  } else if (lastComma >= 0) {
    // "1,234" (English thousands) is ambiguous: French agents mean 1.234, so a single comma is decimal;
    // several commas can only be thousands ("1,234,567").
    s = (s.match(/,/g) ?? []).length > 1 ? s.replace(/,/g, "") : s.replace(",", ".");
  } else if ((s.match(/\./g) ?? []).length > 1) {
    s = s.replace(/\./g, "");
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s)) return null;
  const value = Number(s);
  return Number.isFinite(value) ? value : null;
}
