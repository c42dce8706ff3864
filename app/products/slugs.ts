// A product's slug is its address (/produits/<slug>): lower-case letters without accents, digits,
// dots, underscores and hyphens, as the database's Product_slug_check demands. Imported products keep
// the network's ids, which may hold dots or underscores; new ones get a proposal made from their name.

/** What Product_slug_check and ProductSlugAlias_slug_check accept. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;

export const SLUG_MAX_LENGTH = 100;

/** Letters that Unicode does not decompose into a base letter and an accent. */
const LIGATURES: Record<string, string> = { œ: "oe", æ: "ae", ß: "ss", ø: "o", ł: "l", đ: "d", ð: "d", þ: "th" };

/**
 * The slug proposed for a product name: "Éco-trace : l'empreinte" → "eco-trace-l-empreinte".
 * Empty when the name holds no letter or digit at all.
 */
export function proposeSlug(name: string): string {
  return (
    name
      .toLowerCase()
      // "é" becomes "e" followed by a combining accent, then the accent goes.
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .replace(/[œæßøłđðþ]/g, (letter) => LIGATURES[letter] ?? letter)
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, SLUG_MAX_LENGTH)
      .replace(/-+$/, "")
  );
}
