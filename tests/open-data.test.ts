// The open datasets: each CSV file valid against its own Table Schema (types, required, enums,
// primary keys, foreign keys between files), read a page at a time through its key, the same rows as
// the API's pages, and nothing private in any answer. Loaders are called as Remix calls them.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { recordDecision } from "~/db/seed/factories.server";
import { isoDay } from "~/domain/days";
import { phaseSegments } from "~/domain/phases";
import { DATASETS, datasetPage, datasetRows, INDICATOR_VALUES, PHASE_HISTORY } from "~/open-data/datasets.server";
import { toPhaseHistory } from "~/products/phase-history.server";
import { loader as decisionsLoader } from "~/routes/api.public.v1.decisions";
import { loader as incubatorsLoader } from "~/routes/api.public.v1.incubators";
import { loader as valuesLoader } from "~/routes/api.public.v1.indicator-values";
import { loader as phasesLoader } from "~/routes/api.public.v1.phases";
import { loader as fileLoader } from "~/routes/donnees.$file";
import { setupTestDatabase } from "./support/db";
import { PRIVATE, PUBLISHED, privateValuesIn, seedPublicFixture } from "./support/public-fixture";
import { routeArgs } from "./support/routes";
import { foreignKeyErrors, validateCsv, type Table, type TableSchema } from "./support/table-schema";

const db = setupTestDatabase();

const file = (name: string, options: { method?: string; headers?: Record<string, string> } = {}) =>
  fileLoader(routeArgs(`/donnees/${name}`, { params: { file: name }, ...options }));

const API = {
  phases: phasesLoader,
  decisions: decisionsLoader,
  "indicator-values": valuesLoader,
  incubators: incubatorsLoader,
} as const;
type Endpoint = keyof typeof API;
const api = (endpoint: Endpoint, query = "", options: { method?: string; headers?: Record<string, string> } = {}) =>
  API[endpoint](routeArgs(`/api/public/v1/${endpoint}${query}`, options));

interface ListBody {
  data: Record<string, unknown>[];
  page: number;
  pageSize: number;
  total: number;
  next: string | null;
  licence: string;
}

let ids: Awaited<ReturnType<typeof seedPublicFixture>>;
let correctionId: string;
const tables: Record<string, Table> = {};
const schemas: Record<string, TableSchema> = {};

beforeAll(async () => {
  ids = await seedPublicFixture(db());
  // A published correction of the published decision, and one of a decision never published: only
  // the first may name what it corrects.
  const correction = await recordDecision(db(), {
    productId: ids.productId,
    decidedOn: "2025-02-05",
    outcome: "next_phase",
    targetPhase: "acceleration",
    correctsId: ids.publishedDecisionId,
    publishedAt: new Date("2025-02-11T08:00:00Z"),
  });
  correctionId = correction.id;
  const unpublished = await db().decision.findFirstOrThrow({ where: { publicRationale: PRIVATE.unpublishedPublicRationale } });
  await recordDecision(db(), { productId: ids.productId, decidedOn: "2025-08-05", correctsId: unpublished.id, publishedAt: new Date("2025-08-06T00:00:00Z") });

  for (const dataset of DATASETS) {
    const schemaAnswer = await file(`${dataset.id}.schema.json`);
    schemas[dataset.id] = (await schemaAnswer.json()) as TableSchema;
    const csv = await (await file(`${dataset.id}.csv`)).text();
    const { rows, errors } = validateCsv(csv, schemas[dataset.id]);
    expect(errors, dataset.id).toEqual([]);
    tables[dataset.id] = rows;
  }
});

