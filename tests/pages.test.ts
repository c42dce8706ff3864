// The first pages' loaders, called as Remix calls them (a real Request) against a real database.
import { beforeAll, describe, expect, it } from "vitest";
import {
  assignRole,
  createIncubator,
  createMinistry,
  createOrganisation,
  createProduct,
  createUser,
} from "~/db/seed/factories.server";
import { loader as catchAllLoader } from "~/routes/$";
import { loader as portfolioLoader } from "~/routes/_index";
import { loader as incubatorLoader } from "~/routes/incubateurs.$slug";
import { loader as incubatorsLoader } from "~/routes/incubateurs._index";
import { loader as productLoader } from "~/routes/produits.$slug";
import { setupTestDatabase } from "./support/db";
import { routeArgs, thrown } from "./support/routes";

const db = setupTestDatabase();

const args = (path: string, params: Record<string, string> = {}) => routeArgs(path, { params });

/** The portfolio loader's status and body: `data()` wraps them, a plain object is a 200. */
async function portfolio(path: string) {
  const result = await portfolioLoader(args(path));
  return "init" in result ? { status: result.init?.status ?? 200, body: result.data } : { status: 200, body: result };
}

beforeAll(async () => {
  const ministry = await createMinistry(db(), { slug: "ecologie", name: "Ministère de la Transition écologique" });
  const owner = await createOrganisation(db(), { slug: "cgdd", name: "Commissariat général au développement durable", acronym: "CGDD" });
  const fabrique = await createIncubator(db(), {
    slug: "fabrique-ecologie",
    name: "La Fabrique Numérique",
    ministryId: ministry.id,
    ownerOrganisationId: owner.id,
  });
  const atelier = await createIncubator(db(), { slug: "atelier", name: "Atelier numérique" });
  const dgfip = await createOrganisation(db(), { slug: "dgfip", name: "Direction générale des Finances publiques", acronym: "DGFiP" });

  // Construction since 2024-01-15: well past the doctrine's 6 to 12 months by now.
  const ecoTrace = await createProduct(db(), {
    slug: "eco-trace",
    name: "Éco-trace",
    primaryIncubatorId: fabrique.id,
    sponsorIds: [dgfip.id, owner.id],
    description: "Première ligne.\nDeuxième ligne.\n\n<b>Pas du HTML</b>",
    websiteUrl: "https://eco-trace.beta.gouv.fr",
    repositoryUrl: "javascript:alert(1)",
    phases: [
      { phase: "construction", start: "2024-01-15" },
      { phase: "investigation", start: "2023-11-20", end: "2024-01-15" },
    ],
  });
  await createProduct(db(), {
    slug: "aidants",
    name: "Aidants Connect",
    primaryIncubatorId: atelier.id,
    coIncubatorIds: [fabrique.id],
    phases: [
      { phase: "investigation", start: "2022-01-03", end: "2022-03-01" },
      { phase: "construction", start: "2022-03-01", end: "2023-02-01" },
      { phase: "acceleration", start: "2023-02-01" },
    ],
  });
  await createProduct(db(), {
    slug: "archive",
    name: "Archivé",
    primaryIncubatorId: atelier.id,
    phases: [
      { phase: "investigation", start: "2021-01-04", end: "2021-03-01" },
      { phase: "abandon-investigation", start: "2021-03-01" },
    ],
  });
  await createProduct(db(), {
    slug: "brouillon",
    name: "Brouillon interne",
    primaryIncubatorId: fabrique.id,
    isPublic: false,
    phases: [{ phase: "construction", start: "2024-05-01" }],
  });

  const intrapreneur = await createUser(db(), { name: "Zoé Martin" });
  const developer = await createUser(db(), { name: "Adam Bernard" });
  const former = await createUser(db(), { name: "Ancien Membre" });
  await assignRole(db(), { userId: developer.id, role: "team_member", productId: ecoTrace.id, title: "Développeur" });
  await assignRole(db(), {
    userId: intrapreneur.id,
    role: "team_member",
    productId: ecoTrace.id,
    title: "Cheffe de projet",
    isIntrapreneur: true,
  });
  await assignRole(db(), {
    userId: former.id,
    role: "team_member",
    productId: ecoTrace.id,
    title: "Designer",
    endDate: new Date("2023-12-31T00:00:00Z"),
  });
});

