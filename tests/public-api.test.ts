// The public open data API, its loaders called as Remix calls them against a real database: the
// pages and their bounds, the phases as the network publishes them, the HTTP caching validators and
// CORS, and that nothing private (a private product, a team e-mail, a committee note…) ever shows.
import { beforeAll, describe, expect, it } from "vitest";
import type { publicOpenApiDocument } from "~/api/public-openapi.server";
import { PublicProductListSchema, PublicProductSchema } from "~/api/public-products";
import {
  assignRole,
  createFundingEnvelope,
  createIndicator,
  createIncubator,
  createOrganisation,
  createProduct,
  createUser,
  recordDecision,
} from "~/db/seed/factories.server";
import { loader as openApiLoader } from "~/routes/api.public.v1.openapi[.]json";
import { loader as detailLoader } from "~/routes/api.public.v1.products.$slug";
import { loader as listLoader } from "~/routes/api.public.v1.products._index";
import { setupTestDatabase } from "./support/db";
import { routeArgs } from "./support/routes";

const db = setupTestDatabase();

const SECRETS = {
  privateName: "Projet Confidentiel Zèbre",
  privateSlug: "zz-projet-confidentiel",
  teamEmail: "membre.discret@exemple.gouv.fr",
  privateTeamEmail: "equipe.confidentielle@exemple.gouv.fr",
  decisionNote: "Note interne : le sponsor hésite à poursuivre",
  privateDecisionNote: "Note interne du projet caché",
  hiddenIndicator: "Indicateur non public de satisfaction",
  fundingAmount: "987654",
};

const list = (query = "", headers: Record<string, string> = {}) =>
  listLoader(routeArgs(`/api/public/v1/products${query}`, { headers }));
const detail = (slug: string, headers: Record<string, string> = {}) =>
  detailLoader(routeArgs(`/api/public/v1/products/${slug}`, { params: { slug }, headers }));

beforeAll(async () => {
  const incubator = await createIncubator(db(), { slug: "incubateur-a", name: "Incubateur A" });
  const coIncubator = await createIncubator(db(), { slug: "incubateur-b", name: "Incubateur B" });
  const sponsor = await createOrganisation(db(), { slug: "dinum", name: "Direction interministérielle du numérique", acronym: "DINUM" });
  const product = await createProduct(db(), {
    slug: "aa-mon-service",
    name: "Mon service",
    primaryIncubatorId: incubator.id,
    coIncubatorIds: [coIncubator.id],
    sponsorIds: [sponsor.id],
    websiteUrl: "https://mon-service.exemple.gouv.fr",
    repositoryUrl: "https://git.exemple.gouv.fr/mon-service",
    // Same-day transitions: investigation closes the day construction opens; construction has no
    // recorded end, acceleration's start closes it.
    phases: [
      { phase: "investigation", start: "2024-01-08", end: "2024-03-12" },
      { phase: "construction", start: "2024-03-12" },
      { phase: "acceleration", start: "2025-02-04" },
    ],
  });
  const member = await createUser(db(), { email: SECRETS.teamEmail });
  await assignRole(db(), { userId: member.id, role: "team_member", productId: product.id });
  await recordDecision(db(), { productId: product.id, decidedOn: "2025-02-04", rationale: SECRETS.decisionNote });
  await createIndicator(db(), { productId: product.id, name: SECRETS.hiddenIndicator, isPublic: false });
  await createFundingEnvelope(db(), { productId: product.id, funderId: sponsor.id, amount: SECRETS.fundingAmount });
  await db().productSlugAlias.create({ data: { slug: "ancien-mon-service", productId: product.id } });

  for (const slug of ["ab-service", "ac-service", "ad-service", "ae-service"]) {
    await createProduct(db(), { slug, primaryIncubatorId: incubator.id, phases: [{ phase: "investigation", start: "2026-01-05" }] });
  }

  const hidden = await createProduct(db(), {
    slug: SECRETS.privateSlug,
    name: SECRETS.privateName,
    isPublic: false,
    primaryIncubatorId: incubator.id,
    phases: [{ phase: "construction", start: "2025-06-02" }],
  });
  const privateMember = await createUser(db(), { email: SECRETS.privateTeamEmail });
  await assignRole(db(), { userId: privateMember.id, role: "team_member", productId: hidden.id });
  await recordDecision(db(), { productId: hidden.id, decidedOn: "2025-06-02", rationale: SECRETS.privateDecisionNote });
  await db().productSlugAlias.create({ data: { slug: "ancien-projet-cache", productId: hidden.id } });
});

