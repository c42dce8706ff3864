// The push API and its tokens, called as Remix calls them (real Requests) against a real database:
// authentication (401/403), product (404), body (400/413/415), all-or-nothing batches, idempotence,
// revisions, rate limit; the token page (shown once, only a hash kept, revocation); the OpenAPI
// document, whose examples must pass the schemas the server validates with.
import { beforeAll, describe, expect, it } from "vitest";
import { ApiErrorSchema, PushBodySchema, PushResultSchema } from "~/api/indicator-push";
import { ERROR_EXAMPLES, PUSH_EXAMPLES, RESULT_EXAMPLES } from "~/api/openapi";
import { createSession } from "~/auth/session.server";
import { hashToken } from "~/auth/tokens.server";
import { assignRole, createIncubator, createIndicator, createProduct, createUser } from "~/db/seed/factories.server";
import { day } from "~/domain/days";
import { loader as openApiLoader } from "~/routes/api.v1.openapi[.]json";
import { action as pushAction, loader as pushLoader } from "~/routes/api.v1.products.$slug.indicator-values";
import { action as tokensAction, loader as tokensLoader } from "~/routes/produits.$slug_.jetons";
import { setupTestDatabase } from "./support/db";
import { routeArgs } from "./support/routes";

const db = setupTestDatabase();

const SLUG = "service-pousse";
const OTHER_SLUG = "autre-service";

let cookie: string;
let userId: string;
let indicatorId: string;
let token: string;
let otherToken: string;

/** A token created through the page, as a team member does. */
async function createToken(slug: string, name: string, who = cookie): Promise<string> {
  const result = (await tokensAction(routeArgs(`/produits/${slug}/jetons`, { cookie: who, body: new URLSearchParams({ intent: "create", name }), params: { slug } }))) as {
    created: { token: string };
  };
  return result.created.token;
}

beforeAll(async () => {
  const incubator = await createIncubator(db());
  const product = await createProduct(db(), { slug: SLUG, primaryIncubatorId: incubator.id });
  const other = await createProduct(db(), { slug: OTHER_SLUG, primaryIncubatorId: incubator.id });
  indicatorId = (await createIndicator(db(), { productId: product.id, name: "Utilisateurs actifs mensuels" })).id;
  await createIndicator(db(), { productId: product.id, name: "Taux de satisfaction", frequency: "quarterly" });
  const member = await createUser(db(), { name: "Mona Membre" });
  userId = member.id;
  await assignRole(db(), { userId, role: "team_member", productId: product.id });
  await assignRole(db(), { userId, role: "team_member", productId: other.id });
  cookie = (await createSession(userId, "demo", new Request("http://localhost/"))).split(";")[0];
  token = await createToken(SLUG, "Matomo");
  otherToken = await createToken(OTHER_SLUG, "Script");
});

interface PushOptions {
  slug?: string;
  bearer?: string | null;
  contentType?: string;
  method?: string;
}

