// The public budget page of a product and its CSV download, called as Remix calls them (real
// Requests, signed-in cookies, a real database): only current statements, the actual of a closed
// year over its forecast, funders' shares of granted envelopes, amounts written the French way
// (Intl puts a narrow no-break space U+202F between thousands and a no-break space U+00A0 before
// "€"), and a private product's figures hidden from whoever does not follow its funding.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import {
  assignRole,
  createBudgetStatement,
  createFundingEnvelope,
  createIncubator,
  createOrganisation,
  createProduct,
  createUser,
} from "~/db/seed/factories.server";
import type { YearBudget } from "~/domain/budget-statements";
import { formatEuros } from "~/domain/money";
import { readBudgetFile, checkBudgetRows, groupStatements } from "~/funding/budget-csv";
import { FundersTable, YearBreakdownFigures, YearsFigure } from "~/funding/budget-figures";
import { loader as pageLoader } from "~/routes/produits.$slug_.budget";
import { loader as csvLoader } from "~/routes/produits.$slug_.budget[.]csv";
import { setupTestDatabase } from "./support/db";
import { outcome, signIn, thrownStatus } from "./support/route-calls";
import { routeArgs } from "./support/routes";

const db = setupTestDatabase();

const PUBLIC = "budget-public";
const PRIVATE = "budget-prive";
let investor: string;
let otherTeam: string;
let privateTeam: string;

beforeAll(async () => {
  const incubator = await createIncubator(db());
  const dinum = await createOrganisation(db(), { name: "DINUM" });
  const fast = await createOrganisation(db(), { name: "Fonds FAST" });
  const ministry = await createOrganisation(db(), { name: "Ministère des Armées" });
  const product = await createProduct(db(), { slug: PUBLIC, name: "Service public", primaryIncubatorId: incubator.id, isPublic: true });
  const hidden = await createProduct(db(), { slug: PRIVATE, primaryIncubatorId: incubator.id, sponsorIds: [ministry.id], isPublic: false });
  const other = await createProduct(db(), { primaryIncubatorId: incubator.id });

  // 2025: a superseded actual, its current revision, and a forecast the actual replaces.
  await createBudgetStatement(db(), {
    productId: product.id,
    year: 2025,
    nature: "actual",
    revision: 1,
    supersededAt: new Date("2026-02-01T10:00:00Z"),
    lines: [{ activity: "development", resource: "staff", committed: "999999.99", paid: "999999.99" }],
  });
  await createBudgetStatement(db(), {
    productId: product.id,
    year: 2025,
    nature: "actual",
    revision: 2,
    lines: [
      { activity: "development", resource: "staff", committed: "1000000.00", paid: "900000.00" },
      { activity: "development", resource: "external_services", committed: "200000.00", paid: "250000.00" },
      { activity: "hosting", resource: "software", committed: "34567.89", paid: "12345.67" },
    ],
  });
  await createBudgetStatement(db(), {
    productId: product.id,
    year: 2025,
    nature: "forecast",
    lines: [{ activity: "data", resource: "staff", committed: "5", paid: "5" }],
  });
  await createBudgetStatement(db(), {
    productId: product.id,
    year: 2026,
    nature: "forecast",
    lines: [{ activity: "design", resource: "external_services", committed: "80000.50", paid: "60000" }],
  });
  // Shares: 200 000 + 100 000 (FAST) granted; a request counts for nothing.
  await createFundingEnvelope(db(), { productId: product.id, funderId: dinum.id, amount: 200_000 });
  await createFundingEnvelope(db(), { productId: product.id, funderId: fast.id, amount: 100_000, origin: "fast" });
  await createFundingEnvelope(db(), { productId: product.id, funderId: ministry.id, amount: 50_000, status: "requested" });

  await createBudgetStatement(db(), {
    productId: hidden.id,
    year: 2025,
    nature: "actual",
    lines: [{ activity: "security", resource: "hardware", committed: "424242.42", paid: "1" }],
  });

  const people = await Promise.all([createUser(db()), createUser(db()), createUser(db())]);
  await assignRole(db(), { userId: people[0].id, role: "investor", organisationId: ministry.id });
  await assignRole(db(), { userId: people[1].id, role: "team_member", productId: other.id });
  await assignRole(db(), { userId: people[2].id, role: "team_member", productId: hidden.id });
  [investor, otherTeam, privateTeam] = await Promise.all(people.map((p) => signIn(p.id)));
});

type Page = {
  product: { name: string; isPublic: boolean };
  years: YearBudget[];
  funders: Array<{ name: string; cents: number; basisPoints: number }>;
  granted: number;
  shown: YearBudget | null;
};

async function page(slug: string, cookie?: string, query = ""): Promise<Page> {
  const answer = outcome(await pageLoader(routeArgs(`/produits/${slug}/budget${query}`, { cookie, params: { slug } })));
  expect(answer.status).toBe(200);
  return answer.data as Page;
}

const csv = (slug: string, cookie?: string) => csvLoader(routeArgs(`/produits/${slug}/budget.csv`, { cookie, params: { slug } }));