describe("GET /api/public/v1/products", () => {
  it("lists the public products only, by slug, fifty to a page by default, with the licence", async () => {
    const response = await list();
    expect(response.status).toBe(200);
    const body = PublicProductListSchema.parse(await response.json());
    expect(body.data.map((p) => p.slug)).toEqual(["aa-mon-service", "ab-service", "ac-service", "ad-service", "ae-service"]);
    expect(body).toMatchObject({ page: 1, pageSize: 50, total: 5, next: null, licence: "etalab-2.0" });
    expect(response.headers.get("Link")).toBe('<https://www.etalab.gouv.fr/licence-ouverte-open-licence/>; rel="license"');
  });

  it("pages through the list, with the address of the next page", async () => {
    const first = PublicProductListSchema.parse(await (await list("?pageSize=2")).json());
    expect(first.data.map((p) => p.slug)).toEqual(["aa-mon-service", "ab-service"]);
    expect(first).toMatchObject({ page: 1, pageSize: 2, total: 5 });
    expect(first.next).toBe("http://localhost/api/public/v1/products?page=2&pageSize=2");

    const last = PublicProductListSchema.parse(await (await list("?page=3&pageSize=2")).json());
    expect(last.data.map((p) => p.slug)).toEqual(["ae-service"]);
    expect(last.next).toBeNull();

    const beyond = PublicProductListSchema.parse(await (await list("?page=9&pageSize=2")).json());
    expect(beyond).toMatchObject({ data: [], total: 5, next: null });

    const widest = await list("?pageSize=200");
    expect(widest.status).toBe(200);
  });

  it.each([
    ["?page=0", "Numéro de page : 1 au moins."],
    ["?page=-1", "Numéro de page : 1 au moins."],
    ["?page=deux", "Paramètre « page » illisible : donnez un nombre entier."],
    ["?page=1.5", "Paramètre « page » illisible : donnez un nombre entier."],
    ["?pageSize=0", "Taille de page : 1 au moins."],
    ["?pageSize=201", "Taille de page : 200 au plus."],
  ])("refuses %s with a 400 in French", async (query, message) => {
    const response = await list(query);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: message });
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
  });

  it("answers any origin, and may be cached five minutes", async () => {
    const response = await list();
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=300");
    expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
  });
});