async function push(body: unknown, options: PushOptions = {}): Promise<{ status: number; json: unknown; headers: Headers }> {
  const slug = options.slug ?? SLUG;
  const headers = new Headers({ "Content-Type": options.contentType ?? "application/json" });
  const bearer = options.bearer === undefined ? token : options.bearer;
  if (bearer !== null) headers.set("Authorization", `Bearer ${bearer}`);
  const request = new Request(`http://localhost/api/v1/products/${slug}/indicator-values`, {
    method: options.method ?? "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const response = await pushAction({ request, params: { slug }, context: { clientAddress: "127.0.0.1", cspNonce: "" } });
  expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
  return { status: response.status, json: await response.json(), headers: response.headers };
}

const oneValue = (value: number, period = "2026-01", reason?: string) => ({ values: [{ indicator: "Utilisateurs actifs mensuels", period, value, reason }] });

describe("authentication", () => {
  it("refuses a missing, malformed or unknown token (401), with a French JSON message", async () => {
    const missing = await push(oneValue(1), { bearer: null });
    expect(missing.status).toBe(401);
    expect(missing.headers.get("WWW-Authenticate")).toBe('Bearer realm="jalon"');
    expect(ApiErrorSchema.parse(missing.json).error).toMatch(/^Jeton manquant/);
    expect((await push(oneValue(1), { bearer: "" })).status).toBe(401);
    expect(await push(oneValue(1), { bearer: "jalon_inconnu" })).toMatchObject({ status: 401, json: { error: expect.stringMatching(/^Jeton inconnu/) } });
  });

  it("refuses another product's token (403) and answers an unknown product with 404", async () => {
    expect(await push(oneValue(1), { bearer: otherToken })).toMatchObject({ status: 403, json: { error: expect.stringMatching(/autre produit/) } });
    expect(await push(oneValue(1), { slug: "inconnu" })).toMatchObject({ status: 404 });
    expect(await db().indicatorValue.count({ where: { indicatorId } })).toBe(0);
  });

  it("answers GET and other methods with 405 in JSON", async () => {
    const get = pushLoader();
    expect(get.status).toBe(405);
    expect(get.headers.get("Allow")).toBe("POST");
    expect(await get.json()).toEqual({ error: "Méthode non permise : envoyez les valeurs en POST." });
    expect((await push(oneValue(1), { method: "PUT" })).status).toBe(405);
  });
});

describe("the body", () => {
  it("refuses what is not JSON (415), bad JSON and bad shapes (400), and too many values (413)", async () => {
    expect((await push(oneValue(1), { contentType: "text/plain" })).status).toBe(415);
    expect(await push("{ values: ", {})).toMatchObject({ status: 400, json: { error: expect.stringMatching(/pas du JSON valide/) } });
    const shape = await push({ values: [{ indicator: "Utilisateurs actifs mensuels", period: "2026-01", value: "12", valeur: 3 }], extra: true });
    expect(shape).toMatchObject({ status: 400, json: { error: "Le corps de la requête ne suit pas le format attendu." } });
    expect((shape.json as { details: unknown[] }).details).toEqual(
      expect.arrayContaining([
        { path: "values[0].value", message: "Ce champ doit être un nombre." },
        { path: "values[0]", message: "Champ inconnu : valeur." },
        { path: "", message: "Champ inconnu : extra." },
      ]),
    );
    expect(await push({ values: [] })).toMatchObject({ status: 400, json: { details: [{ path: "values", message: "Envoyez au moins une valeur." }] } });
    const many = { values: Array.from({ length: 1001 }, (_, i) => ({ indicator: "Utilisateurs actifs mensuels", period: `20${String(i).padStart(2, "0")}-01`, value: i })) };
    expect(await push(many)).toMatchObject({ status: 413, json: { error: expect.stringMatching(/^Trop de valeurs : 1\u202f000 au plus/) } });
    expect((await push("x".repeat(1024 * 1024 + 1))).status).toBe(413);
    expect(await db().indicatorValue.count({ where: { indicatorId } })).toBe(0);
  });

  it("refuses the whole batch when one value is wrong, saying which and why", async () => {
    const answer = await push({
      values: [
        { indicator: "Utilisateurs actifs mensuels", period: "2026-01", value: 10 },
        { indicator: "Utilisateurs inconnus", period: "2026-01", value: 10 },
        { indicator: "Taux de satisfaction", period: "2099-T1", value: 0.8 },
        { indicator: "utilisateurs actifs mensuels", period: "2026-01-31", value: 11 },
      ],
    });
    expect(answer.status).toBe(400);
    expect(ApiErrorSchema.parse(answer.json)).toEqual({
      error: "Des valeurs sont refusées : aucune n'a été enregistrée.",
      details: [
        { path: "values[1].indicator", message: "Indicateur inconnu : « Utilisateurs inconnus » ne désigne aucun indicateur de ce produit." },
        { path: "values[2].period", message: "Période à venir (2099-T1) : une valeur se déclare une fois sa période commencée." },
        { path: "values[3].period", message: "Doublon : values[0] donne déjà une valeur à « Utilisateurs actifs mensuels » pour la période 2026-01." },
      ],
    });
    expect(await db().indicatorValue.count({ where: { indicatorId } })).toBe(0);
  });
});

describe("recording", () => {
  it("records a batch, changes nothing when it is sent again, and keeps a revision on change", async () => {
    const batch = { values: [{ indicator: "Utilisateurs actifs mensuels", period: "2026-02", value: 1234.5 }, { indicator: indicatorId, period: "2026-03", value: 1300 }] };
    const first = await push(batch);
    expect(first).toMatchObject({ status: 200, json: { created: 2, updated: 0, unchanged: 0 } });
    expect(PushResultSchema.parse(first.json)).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect((await push(batch)).json).toEqual({ created: 0, updated: 0, unchanged: 2 });

    expect((await push(oneValue(1250, "2026-02", "Doublons retirés"))).json).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const value = await db().indicatorValue.findUniqueOrThrow({
      where: { indicatorId_periodStart: { indicatorId, periodStart: day("2026-02-01") } },
      include: { revisions: true },
    });
    expect(value).toMatchObject({ value: 1250, origin: "api", enteredById: userId });
    expect(value.revisions.map((r) => [r.oldValue, r.newValue, r.reason, r.changedById])).toEqual([[1234.5, 1250, "Doublons retirés", userId]]);

    // A validated value changes only with a reason.
    await db().indicatorValue.update({ where: { id: value.id }, data: { status: "validated", validatedById: userId } });
    expect(await push(oneValue(1260, "2026-02"))).toMatchObject({
      status: 400,
      json: { details: [{ path: "values[0].reason", message: "La valeur enregistrée (1\u202f250) avait été validée : indiquez la raison de sa modification." }] },
    });
    expect((await push(oneValue(1260, "2026-02", "Recomptage"))).json).toEqual({ created: 0, updated: 1, unchanged: 0 });

    const journal = await db().auditLog.findMany({ where: { action: "indicator.api_pushed" }, orderBy: { at: "asc" } });
    // The identical re-send changed nothing and is not journaled.
    expect(journal.map((entry) => entry.data)).toEqual([
      expect.objectContaining({ created: 2, updated: 0, unchanged: 0 }),
      expect.objectContaining({ created: 0, updated: 1, unchanged: 0 }),
      expect.objectContaining({ created: 0, updated: 1, unchanged: 0 }),
    ]);
    const used = await db().apiToken.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
    expect(used.lastUsedAt).not.toBeNull();
  });

  it("limits each token to 60 requests a minute (429 with Retry-After)", async () => {
    const busy = await createToken(SLUG, "Script bavard");
    for (let i = 0; i < 60; i += 1) expect((await push("{", { bearer: busy })).status).toBe(400);
    const limited = await push(oneValue(1), { bearer: busy });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    // Other tokens are counted apart.
    expect((await push("{")).status).toBe(400);
  });
});

describe("the token page", () => {
  const page = () => tokensLoader(routeArgs(`/produits/${SLUG}/jetons`, { cookie, params: { slug: SLUG } })) as unknown as Promise<{
    data: { tokens: Array<{ id: string; name: string; prefix: string; revokedAt: Date | null; createdByName: string | null }> };
  }>;

  it("shows a new token once and keeps only its hash and prefix", async () => {
    const fresh = await createToken(SLUG, "Page /stats");
    expect(fresh).toMatch(/^jalon_[A-Za-z0-9_-]{43}$/);
    const stored = await db().apiToken.findUniqueOrThrow({ where: { tokenHash: hashToken(fresh) } });
    expect(stored).toMatchObject({ name: "Page /stats", prefix: fresh.slice(0, 12), createdById: userId, revokedAt: null });
    expect(JSON.stringify(stored)).not.toContain(fresh);
    const listed = await page();
    expect(JSON.stringify(listed)).not.toContain(fresh);
    expect(listed.data.tokens.find((t) => t.prefix === fresh.slice(0, 12))).toMatchObject({ name: "Page /stats", createdByName: "Mona Membre" });
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "api_token.created", entityId: stored.id } });
    expect(JSON.stringify(audit)).not.toContain(fresh);
  });

  it("refuses a token without a name", async () => {
    const refused = (await tokensAction(routeArgs(`/produits/${SLUG}/jetons`, { cookie, body: new URLSearchParams({ intent: "create", name: " " }), params: { slug: SLUG } }))) as {
      init: { status: number };
      data: { errors: Record<string, string[]> };
    };
    expect(refused.init.status).toBe(400);
    expect(refused.data.errors.name?.[0]).toMatch(/^Donnez un nom au jeton/);
  });

  it("revokes a token, which then opens nothing", async () => {
    const doomed = await createToken(SLUG, "Ancien script");
    expect((await push(oneValue(1, "2026-04"), { bearer: doomed })).status).toBe(200);
    const { id } = await db().apiToken.findUniqueOrThrow({ where: { tokenHash: hashToken(doomed) } });
    const revoke = () => tokensAction(routeArgs(`/produits/${SLUG}/jetons`, { cookie, body: new URLSearchParams({ intent: "revoke", tokenId: id }), params: { slug: SLUG } }));
    const done = (await revoke()) as Response;
    expect(done.status).toBe(302);
    expect(await push(oneValue(2, "2026-04"), { bearer: doomed })).toMatchObject({ status: 401, json: { error: expect.stringMatching(/révoqué/) } });
    expect(await revoke()).toMatchObject({ init: { status: 400 } });
    expect(await db().auditLog.count({ where: { action: "api_token.revoked", entityId: id } })).toBe(1);
    expect((await page()).data.tokens.find((t) => t.id === id)?.revokedAt).not.toBeNull();
  });
});