describe("the portfolio (/)", () => {
  it("lists the public products by name, with the current phase derived from their history", async () => {
    const { status, body } = await portfolio("/");
    expect(status).toBe(200);
    expect(body.products.map((p) => [p.name, p.phase])).toEqual([
      ["Aidants Connect", "acceleration"],
      ["Archivé", "abandon-investigation"],
      ["Éco-trace", "construction"],
    ]);
    const ecoTrace = body.products.find((p) => p.slug === "eco-trace");
    expect(ecoTrace?.incubator).toEqual({ slug: "fabrique-ecologie", name: "La Fabrique Numérique" });
    expect(ecoTrace?.sponsors.map((s) => s.acronym)).toEqual(["CGDD", "DGFiP"]);
  });

  it("filters by current phase, not by any phase of the history", async () => {
    const { body } = await portfolio("/?phase=construction");
    expect(body.products.map((p) => p.slug)).toEqual(["eco-trace"]);
    expect(body.filters?.phase).toEqual(["construction"]);
  });

  it("filters active and ended products", async () => {
    const active = await portfolio("/?statut=actifs");
    expect(active.body.products.map((p) => p.slug)).toEqual(["aidants", "eco-trace"]);
    const ended = await portfolio("/?statut=termines");
    expect(ended.body.products.map((p) => p.slug)).toEqual(["archive"]);
  });

  it("treats an empty filter as no filter", async () => {
    const { status, body } = await portfolio("/?phase=&statut=");
    expect(status).toBe(200);
    expect(body.products).toHaveLength(3);
  });

  it("answers an unknown filter with a French message and a 400, not a 500", async () => {
    const { status, body } = await portfolio("/?phase=hibernation");
    expect(status).toBe(400);
    expect(body.errors.phase).toEqual(["La phase « hibernation » n'existe pas : choisissez une phase dans la liste."]);
    expect(body.products).toEqual([]);
  });
});

describe("a product page (/produits/<slug>)", () => {
  it("shows the timeline in lifecycle order, the current phase flagged and compared with the doctrine", async () => {
    const { product } = (await productLoader(args("/produits/eco-trace", { slug: "eco-trace" }))).data;
    expect(product.timeline.map((s) => [s.phase, s.start.toISOString().slice(0, 10), s.end?.toISOString().slice(0, 10) ?? null, s.current])).toEqual([
      ["investigation", "2023-11-20", "2024-01-15", false],
      ["construction", "2024-01-15", null, true],
    ]);
    expect(product.timeline[0].durationStatus).toBe("typical");
    expect(product.timeline[1].durationStatus).toBe("long");
  });

  it("shows the current team, intrapreneurs first, and never an unsafe link", async () => {
    const { product } = (await productLoader(args("/produits/eco-trace", { slug: "eco-trace" }))).data;
    expect(product.team.map((m) => [m.name, m.title, m.isIntrapreneur])).toEqual([
      ["Zoé Martin", "Cheffe de projet", true],
      ["Adam Bernard", "Développeur", false],
    ]);
    expect(product.links).toEqual({ website: "https://eco-trace.beta.gouv.fr/", repository: null, stats: null, budget: null });
    expect(product.descriptionHtml).toBe("<p>Première ligne.<br>\nDeuxième ligne.</p>\n<p>&lt;b&gt;Pas du HTML&lt;/b&gt;</p>\n");
    expect(product.primaryIncubator.slug).toBe("fabrique-ecologie");
  });

  it("answers 404 for an unknown slug and for a product that is not public", async () => {
    for (const slug of ["inconnu", "brouillon"]) {
      const error = await thrown(productLoader(args(`/produits/${slug}`, { slug })));
      expect(error).toBeInstanceOf(Response);
      expect((error as Response).status).toBe(404);
    }
  });
});

describe("incubators (/incubateurs)", () => {
  it("lists incubators with their ministry and public product counts", async () => {
    const { incubators } = await incubatorsLoader(args("/incubateurs"));
    expect(incubators).toEqual([
      { slug: "atelier", name: "Atelier numérique", ministry: null, primaryProductCount: 2, coIncubatedProductCount: 0 },
      {
        slug: "fabrique-ecologie",
        name: "La Fabrique Numérique",
        ministry: "Ministère de la Transition écologique",
        primaryProductCount: 1,
        coIncubatedProductCount: 1,
      },
    ]);
  });

  it("lists an incubator's products, co-incubated ones included, with the portfolio list", async () => {
    const { data: page } = await incubatorLoader(args("/incubateurs/fabrique-ecologie", { slug: "fabrique-ecologie" }));
    const { incubator, portfolio } = page;
    expect(incubator.ministry?.name).toBe("Ministère de la Transition écologique");
    expect(incubator.ownerOrganisation).toEqual({ name: "Commissariat général au développement durable", acronym: "CGDD" });
    // The list shows each product's primary incubator: Aidants Connect is co-incubated here.
    expect(portfolio.products.map((p) => [p.slug, p.name, p.phase, p.incubator.slug])).toEqual([
      ["aidants", "Aidants Connect", "acceleration", "atelier"],
      ["eco-trace", "Éco-trace", "construction", "fabrique-ecologie"],
    ]);
  });

  it("answers 404 for an unknown incubator", async () => {
    const error = await thrown(incubatorLoader(args("/incubateurs/inconnu", { slug: "inconnu" })));
    expect((error as Response).status).toBe(404);
  });
});

describe("unknown addresses", () => {
  it("answer 404", async () => {
    const error = await thrown(Promise.resolve().then(catchAllLoader));
    expect(error).toBeInstanceOf(Response);
    expect((error as Response).status).toBe(404);
  });
});
