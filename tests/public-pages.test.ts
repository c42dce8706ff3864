// What an anonymous visitor reads, over real HTTP against the built server: the portfolio, the
// incubators, a product's public page (pitch, timeline, public indicators, published decisions with
// their public rationale, milestones, links), the open data page and files. Every private value of
// the fixture is a marker; no page holds one, and each page holds the public values it should.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabase } from "~/db.server";
import { createTestDatabase, type TestDatabase } from "./support/db";
import { PRIVATE, PUBLISHED, privateValuesIn, seedPublicFixture } from "./support/public-fixture";
import { startServer, targetEnv, type RunningServer } from "./support/server";

let testDb: TestDatabase;
let server: RunningServer;

beforeAll(async () => {
  testDb = await createTestDatabase();
  installDatabase(testDb.database);
  await seedPublicFixture(testDb.database.prisma);
  // The server process opens the same data: the test process lets go of it first.
  await testDb.database.close();
  server = await startServer({ ...targetEnv(testDb.target), JALON_DEMO_DATA: "0" });
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await testDb?.remove();
});

const get = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, { redirect: "manual", ...init });

async function page(path: string): Promise<string> {
  const response = await get(path);
  expect(response.status, path).toBe(200);
  return response.text();
}

/** The visible text of a page, tags left out, entities and spaces made plain. */
const text = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replaceAll("&#x27;", "'")
    .replaceAll("&amp;", "&")
    .replace(/[\s\u00a0\u202f]+/g, " ");

describe("a product's public page", () => {
  let html: string;
  beforeAll(async () => {
    html = await page(`/produits/${PUBLISHED.productSlug}`);
  });

  it("shows the pitch, the phases as a figure and a table, and the milestones", () => {
    const shown = text(html);
    expect(shown).toContain(PUBLISHED.productName);
    expect(shown).toContain("Parcours de Mon service Entré en investigation le 8 janvier 2024, 3 phases enregistrées, en accélération depuis le 4 février 2025.");
    expect(shown).toMatch(/Investigation 8 janvier 2024 12 mars 2024 2 mois et 4 jours/);
    expect(shown).toMatch(/Accélération \(phase actuelle\) 4 février 2025 En cours/);
    expect(shown).toContain(`2 juin 2025 — Impact national reconnu : ${PUBLISHED.milestone}`);
  });

  it("shows the public indicators with their values, and the published decision with its public rationale", () => {
    const shown = text(html);
    expect(shown).toContain(PUBLISHED.publicIndicator);
    expect(shown).toMatch(/1 ?520/);
    expect(shown).toContain(PUBLISHED.publicRationale);
    expect(shown).toContain("Décisions publiées 4 février 2025 — Passer à la phase suivante (Accélération)");
  });

  it("links to the stats page, the budget page and the open data", () => {
    expect(html).toContain('href="https://mon-service.exemple.gouv.fr/stats"');
    expect(html).toContain(`href="/produits/${PUBLISHED.productSlug}/budget"`);
    expect(html).toContain(`href="/api/public/v1/products/${PUBLISHED.productSlug}"`);
    expect(html).toContain('href="/donnees"');
  });

  it("redirects a former address to the current one, and answers a private product as unknown", async () => {
    const moved = await get(`/produits/${PUBLISHED.formerSlug}`);
    expect(moved.status).toBe(301);
    expect(moved.headers.get("Location")).toBe(`/produits/${PUBLISHED.productSlug}`);
    const hidden = await get(`/produits/${PRIVATE.privateProductSlug}`);
    expect(hidden.status).toBe(404);
    expect(privateValuesIn(await hidden.text())).toEqual([]);
  });
});

describe("an incubator's public page", () => {
  it("shows its description and its public products counted by phase", async () => {
    const shown = text(await page(`/incubateurs/${PUBLISHED.incubatorSlug}`));
    expect(shown).toContain("L'incubateur de test.");
    // Public products only: the private one (in construction) is not counted.
    expect(shown).toContain("Produits par phase Phase Produits Investigation 1 Construction 1 Accélération 1 Investigation non concluante 1 Phase non renseignée 1 Total 5");
  });
});

describe("the open data page", () => {
  it("lists every dataset with its file, its schema, its API and its columns, under the Etalab licence", async () => {
    const html = await page("/donnees");
    for (const id of ["produits", "phases", "decisions", "indicateurs", "incubateurs"]) {
      expect(html).toContain(`href="/donnees/${id}.csv"`);
      expect(html).toContain(`href="/donnees/${id}.schema.json"`);
    }
    expect(html).toContain('href="/api/public/v1/indicator-values"');
    expect(html).toContain('href="/api/public/v1/openapi.json"');
    const shown = text(html);
    expect(shown).toContain("Licence Ouverte / Etalab 2.0");
    expect(shown).toContain("publicRationale texte non Ce que le comité publie de ses raisons");
  });

  it("serves the files over HTTP, a preflight with 204 and a write with 405", async () => {
    const csv = await get("/donnees/decisions.csv");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(await csv.text()).toContain(PUBLISHED.publicRationale);
    const preflight = await get("/api/public/v1/phases", {
      method: "OPTIONS",
      headers: { Origin: "https://exemple.fr", "Access-Control-Request-Method": "GET" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect((await get("/api/public/v1/phases", { method: "POST" })).status).toBe(405);
    const cached = await get("/api/public/v1/decisions");
    const again = await get("/api/public/v1/decisions", { headers: { "If-None-Match": cached.headers.get("ETag") ?? "" } });
    expect(again.status).toBe(304);
  });
});

describe("what is never published", () => {
  it("no public page, file or API answer holds a private value", async () => {
    const paths = [
      "/",
      "/?tri=revue",
      "/incubateurs",
      `/incubateurs/${PUBLISHED.incubatorSlug}`,
      "/incubateurs/incubateur-b",
      `/produits/${PUBLISHED.productSlug}`,
      "/produits/ac-service",
      "/produits.csv",
      "/donnees",
      "/donnees/datapackage.json",
      ...["produits", "phases", "decisions", "indicateurs", "incubateurs"].flatMap((id) => [`/donnees/${id}.csv`, `/donnees/${id}.schema.json`]),
      "/api/public/v1/products?pageSize=200",
      `/api/public/v1/products/${PUBLISHED.productSlug}`,
      "/api/public/v1/phases?pageSize=200",
      "/api/public/v1/decisions?pageSize=200",
      "/api/public/v1/indicator-values?pageSize=200",
      "/api/public/v1/incubators",
      "/api/public/v1/openapi.json",
    ];
    const bodies = await Promise.all(paths.map(async (path) => [path, await page(path)] as const));
    // The scan would pass on empty pages: these hold the public values.
    const all = bodies.map(([, body]) => body).join("\n");
    for (const [name, shown] of Object.entries(PUBLISHED)) if (name !== "formerSlug") expect(all, name).toContain(shown);
    for (const [path, body] of bodies) {
      expect(privateValuesIn(body), path).toEqual([]);
      expect(body, path).not.toMatch(/@exemple\.gouv\.fr/);
      expect(body, path).not.toContain(PRIVATE.privateProductSlug);
    }
  });
});