describe("the OpenAPI description", () => {
  it("is an OpenAPI 3.1 document of the endpoint with the bearer scheme", async () => {
    const response = openApiLoader();
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, { post: { responses: Record<string, unknown> } }>;
      components: { securitySchemes: Record<string, { scheme: string }>; schemas: Record<string, { $schema?: string }> };
    };
    expect(document.openapi).toBe("3.1.0");
    const operation = document.paths["/products/{slug}/indicator-values"].post;
    expect(Object.keys(operation.responses).sort()).toEqual(["200", "400", "401", "403", "404", "405", "409", "413", "415", "429"]);
    expect(document.components.securitySchemes.jeton.scheme).toBe("bearer");
    expect(Object.keys(document.components.schemas).sort()).toEqual(["ApiError", "IndicatorValue", "IndicatorValuesPush", "IndicatorValuesPushResult"]);
    expect(JSON.stringify(document)).not.toContain("$schema");
  });

  it("has examples that the server's schemas accept", () => {
    for (const example of Object.values(PUSH_EXAMPLES)) expect(PushBodySchema.safeParse(example.value).success).toBe(true);
    for (const example of Object.values(RESULT_EXAMPLES)) expect(PushResultSchema.safeParse(example.value).success).toBe(true);
    for (const example of Object.values(ERROR_EXAMPLES)) expect(ApiErrorSchema.safeParse(example.value).success).toBe(true);
  });
});
