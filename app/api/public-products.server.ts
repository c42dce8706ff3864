// The public open data API: public products only, and of them only what their public page shows.
// Selects are explicit so that no private column (team, funding, notes, indicators) can leak in.
import { createHash } from "node:crypto";
import { db } from "~/db.server";
import { isoDay } from "~/domain/days";
import { currentPhase, phaseSegments } from "~/domain/phases";
import type { Prisma } from "~/generated/prisma/client";
import { phaseHistorySelect, toPhaseHistory } from "~/products/phase-history.server";
import {
  LICENCE_ID,
  LICENCE_URL,
  ListQuerySchema,
  type PublicProduct,
  type PublicProductList,
} from "./public-products";

const publicOrganisation = { slug: true, name: true } as const;

const publicProductSelect = {
  slug: true,
  name: true,
  pitch: true,
  websiteUrl: true,
  repositoryUrl: true,
  statsUrl: true,
  budgetUrl: true,
  updatedAt: true,
  primaryIncubator: { select: publicOrganisation },
  coIncubators: { select: { incubator: { select: publicOrganisation } } },
  sponsors: { select: { organisation: { select: { ...publicOrganisation, acronym: true } } } },
  phases: { select: { ...phaseHistorySelect, createdAt: true } },
} satisfies Prisma.ProductSelect;

type PublicProductRow = Prisma.ProductGetPayload<{ select: typeof publicProductSelect }>;

const bySlug = (a: { slug: string }, b: { slug: string }) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);

function toPublicProduct(row: PublicProductRow, asOf: Date): PublicProduct {
  const history = toPhaseHistory(row.phases);
  return {
    slug: row.slug,
    name: row.name,
    pitch: row.pitch,
    currentPhase: currentPhase(history, asOf),
    phases: phaseSegments(history, asOf).map((s) => ({ name: s.phase, start: isoDay(s.start), end: s.end ? isoDay(s.end) : null })),
    incubator: { slug: row.primaryIncubator.slug, name: row.primaryIncubator.name },
    coIncubators: row.coIncubators.map(({ incubator }) => ({ slug: incubator.slug, name: incubator.name })).sort(bySlug),
    sponsors: row.sponsors
      .map(({ organisation }) => ({ slug: organisation.slug, name: organisation.name, acronym: organisation.acronym }))
      .sort(bySlug),
    links: { website: row.websiteUrl, repository: row.repositoryUrl, stats: row.statsUrl, budget: row.budgetUrl },
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** When a product last changed as the API shows it: its own columns, or a phase recorded since. */
function lastChange(row: PublicProductRow): Date {
  return row.phases.reduce((latest, p) => (p.createdAt > latest ? p.createdAt : latest), row.updatedAt);
}

const CORS_AND_CACHE = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers": "ETag, Last-Modified, Link",
  "Cache-Control": "public, max-age=300",
  Link: `<${LICENCE_URL}>; rel="license"`,
} as const;

function publicError(status: number, error: string): Response {
  return Response.json({ error }, { status, headers: { ...CORS_AND_CACHE, "Content-Type": "application/json; charset=utf-8" } });
}

/** `If-None-Match` holds this ETag (or `*`); weak and strong forms compare equal, as for GET. */
function etagMatches(header: string, etag: string): boolean {
  return header.split(",").some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, "");
    return tag === "*" || tag === etag;
  });
}

/**
 * The answer with its validators: 304 when the client's copy is current. If-None-Match wins over
 * If-Modified-Since when both are sent (RFC 9110, 13.2.2).
 */
function conditionalJson(request: Request, body: unknown, lastModified: Date | null): Response {
  const text = JSON.stringify(body);
  const etag = `"${createHash("sha256").update(text).digest("base64url")}"`;
  const headers: Record<string, string> = { ...CORS_AND_CACHE, ETag: etag };
  if (lastModified) headers["Last-Modified"] = lastModified.toUTCString();

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
  if (notModified) return new Response(null, { status: 304, headers });
  return new Response(text, { status: 200, headers: { ...headers, "Content-Type": "application/json; charset=utf-8" } });
}

const maxDate = (dates: Date[]): Date | null =>
  dates.reduce<Date | null>((latest, d) => (latest === null || d > latest ? d : latest), null);

/** GET /api/public/v1/products?page=&pageSize= */
export async function listPublicProducts(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const raw: Record<string, string> = {};
  for (const key of ["page", "pageSize"]) {
    const value = url.searchParams.get(key);
    if (value !== null && value.trim() !== "") raw[key] = value;
  }
  const query = ListQuerySchema.safeParse(raw);
  if (!query.success) return publicError(400, query.error.issues.map((i) => i.message).join(" "));
  const { page, pageSize } = query.data;

  const where = { isPublic: true } satisfies Prisma.ProductWhereInput;
  const [total, rows] = await db().$transaction([
    db().product.count({ where }),
    db().product.findMany({ where, select: publicProductSelect, orderBy: { slug: "asc" }, skip: (page - 1) * pageSize, take: pageSize }),
  ]);
  const asOf = new Date();
  let next: string | null = null;
  if (page * pageSize < total) {
    const nextUrl = new URL(url.pathname, url.origin);
    nextUrl.searchParams.set("page", String(page + 1));
    nextUrl.searchParams.set("pageSize", String(pageSize));
    next = nextUrl.href;
  }
  const body: PublicProductList = {
    data: rows.map((row) => toPublicProduct(row, asOf)),
    page,
    pageSize,
    total,
    next,
    licence: LICENCE_ID,
  };
  return conditionalJson(request, body, maxDate(rows.map(lastChange)));
}

/** GET /api/public/v1/products/<slug>: a private product answers exactly like an unknown one. */
export async function getPublicProduct(request: Request, slug: string): Promise<Response> {
  const row = await db().product.findFirst({ where: { slug, isPublic: true }, select: publicProductSelect });
  if (!row) return publicError(404, `Produit introuvable : aucun produit public n'a l'identifiant « ${slug} ».`);
  return conditionalJson(request, toPublicProduct(row, new Date()), lastChange(row));
}
