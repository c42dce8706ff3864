// HTTP for the open data (the public API, CSV files and their schemas): open to any site (CORS) for
// reading, cached five minutes and revalidated with ETag or Last-Modified, the licence named in a
// Link header. No session is ever read on these addresses: every visitor gets the same answer.
import { createHash } from "node:crypto";
import { LICENCE_URL, ListQuerySchema, type ListQuery } from "./public-products";

export const OPEN_DATA_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers": "ETag, Last-Modified, Link",
  "Cache-Control": "public, max-age=300",
  Link: `<${LICENCE_URL}>; rel="license"`,
} as const;

const JSON_TYPE = "application/json; charset=utf-8";

export function publicError(status: number, error: string): Response {
  return Response.json({ error }, { status, headers: { ...OPEN_DATA_HEADERS, "Content-Type": JSON_TYPE } });
}

/**
 * The answer to a method other than GET or HEAD: a CORS preflight (OPTIONS) is granted for reading,
 * anything else is refused with 405, as Remix refuses a write to a route without an action.
 */
export function nonReadAnswer(request: Request): Response | null {
  if (request.method === "GET" || request.method === "HEAD") return null;
  if (request.method === "OPTIONS") {
    return new Response(null, {
      status: 204,
      headers: {
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
        "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since",
        "Access-Control-Max-Age": "86400",
      },
    });
  }
  return new Response(null, { status: 405, headers: { Allow: "GET, HEAD, OPTIONS" } });
}

/** `If-None-Match` holds this ETag (or `*`); weak and strong forms compare equal, as for GET. */
export function etagMatches(header: string, etag: string): boolean {
  return header.split(",").some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, "");
    return tag === "*" || tag === etag;
  });
}

/**
 * The answer with its validators: 304 when the client's copy is current. If-None-Match wins over
 * If-Modified-Since when both are sent (RFC 9110, 13.2.2).
 */
export function conditionalAnswer(
  request: Request,
  text: string,
  lastModified: Date | null,
  headers: Record<string, string> = { "Content-Type": JSON_TYPE },
): Response {
  const etag = `"${createHash("sha256").update(text).digest("base64url")}"`;
  const validators: Record<string, string> = { ...OPEN_DATA_HEADERS, ETag: etag };
  if (lastModified) validators["Last-Modified"] = lastModified.toUTCString();

  const ifNoneMatch = request.headers.get("If-None-Match");
  const ifModifiedSince = request.headers.get("If-Modified-Since");
  let notModified = false;
  if (ifNoneMatch !== null) {
    notModified = etagMatches(ifNoneMatch, etag);
  } else if (ifModifiedSince !== null && lastModified) {
    const since = Date.parse(ifModifiedSince);
    // HTTP dates have a one-second precision: compare whole seconds.
    notModified = !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
  }
  if (notModified) return new Response(null, { status: 304, headers: validators });
  return new Response(text, { status: 200, headers: { ...validators, ...headers } });
}

export const conditionalJson = (request: Request, body: unknown, lastModified: Date | null) =>
  conditionalAnswer(request, JSON.stringify(body), lastModified);

export const latest = (dates: readonly (Date | null)[]): Date | null =>
  dates.reduce<Date | null>((max, d) => (d !== null && (max === null || d > max) ? d : max), null);

/** `?page=&pageSize=` read, or the 400 answer naming what is wrong. */
function readListQuery(url: URL): { ok: true; query: ListQuery } | { ok: false; answer: Response } {
  const raw: Record<string, string> = {};
  for (const key of ["page", "pageSize"]) {
    const value = url.searchParams.get(key);
    if (value !== null && value.trim() !== "") raw[key] = value;
  }
  const parsed = ListQuerySchema.safeParse(raw);
  if (!parsed.success) return { ok: false, answer: publicError(400, parsed.error.issues.map((i) => i.message).join(" ")) };
  return { ok: true, query: parsed.data };
}

/** A list request's address and page, or the answer to give instead (preflight, 405, 400). */
export function readListRequest(request: Request): { ok: true; url: URL; query: ListQuery } | { ok: false; answer: Response } {
  const refused = nonReadAnswer(request);
  if (refused) return { ok: false, answer: refused };
  const url = new URL(request.url);
  const read = readListQuery(url);
  return read.ok ? { ok: true, url, query: read.query } : read;
}

/** The address of the next page, keeping the other parameters; null on the last page. */
export function nextPageUrl(url: URL, { page, pageSize }: ListQuery, total: number): string | null {
  if (page * pageSize >= total) return null;
  const next = new URL(url.pathname, url.origin);
  for (const [key, value] of url.searchParams) if (key !== "page" && key !== "pageSize") next.searchParams.set(key, value);
  next.searchParams.set("page", String(page + 1));
  next.searchParams.set("pageSize", String(pageSize));
  return next.href;
}