describe("GET /api/public/v1/products/<slug>", () => {
  it("gives the phases as segments and the current phase, same-day transitions included", async () => {
    const response = await detail("aa-mon-service");
    expect(response.status).toBe(200);
    const product = PublicProductSchema.parse(await response.json());
    expect(product).toMatchObject({
      slug: "aa-mon-service",
      name: "Mon service",
      currentPhase: "acceleration",
      phases: [
        { name: "investigation", start: "2024-01-08", end: "2024-03-12" },
        { name: "construction", start: "2024-03-12", end: "2025-02-04" },
        { name: "acceleration", start: "2025-02-04", end: null },
      ],
      incubator: { slug: "incubateur-a", name: "Incubateur A" },
      coIncubators: [{ slug: "incubateur-b", name: "Incubateur B" }],
      sponsors: [{ slug: "dinum", name: "Direction interministérielle du numérique", acronym: "DINUM" }],
      links: { website: "https://mon-service.exemple.gouv.fr", repository: "https://git.exemple.gouv.fr/mon-service", stats: null, budget: null },
    });
    // The list carries the same object.
    const listed = PublicProductListSchema.parse(await (await list("?pageSize=1")).json()).data[0];
    expect(listed).toEqual(product);
  });

  it("redirects a former slug of a public product to its current address (301), never one of a private product", async () => {
    const moved = await detail("ancien-mon-service", { "If-None-Match": '"x"' });
    expect(moved.status).toBe(301);
    expect(moved.headers.get("Location")).toBe("/api/public/v1/products/aa-mon-service");
    expect(moved.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const hidden = await detail("ancien-projet-cache");
    expect(hidden.status).toBe(404);
    expect(await hidden.text()).not.toContain(SECRETS.privateSlug);
  });

  it("answers a CORS preflight with 204 and any other write with 405", async () => {
    const preflight = await detailLoader(
      routeArgs("/api/public/v1/products/aa-mon-service", { params: { slug: "aa-mon-service" }, method: "OPTIONS" }),
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("Access-Control-Allow-Methods")).toBe("GET, HEAD, OPTIONS");
    expect((await listLoader(routeArgs("/api/public/v1/products", { method: "OPTIONS" }))).status).toBe(204);
    expect((await listLoader(routeArgs("/api/public/v1/products", { method: "DELETE" }))).status).toBe(405);
  });

  it("answers a private product exactly like an unknown one: 404", async () => {
    const hidden = await detail(SECRETS.privateSlug);
    const unknown = await detail("nulle-part");
    expect(hidden.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect((await hidden.json()).error).toBe(`Produit introuvable : aucun produit public n'a l'identifiant « ${SECRETS.privateSlug} ».`);
    expect(hidden.headers.get("ETag")).toBeNull();
  });
});

describe("conditional requests", () => {
  it.each([
    ["list", () => list(), (h: Record<string, string>) => list("", h)],
    ["detail", () => detail("aa-mon-service"), (h: Record<string, string>) => detail("aa-mon-service", h)],
  ])("the %s answers 304 to its own ETag or Last-Modified, 200 otherwise", async (_name, plain, withHeaders) => {
    const first = await plain();
    const etag = first.headers.get("ETag");
    const lastModified = first.headers.get("Last-Modified");
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(lastModified).not.toBeNull();

    const sameTag = await withHeaders({ "If-None-Match": etag ?? "" });
    expect(sameTag.status).toBe(304);
    expect(await sameTag.text()).toBe("");
    expect(sameTag.headers.get("ETag")).toBe(etag);
    expect(sameTag.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect((await withHeaders({ "If-None-Match": `"autre", W/${etag}` })).status).toBe(304);
    expect((await withHeaders({ "If-None-Match": '"autre"' })).status).toBe(200);

    expect((await withHeaders({ "If-Modified-Since": lastModified ?? "" })).status).toBe(304);
    const before = new Date(Date.parse(lastModified ?? "") - 1000).toUTCString();
    expect((await withHeaders({ "If-Modified-Since": before })).status).toBe(200);
    // If-None-Match decides when both are sent.
    expect((await withHeaders({ "If-None-Match": '"autre"', "If-Modified-Since": lastModified ?? "" })).status).toBe(200);
  });

  it("changes the ETag and Last-Modified when a listed product changes", async () => {
    const before = await list();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await db().product.update({ where: { slug: "ab-service" }, data: { pitch: "Un nouveau pitch." } });
    const after = await list("", { "If-None-Match": before.headers.get("ETag") ?? "" });
    expect(after.status).toBe(200);
    expect(Date.parse(after.headers.get("Last-Modified") ?? "")).toBeGreaterThan(Date.parse(before.headers.get("Last-Modified") ?? ""));
  });
});

describe("what is never published", () => {
  it("holds no private value in any answer", async () => {
    const bodies = [
      await (await list("?pageSize=200")).text(),
      await (await detail("aa-mon-service")).text(),
      await (await detail(SECRETS.privateSlug)).text(),
      await (await list("?page=1&pageSize=1")).text(),
    ];
    // The scan would be empty, and pass, if the answers were: they hold the public product.
    expect(bodies[0]).toContain("Mon service");
    for (const body of bodies) {
      for (const secret of [SECRETS.privateName, SECRETS.teamEmail, SECRETS.privateTeamEmail, SECRETS.decisionNote, SECRETS.privateDecisionNote, SECRETS.hiddenIndicator, SECRETS.fundingAmount]) {
        expect(body).not.toContain(secret);
      }
      expect(body).not.toMatch(/@exemple\.gouv\.fr/);
    }
    // The 404 repeats the slug it was asked for, nothing more; the lists never name the private product.
    for (const body of [bodies[0], bodies[3]]) expect(body).not.toContain(SECRETS.privateSlug);
  });
});

describe("GET /api/public/v1/openapi.json", () => {
  it("describes every operation, under the Etalab licence, with an example that matches its schema", async () => {
    const response = await openApiLoader(routeArgs("/api/public/v1/openapi.json"));
    expect(response.status).toBe(200);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const document = (await response.json()) as ReturnType<typeof publicOpenApiDocument>;
    expect(document.openapi).toBe("3.1.0");
    expect(document.info.license.name).toBe("Licence Ouverte / Etalab 2.0");
    expect(Object.keys(document.paths)).toEqual(["/products", "/products/{slug}", "/phases", "/decisions", "/indicator-values", "/incubators"]);
    const example = document.paths["/products/{slug}"].get.responses[200].content["application/json"].examples.produit.value;
    expect(PublicProductSchema.safeParse(example).success).toBe(true);
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(["Product", "ProductList", "ApiError", "PhaseEntry", "PhaseEntryList", "Decision", "IndicatorValue", "Incubator"]),
    );
    // Every $ref names a component of the document.
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]);
    expect(refs.filter((ref) => !(ref in document.components.schemas))).toEqual([]);
    // A dataset's example row holds every column its schema requires.
    type DatasetPath = { get: { responses: Record<number, { content: Record<string, { examples: Record<string, { value: { data: object[] } }> }> }> } };
    const datasetPaths = document.paths as unknown as Record<string, DatasetPath>;
    const phaseExample = datasetPaths["/phases"].get.responses[200].content["application/json"].examples.page1.value.data[0];
    expect(Object.keys(phaseExample)).toEqual((document.components.schemas.PhaseEntry as { required: string[] }).required);
  });
});
