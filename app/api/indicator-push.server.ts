// POST /api/v1/products/<slug>/indicator-values: a product's script pushes a batch of values. Every
// answer is JSON, errors included ({ error, details }); bad input of any kind is a 4xx. The batch is
// checked as a whole and written in one transaction, or refused as a whole; sending it again changes
// nothing. Values are attributed to the person who created the token.
import { randomUUID } from "node:crypto";
import { recordAudit } from "~/audit/audit-log.server";
import { db } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { checkValueRows, isValidRow } from "~/indicators/value-batch";
import { BATCH_TRANSACTION, indicatorRefs, planRows, toValueInputs } from "~/indicators/value-batch.server";
import { recordValues } from "~/indicators/values.server";
import { lockProduct } from "~/products/product-access.server";
import { readBody } from "~/http/body.server";
import { hitRateLimit, type RateLimit } from "~/security/rate-limit.server";
import { authenticateBearer, markTokenUsed, type ApiCaller } from "./api-tokens.server";
import {
  MAX_PUSH_BYTES,
  MAX_PUSH_VALUES,
  PushBodySchema,
  describeItem,
  pushRows,
  rowDetails,
  schemaDetails,
  type ApiError,
  type PushResult,
} from "./indicator-push";

const PUSH_LIMIT: RateLimit = { name: "api-push:token", limit: 60, windowSeconds: 60 };

const NO_STORE = { "Cache-Control": "no-store" };

export function apiError(status: number, error: string, details?: ApiError["details"], headers: Record<string, string> = {}): Response {
  const body: ApiError = details && details.length > 0 ? { error, details } : { error };
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

const UNAUTHORIZED: Record<"missing" | "unknown" | "revoked", string> = {
  missing: "Jeton manquant : envoyez l'en-tête « Authorization: Bearer <jeton> » avec un jeton API du produit.",
  unknown: "Jeton inconnu : vérifiez qu'il a été copié en entier.",
  revoked: "Ce jeton a été révoqué : créez-en un nouveau sur la page « Jetons API » du produit.",
};

/** Any method but POST. */
export function methodNotAllowed(): Response {
  return apiError(405, "Méthode non permise : envoyez les valeurs en POST.", undefined, { Allow: "POST" });
}

async function findProduct(slug: string): Promise<{ id: string } | null> {
  // A former slug still reaches the product: a rename does not break the team's scripts.
  return db().product.findFirst({ where: { OR: [{ slug }, { slugAliases: { some: { slug } } }] }, select: { id: true } });
}

const isJson = (request: Request) => /^application\/(.+\+)?json\s*(;|$)/i.test(request.headers.get("Content-Type") ?? "");

type Parsed = { ok: true; body: unknown } | { ok: false; response: Response };

async function readJson(request: Request): Promise<Parsed> {
  if (!isJson(request)) {
    return { ok: false, response: apiError(415, "Type de contenu non pris en charge : envoyez du JSON avec « Content-Type: application/json ».") };
  }
  const read = await readBody(request, MAX_PUSH_BYTES);
  if (!read.ok) {
    return {
      ok: false,
      response:
        read.reason === "too-large"
          ? apiError(413, `Corps de requête trop volumineux : ${MAX_PUSH_BYTES / 1024 / 1024} Mo au plus. Découpez l'envoi en plusieurs lots.`)
          : apiError(400, "Le corps de la requête n'a pas pu être lu."),
    };
  }
  try {
    return { ok: true, body: JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(read.bytes)) };
  } catch {
    return { ok: false, response: apiError(400, "Le corps de la requête n'est pas du JSON valide (encodé en UTF-8).") };
  }
}

const tooManyValues = (body: unknown) =>
  typeof body === "object" && body !== null && "values" in body && Array.isArray(body.values) && body.values.length > MAX_PUSH_VALUES;

async function record(caller: ApiCaller, body: unknown): Promise<Response> {
  if (tooManyValues(body)) {
    return apiError(413, `Trop de valeurs : ${MAX_PUSH_VALUES.toLocaleString("fr-FR")} au plus par requête. Découpez l'envoi en plusieurs lots.`);
  }
  const parsed = PushBodySchema.safeParse(body, { reportInput: true });
  if (!parsed.success) return apiError(400, "Le corps de la requête ne suit pas le format attendu.", schemaDetails(parsed.error));

  const outcome = await db().$transaction(async (tx) => {
    // Two pushes or imports of the same product run one after the other.
    await lockProduct(tx, caller.productId);
    const rows = checkValueRows(pushRows(parsed.data), await indicatorRefs(tx, caller.productId), { describe: describeItem });
    const plans = await planRows(tx, rows);
    if (plans.some((plan) => plan.kind === "error")) {
      return { ok: false as const, details: rowDetails(rows.map((row, i) => ({ position: row.position, plan: plans[i] }))) };
    }
    const summary = await recordValues(tx, toValueInputs(rows.filter(isValidRow)), { userId: caller.createdById, origin: "api" });
    // Scripts often resend what they sent before: only a push that changed something is journaled.
    if (summary.created + summary.updated > 0) {
      await recordAudit(tx, {
        actorId: caller.createdById,
        action: "indicator.api_pushed",
        entityType: "Product",
        entityId: caller.productId,
        data: { tokenId: caller.tokenId, prefix: caller.prefix, ...summary },
      });
    }
    return { ok: true as const, summary };
  }, BATCH_TRANSACTION);
  if (!outcome.ok) return apiError(400, "Des valeurs sont refusées : aucune n'a été enregistrée.", outcome.details);
  const result: PushResult = outcome.summary;
  return Response.json(result, { headers: NO_STORE });
}

/** The whole exchange: authentication, product, rate limit, body, batch. */
export async function pushIndicatorValues(request: Request, slug: string): Promise<Response> {
  try {
    const auth = await authenticateBearer(request);
    if (!auth.ok) return apiError(401, UNAUTHORIZED[auth.reason], undefined, { "WWW-Authenticate": 'Bearer realm="jalon"' });
    const { caller } = auth;
    const limit = await hitRateLimit(PUSH_LIMIT, caller.tokenId);
    if (!limit.allowed) {
      return apiError(429, `Trop de requêtes avec ce jeton : ${PUSH_LIMIT.limit} par minute au plus. Réessayez dans ${limit.retryAfterSeconds} secondes.`, undefined, {
        "Retry-After": String(limit.retryAfterSeconds),
      });
    }
    const product = await findProduct(slug);
    if (!product) return apiError(404, `Produit introuvable : aucun produit n'a l'adresse « ${slug} ».`);
    if (product.id !== caller.productId) return apiError(403, "Ce jeton appartient à un autre produit : utilisez un jeton créé pour celui-ci.");
    await markTokenUsed(caller.tokenId);
    const json = await readJson(request);
    return json.ok ? await record(caller, json.body) : json.response;
  } catch (error) {
    // Another push or import created one of these values at the same moment: nothing was written.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return apiError(409, "Des valeurs de ce lot ont été enregistrées en même temps par un autre envoi : renvoyez la requête.");
    }
    const reference = randomUUID();
    console.error(`API push failed (reference ${reference})`, error);
    return apiError(500, `Erreur interne : rien n'a été enregistré. Référence à communiquer à l'équipe de Jalon : ${reference}.`);
  }
}