describe("CSV files and their Table Schemas", () => {
  it("are valid against their schemas, foreign keys included", () => {
    for (const dataset of DATASETS) {
      expect(foreignKeyErrors(tables[dataset.id], schemas[dataset.id], tables), dataset.id).toEqual([]);
    }
  });

  it("describe every column in French, with the Etalab licence", async () => {
    const answer = await file("produits.schema.json");
    expect(answer.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(answer.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const schema = (await answer.json()) as TableSchema & { licenses: { name: string }[] };
    expect(schema.licenses[0].name).toBe("etalab-2.0");
    expect(schema.primaryKey).toBe("slug");
    expect(schema.foreignKeys).toEqual([{ fields: "incubator", reference: { resource: "incubateurs", fields: "slug" } }]);
    for (const dataset of DATASETS) {
      for (const field of schemas[dataset.id].fields as (TableSchema["fields"][number] & { description: string })[]) {
        expect(field.description, `${dataset.id}.${field.name}`).toMatch(/[a-zé]{3}/);
      }
    }
    expect(schemas.indicateurs.primaryKey).toEqual(["indicator", "period"]);
  });

  it("lists the public products, each with its current phase and public links", () => {
    expect(tables.produits.map((p) => p.slug)).toEqual(["aa-mon-service", "ab-service", "ac-service", "ad-service", "ae-service"]);
    expect(tables.produits[0]).toMatchObject({
      name: PUBLISHED.productName,
      currentPhase: "acceleration",
      incubator: PUBLISHED.incubatorSlug,
      sponsors: "dinum",
      statsUrl: "https://mon-service.exemple.gouv.fr/stats",
      budgetUrl: null,
    });
    expect(tables.produits.find((p) => p.slug === "ac-service")?.currentPhase).toBe("abandon-investigation");
    expect(tables.produits.find((p) => p.slug === "ae-service")?.currentPhase).toBeNull();
  });

  it("gives each phase the end the product page shows (phaseSegments), same-day and final phases included", async () => {
    const products = await db().product.findMany({
      where: { isPublic: true },
      select: { slug: true, phases: { select: { phase: true, startDate: true, endDate: true } } },
    });
    const expected = products.flatMap((p) =>
      phaseSegments(toPhaseHistory(p.phases)).map((s) => ({ product: p.slug, phase: s.phase, start: isoDay(s.start), end: s.end ? isoDay(s.end) : null })),
    );
    const actual = tables.phases.map(({ id: _id, ...rest }) => rest);
    const byKey = (a: Record<string, string | null>, b: Record<string, string | null>) =>
      `${a.product}${a.start}${a.phase}`.localeCompare(`${b.product}${b.start}${b.phase}`);
    expect(actual.sort(byKey)).toEqual(expected.sort(byKey));
    expect(tables.phases.filter((p) => p.product === "aa-mon-service").map((p) => [p.phase, p.start, p.end])).toEqual([
      ["investigation", "2024-01-08", "2024-03-12"],
      ["construction", "2024-03-12", "2025-02-04"],
      ["acceleration", "2025-02-04", null],
    ]);
    expect(tables.phases.find((p) => p.phase === "abandon-investigation")).toMatchObject({ start: "2025-03-03", end: "2025-03-03" });
  });

  it("holds the published decisions only, a correction naming a published decision only", () => {
    expect(tables.decisions).toHaveLength(3);
    expect(tables.decisions[0]).toMatchObject({
      id: ids.publishedDecisionId,
      product: PUBLISHED.productSlug,
      decidedOn: "2025-02-04",
      outcome: "next_phase",
      targetPhase: "acceleration",
      publicRationale: PUBLISHED.publicRationale,
      publishedAt: "2025-02-10T08:00:00.000Z",
      corrects: null,
    });
    expect(tables.decisions[1]).toMatchObject({ id: correctionId, corrects: ids.publishedDecisionId, publicRationale: null });
    expect(tables.decisions[2]).toMatchObject({ decidedOn: "2025-08-05", corrects: null });
  });

  it("holds the values of public, live indicators of public products, up to the current period", () => {
    expect(tables.indicateurs).toEqual([
      expect.objectContaining({ indicator: ids.publicIndicatorId, product: PUBLISHED.productSlug, indicatorName: PUBLISHED.publicIndicator, period: "2025-01-01", value: "1200", status: "declared", level: "used", kind: "impact", unit: "démarches" }),
      expect.objectContaining({ indicator: ids.publicIndicatorId, period: "2025-02-01", value: PUBLISHED.publicValue }),
    ]);
  });

  it("lists the incubators with their count of public products", () => {
    expect(tables.incubateurs).toEqual([
      expect.objectContaining({ slug: "incubateur-a", name: "Incubateur A", publicProducts: "5" }),
      expect.objectContaining({ slug: "incubateur-b", publicProducts: "0" }),
    ]);
  });

  it("are UTF-8 CSV files any site may read, under the Etalab licence", async () => {
    const answer = await file("produits.csv");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("Content-Type")).toBe("text/csv; charset=utf-8; header=present");
    expect(answer.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(answer.headers.get("Link")).toBe('<https://www.etalab.gouv.fr/licence-ouverte-open-licence/>; rel="license"');
    const text = new TextDecoder("utf-8", { fatal: true }).decode(await answer.arrayBuffer());
    expect(text.split("\r\n")[0]).toBe("slug,name,pitch,description,currentPhase,incubator,sponsors,websiteUrl,repositoryUrl,statsUrl,budgetUrl,updatedAt");
  });

  it("describes every file in one Data Package", async () => {
    const pkg = (await (await file("datapackage.json")).json()) as { licenses: { name: string }[]; resources: { name: string; path: string; schema: string }[] };
    expect(pkg.licenses[0].name).toBe("etalab-2.0");
    expect(pkg.resources.map((r) => r.name)).toEqual(["produits", "phases", "decisions", "indicateurs", "incubateurs"]);
    expect(pkg.resources[0].path).toMatch(/\/donnees\/produits\.csv$/);
    expect(pkg.resources[0].schema).toMatch(/\/donnees\/produits\.schema\.json$/);
  });

  it("answers an unknown file with a French 404, a preflight with 204, a write with 405", async () => {
    for (const name of ["inconnu.csv", "produits.xlsx", "produits", "../produits.csv"]) {
      const answer = await file(name);
      expect(answer.status, name).toBe(404);
      expect(await answer.text()).toContain("n'est pas un jeu de données de Jalon");
    }
    const preflight = await file("produits.csv", { method: "OPTIONS", headers: { Origin: "https://exemple.fr", "Access-Control-Request-Method": "GET" } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(preflight.headers.get("Access-Control-Allow-Methods")).toBe("GET, HEAD, OPTIONS");
    expect((await file("produits.csv", { method: "DELETE" })).status).toBe(405);
  });
});

describe("reading a page at a time", () => {
  it("gives the same rows through the key whatever the batch size", async () => {
    const asOf = new Date();
    for (const dataset of DATASETS) {
      const whole = (await datasetPage(dataset, { limit: 10_000, asOf })).rows;
      for (const size of [1, 2, 3]) {
        const batched = [];
        for await (const batch of datasetRows(dataset, asOf, size)) {
          expect(batch.length).toBeLessThanOrEqual(size);
          batched.push(...batch);
        }
        expect(batched, `${dataset.id} by ${size}`).toEqual(whole);
      }
    }
  });

  it("reads the values of one product through the index, in key order", async () => {
    const page = await datasetPage(INDICATOR_VALUES, { productId: ids.productId, limit: 1, asOf: new Date() });
    expect(page.rows.map((r) => r.values.period)).toEqual(["2025-01-01"]);
    const next = await datasetPage(INDICATOR_VALUES, { productId: ids.productId, after: page.lastKey ?? [], limit: 5, asOf: new Date() });
    expect(next.rows.map((r) => r.values.period)).toEqual(["2025-02-01"]);
    const none = await datasetPage(PHASE_HISTORY, { productId: ids.hiddenProductId, limit: 5, asOf: new Date() });
    expect(none.rows).toEqual([]);
  });
});

describe("the open data API", () => {
  it("pages through the phase histories, with the address of the next page", async () => {
    const first = (await (await api("phases", "?pageSize=2")).json()) as ListBody;
    expect(first).toMatchObject({ page: 1, pageSize: 2, total: tables.phases.length, licence: "etalab-2.0" });
    expect(first.data).toEqual(tables.phases.slice(0, 2));
    expect(first.next).toBe("http://localhost/api/public/v1/phases?page=2&pageSize=2");
    const pages: Record<string, unknown>[] = [...first.data];
    let next = first.next;
    while (next) {
      const url = new URL(next);
      const body = (await (await api("phases", url.search)).json()) as ListBody;
      pages.push(...body.data);
      next = body.next;
    }
    expect(pages).toEqual(tables.phases);
  });

  it("filters by product, keeping the filter in the next page's address", async () => {
    const body = (await (await api("phases", `?product=${PUBLISHED.productSlug}&pageSize=2`)).json()) as ListBody;
    expect(body.total).toBe(3);
    expect(body.next).toBe(`http://localhost/api/public/v1/phases?product=${PUBLISHED.productSlug}&page=2&pageSize=2`);
    const values = (await (await api("indicator-values", `?product=${PUBLISHED.productSlug}`)).json()) as ListBody;
    expect(values.data.map((v) => v.value)).toEqual([1200, 1520]);
    const decisions = (await (await api("decisions", `?product=ab-service`)).json()) as ListBody;
    expect(decisions).toMatchObject({ data: [], total: 0, next: null });
  });

  it("answers an unknown or private product with the same 404, bad pages with a 400", async () => {
    for (const slug of [PRIVATE.privateProductSlug, "nulle-part"]) {
      const answer = await api("decisions", `?product=${slug}`);
      expect(answer.status).toBe(404);
      expect(await answer.json()).toEqual({ error: `Produit introuvable : aucun produit public n'a l'identifiant « ${slug} ».` });
    }
    const refused = await api("indicator-values", "?pageSize=201");
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: "Taille de page : 200 au plus." });
  });

  it("gives numbers as numbers and days as AAAA-MM-JJ", async () => {
    const decisions = (await (await api("decisions")).json()) as ListBody;
    expect(decisions.data[0]).toEqual({
      id: ids.publishedDecisionId,
      product: PUBLISHED.productSlug,
      decidedOn: "2025-02-04",
      outcome: "next_phase",
      targetPhase: "acceleration",
      publicRationale: PUBLISHED.publicRationale,
      publishedAt: "2025-02-10T08:00:00.000Z",
      corrects: null,
    });
    const incubators = (await (await api("incubators")).json()) as ListBody;
    expect(incubators.data[0]).toMatchObject({ slug: "incubateur-a", publicProducts: 5, website: null });
  });

  it.each(Object.keys(API) as Endpoint[])("%s: ETag and 304, Last-Modified, CORS, preflight and 405", async (endpoint) => {
    const first = await api(endpoint);
    expect(first.status).toBe(200);
    expect(first.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(first.headers.get("Cache-Control")).toBe("public, max-age=300");
    const etag = first.headers.get("ETag") ?? "";
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await api(endpoint, "", { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect((await api(endpoint, "", { headers: { "If-None-Match": '"autre"' } })).status).toBe(200);
    // Incubators record no modification time: no Last-Modified rather than a wrong one.
    if (endpoint === "incubators") expect(first.headers.get("Last-Modified")).toBeNull();
    else expect(first.headers.get("Last-Modified")).not.toBeNull();

    const preflight = await api(endpoint, "", { method: "OPTIONS" });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(preflight.headers.get("Access-Control-Allow-Headers")).toContain("If-None-Match");
    expect((await api(endpoint, "", { method: "PUT" })).status).toBe(405);
  });

  it("changes a list's ETag when a value is corrected", async () => {
    const before = (await api("indicator-values")).headers.get("ETag") ?? "";
    await db().indicatorValue.update({
      where: { indicatorId_periodStart: { indicatorId: ids.publicIndicatorId, periodStart: new Date("2025-01-01T00:00:00Z") } },
      data: { value: 1250 },
    });
    const after = await api("indicator-values", "", { headers: { "If-None-Match": before } });
    expect(after.status).toBe(200);
    await db().indicatorValue.update({
      where: { indicatorId_periodStart: { indicatorId: ids.publicIndicatorId, periodStart: new Date("2025-01-01T00:00:00Z") } },
      data: { value: 1200 },
    });
  });
});

describe("revalidating a CSV file", () => {
  it("answers 304 to its ETag until a write, or a decision's publication moment, changes it", async () => {
    const first = await file("decisions.csv");
    const etag = first.headers.get("ETag") ?? "";
    expect(etag).toMatch(/^W\/"decisions-\d{4}-\d{2}-\d{2}-\d+-\d+"$/);
    const again = await file("decisions.csv", { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get("ETag")).toBe(etag);
    expect(await again.text()).toBe("");

    const publishedAt = new Date(Date.now() + 60 * 60 * 1000);
    const scheduled = await recordDecision(db(), { productId: ids.productId, decidedOn: "2025-09-01", publishedAt });
    try {
      const afterWrite = await file("decisions.csv", { headers: { "If-None-Match": etag } });
      expect(afterWrite.status).toBe(200);
      expect(await afterWrite.text()).not.toContain(scheduled.id);
      const written = afterWrite.headers.get("ETag") ?? "";
      expect((await file("decisions.csv", { headers: { "If-None-Match": written } })).status).toBe(304);
      // An hour later, no write, the decision is public: the file has changed.
      vi.useFakeTimers({ toFake: ["Date"], now: publishedAt.getTime() + 1000 });
      const published = await file("decisions.csv", { headers: { "If-None-Match": written } });
      expect(published.status).toBe(200);
      expect(await published.text()).toContain(scheduled.id);
    } finally {
      vi.useRealTimers();
      await db().decision.delete({ where: { id: scheduled.id } });
    }
  });
});

describe("what is never published", () => {
  it("holds no private value in any file or API answer", async () => {
    const bodies: [string, string][] = [];
    for (const dataset of DATASETS) {
      for (const name of [`${dataset.id}.csv`, `${dataset.id}.schema.json`]) bodies.push([name, await (await file(name)).text()]);
    }
    bodies.push(["datapackage.json", await (await file("datapackage.json")).text()]);
    for (const endpoint of Object.keys(API) as Endpoint[]) {
      bodies.push([endpoint, await (await api(endpoint, "?pageSize=200")).text()]);
      bodies.push([`${endpoint} of the product`, await (await api(endpoint, `?product=${PUBLISHED.productSlug}`)).text()]);
    }
    const all = bodies.map(([, body]) => body).join("\n");
    // The scan would pass on empty answers: these hold the public values.
    for (const shown of [PUBLISHED.productName, PUBLISHED.publicRationale, PUBLISHED.publicIndicator, PUBLISHED.publicValue]) expect(all).toContain(shown);
    for (const [name, body] of bodies) {
      expect(privateValuesIn(body), name).toEqual([]);
      expect(body, name).not.toMatch(/@exemple\.gouv\.fr/);
      expect(body, name).not.toContain(PRIVATE.privateProductSlug);
    }
  });
});
