/**
 * The address if it is a web address (http or https), else null. Links come from free-text fields:
 * anything else (`javascript:`, `data:`…) must never become an `href`.
 */
export function webUrl(value: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}