describe("the public budget page", () => {
  it("shows AE and CP per year from current statements only, the actual over the forecast", async () => {
    const { years, shown } = await page(PUBLIC);
    expect(years.map((y) => [y.year, y.nature, y.committed, y.paid])).toEqual([
      [2025, "actual", 1_234_567_89, 1_162_345_67],
      [2026, "forecast", 80_000_50, 60_000_00],
    ]);
    expect(shown?.year).toBe(2026);
    const asked = await page(PUBLIC, undefined, "?annee=2025");
    expect(asked.shown?.byActivity.map((a) => [a.activity, a.committed, a.paid])).toEqual([
      ["hosting", 34_567_89, 12_345_67],
      ["development", 1_200_000_00, 1_150_000_00],
    ]);
    expect(asked.shown?.byResource.map((r) => r.resource)).toEqual(["staff", "external_services", "software"]);
    // An unknown year shows the latest one.
    expect((await page(PUBLIC, undefined, "?annee=1990")).shown?.year).toBe(2026);
  });

  it("lists the funders of granted envelopes with their shares, FAST included", async () => {
    const { funders, granted } = await page(PUBLIC);
    expect(granted).toBe(300_000_00);
    expect(funders).toEqual([
      { name: "DINUM", cents: 200_000_00, basisPoints: 6667 },
      { name: "Fonds FAST", cents: 100_000_00, basisPoints: 3333 },
    ]);
  });

  it("writes amounts the French way in the figures and their tables", async () => {
    expect(formatEuros(1_234_567_89)).toBe("1\u202f234\u202f567,89\u00a0€");
    const { years, funders, granted } = await page(PUBLIC);
    const html = renderToString(createElement(YearsFigure, { years }));
    expect(html).toContain("<figure");
    expect(html).toContain("<figcaption>");
    expect(html).toContain("<table>");
    expect(html).toContain("<td>1\u202f234\u202f567,89\u00a0€</td>");
    expect(html).toContain("<td>1\u202f162\u202f345,67\u00a0€</td>");
    expect(html).toContain("De 2025 à 2026 : 1\u202f314\u202f568,39\u00a0€ engagés (AE) et 1\u202f222\u202f345,67\u00a0€ payés (CP).");
    expect(html).toContain("Montants prévisionnels pour 2026, réalisés pour les autres années.");
    const breakdown = renderToString(createElement(YearBreakdownFigures, { year: years[0] }));
    expect(breakdown).toContain("2025 par activité (réalisé)");
    expect(breakdown).toContain("la plus importante est « Développement » avec 1\u202f200\u202f000,00\u00a0€ engagés");
    const table = renderToString(createElement(FundersTable, { funders, granted }));
    expect(table).toContain("<td>DINUM</td><td>200\u202f000,00\u00a0€</td><td>66,67\u00a0%</td>");
    expect(table).toContain("Financeurs (300\u202f000,00\u00a0€ accordés)");
  });

  it("downloads the current statements as UTF-8 CSV in the documented columns", async () => {
    const response = await csv(PUBLIC);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="budget-${PUBLIC}.csv"`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    // A byte-order mark, so that French Excel reads the accents as UTF-8.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    // Cells in the taxonomy's order (hosting before development).
    expect(text.split("\r\n")).toEqual([
      "\uFEFFannee;nature;activite;ressource;ae;cp",
      '2025;realise;hosting;software;"34567,89";"12345,67"',
      '2025;realise;development;staff;"1000000,00";"900000,00"',
      '2025;realise;development;external_services;"200000,00";"250000,00"',
      '2025;prevision;data;staff;"5,00";"5,00"',
      '2026;prevision;design;external_services;"80000,50";"60000,00"',
      "",
    ]);
    // It imports back as the same statements.
    const file = readBudgetFile(text.replace(/^\uFEFF/, "").replace(/\r\n/g, "\n"));
    if (!file.ok) throw new Error(file.error);
    expect(groupStatements(checkBudgetRows(file.rows)).map((s) => [s.year, s.nature, s.cells.length])).toEqual([
      [2025, "actual", 3],
      [2025, "forecast", 1],
      [2026, "forecast", 1],
    ]);
  });
});

describe("a private product's budget", () => {
  it("is a 404 for the public and for another product's team, page and CSV alike", async () => {
    for (const cookie of [undefined, otherTeam]) {
      expect(await thrownStatus(pageLoader(routeArgs(`/produits/${PRIVATE}/budget`, { cookie, params: { slug: PRIVATE } })))).toEqual({
        status: 404,
        location: null,
      });
      expect(await thrownStatus(csv(PRIVATE, cookie))).toEqual({ status: 404, location: null });
    }
    expect(await thrownStatus(csv("ce-produit-n-existe-pas"))).toEqual({ status: 404, location: null });
  });

  it("shows its figures to its sponsor's investors and its team", async () => {
    for (const cookie of [investor, privateTeam]) {
      const { product, years } = await page(PRIVATE, cookie);
      expect(product.isPublic).toBe(false);
      expect(years.map((y) => [y.year, y.committed])).toEqual([[2025, 424_242_42]]);
    }
    expect(await (await csv(PRIVATE, investor)).text()).toContain('2025;realise;security;hardware;"424242,42";"1,00"');
  });
});
