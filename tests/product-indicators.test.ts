// A product's indicators as its page loads them, against a real database: what the public and the
// incubator see, chart markers, cost per use; and the section's server render (figure, summary, table).
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor, Grant } from "~/auth/permissions";
import {
  createFundingEnvelope,
  createIncubator,
  createIndicator,
  createOrganisation,
  createProduct,
  recordDecision,
} from "~/db/seed/factories.server";
import { day } from "~/domain/days";
import { IndicatorPanel } from "~/indicators/indicator-panel";
import type { ProductIndicators } from "~/indicators/product-indicators.server";
import { loadProductPage } from "~/products/product-page.server";
import { setupTestDatabase } from "./support/db";

const db = setupTestDatabase();

const ASOF = new Date("2026-11-23T10:00:00Z");
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, " ");

const grant = (fields: Partial<Grant> & Pick<Grant, "role">): Grant => ({
  incubatorId: null,
  productId: null,
  organisationId: null,
  committeeSessionId: null,
  isIntrapreneur: false,
  ...fields,
});

/** Products by slug, incubators by id. */
let ids: { product: string; fundedOnly: string; privateProduct: string; incubator: string; otherIncubator: string };
let coach: Actor;
let outsider: Actor;

beforeAll(async () => {
  const incubator = await createIncubator(db());
  const otherIncubator = await createIncubator(db());
  const funder = await createOrganisation(db());
  const product = await createProduct(db(), {
    primaryIncubatorId: incubator.id,
    phases: [
      { phase: "investigation", start: "2025-01-06", end: "2025-03-03" },
      { phase: "construction", start: "2025-03-03", end: "2026-03-02" },
      { phase: "acceleration", start: "2026-03-02" },
    ],
  });
  await createIndicator(db(), {
    productId: product.id,
    name: "Utilisateurs actifs mensuels",
    matrixCode: "mau",
    baselineValue: 0,
    baselineDate: day("2025-03-03"),
    values: [
      { periodStart: "2026-04-01", value: 8000 },
      { periodStart: "2026-05-01", value: 10000 },
      { periodStart: "2026-07-01", value: 11482 },
      { periodStart: "2026-10-01", value: 12400 },
    ],
    targets: { create: [{ value: 15000, dueDate: day("2026-12-31") }] },
  });
  await createIndicator(db(), {
    productId: product.id,
    name: "Budget annuel",
    matrixCode: "annual_budget",
    level: "efficient",
    kind: "means",
    unit: "€",
    direction: "lower_is_better",
    isPublic: false,
    values: [
      { periodStart: "2026-05-01", value: 900000 },
      { periodStart: "2026-10-01", value: 992000 },
    ],
  });
  await createIndicator(db(), {
    productId: product.id,
    name: "Taux de contact du support",
    level: "usable",
    unit: "%",
    direction: "lower_is_better",
    isPublic: false,
    values: [{ periodStart: "2026-09-01", value: 4.2 }],
  });
  await createIndicator(db(), { productId: product.id, name: "Ancien indicateur", archivedAt: new Date("2026-01-01T00:00:00Z") });
  await createFundingEnvelope(db(), { productId: product.id, funderId: funder.id, amount: 1_200_000, start: "2026-01-01", end: "2026-12-31" });

  // Decisions: two published, one unpublished, and one corrected by another on the same day.
  await recordDecision(db(), { productId: product.id, decidedOn: "2025-03-03", outcome: "next_phase", targetPhase: "construction", publishedAt: new Date("2025-03-10T09:00:00Z") });
  await recordDecision(db(), { productId: product.id, decidedOn: "2026-03-02", outcome: "next_phase", targetPhase: "acceleration", publishedAt: new Date("2026-03-09T09:00:00Z") });
  const wrong = await recordDecision(db(), { productId: product.id, decidedOn: "2026-05-12", outcome: "extend", publishedAt: new Date("2026-05-13T09:00:00Z") });
  await recordDecision(db(), { productId: product.id, decidedOn: "2026-05-12", correctsId: wrong.id, publishedAt: new Date("2026-05-14T09:00:00Z") });
  await recordDecision(db(), { productId: product.id, decidedOn: "2026-09-15" });
  // After the date the page is computed for: not yet there.
  await recordDecision(db(), { productId: product.id, decidedOn: "2026-12-01", publishedAt: new Date("2026-12-02T09:00:00Z") });

  const fundedOnly = await createProduct(db(), { primaryIncubatorId: incubator.id, phases: [{ phase: "construction", start: "2025-06-02" }] });
  await createIndicator(db(), { productId: fundedOnly.id, matrixCode: "mau", values: [{ periodStart: "2026-10-01", value: 0 }] });
  // Granted from July 2025 to June 2026: half of it falls in 2026 (181 of 365 days).
  await createFundingEnvelope(db(), { productId: fundedOnly.id, funderId: funder.id, amount: 600_000, start: "2025-07-01", end: "2026-06-30" });

  const privateProduct = await createProduct(db(), { primaryIncubatorId: incubator.id, isPublic: false });

  ids = { product: product.slug, fundedOnly: fundedOnly.slug, privateProduct: privateProduct.slug, incubator: incubator.id, otherIncubator: otherIncubator.id };
  coach = { userId: "00000000-0000-4000-8000-000000000001", grants: [grant({ role: "coach", incubatorId: incubator.id })] };
  outsider = { userId: "00000000-0000-4000-8000-000000000002", grants: [grant({ role: "coach", incubatorId: otherIncubator.id })] };
});

/** The indicators as the product's page reads them (products are named by slug). */
const indicatorsOf = async (actor: Actor | null, slug: string) => (await loadProductPage(actor, slug, ASOF))?.indicators ?? null;

async function load(actor: Actor | null, slug = ids.product): Promise<ProductIndicators> {
  const data = await indicatorsOf(actor, slug);
  if (!data) throw new Error("expected indicators");
  return data;
}

describe("what each viewer sees", () => {
  it("gives the public the public indicators only, and no funding-based cost", async () => {
    const data = await load(null);
    expect(data.indicators.map((i) => i.name)).toEqual(["Utilisateurs actifs mensuels"]);
    // The declared budget is not public and funding is internal: no budget for the public.
    expect(data.costPerUse.now).toMatchObject({ status: "no-budget", users: { value: 12400 } });
    expect(data.summary).toMatchObject({ indicators: 1, hasImpactIndicator: true });
    // Someone else's incubator sees what the public sees.
    expect((await load(outsider)).indicators.map((i) => i.name)).toEqual(["Utilisateurs actifs mensuels"]);
  });

  it("gives the incubator every live indicator, archived ones left out", async () => {
    const data = await load(coach);
    expect(data.indicators.map((i) => [i.name, i.isPublic])).toEqual([
      ["Utilisateurs actifs mensuels", true],
      ["Budget annuel", false],
      ["Taux de contact du support", false],
    ]);
    // 992 000 € declared for October ÷ 12 400 users.
    expect(data.costPerUse.now).toMatchObject({ status: "computed", euros: 80, budget: { source: { kind: "indicator" } } });
  });

  it("hides a private product from the public and from other incubators, and knows no unknown id", async () => {
    expect(await indicatorsOf(null, ids.privateProduct)).toBeNull();
    expect(await indicatorsOf(outsider, ids.privateProduct)).toBeNull();
    expect(await indicatorsOf(coach, ids.privateProduct)).toMatchObject({ indicators: [] });
    expect(await indicatorsOf(coach, "produit-inconnu")).toBeNull();
  });

  it("returns each series with its baseline, targets and health", async () => {
    const mau = (await load(null)).indicators[0];
    expect(mau.baseline).toEqual({ value: 0, date: day("2025-03-03") });
    expect(mau.targets).toEqual([{ value: 15000, dueDate: day("2026-12-31") }]);
    expect(mau.series.map((v) => [v.periodStart, v.value, v.status])).toEqual([
      [day("2026-04-01"), 8000, "declared"],
      [day("2026-05-01"), 10000, "declared"],
      [day("2026-07-01"), 11482, "declared"],
      [day("2026-10-01"), 12400, "declared"],
    ]);
    expect(mau.health.latest).toMatchObject({ periodStart: day("2026-10-01"), value: 12400 });
    expect(mau.health.trend).toMatchObject({ direction: "up", periods: 3 });
    expect(mau.health.freshness.overdue).toBe(false);
    // 12 400 / 15 000 = 82.7 % of the way; from 3 March 2025 to 31 December 2026 (668 days), 1 November
    // 2026 is 608 days in: 91 % of the time.
    expect(mau.health.attainment.status).toBe("off-track");
  });
});

describe("chart markers", () => {
  it("marks phase changes, and the decisions the viewer may read, corrections replacing what they correct", async () => {
    const publicData = await load(null);
    expect(publicData.markers.phases.map((m) => [m.date, m.phase])).toEqual([
      [day("2025-01-06"), "investigation"],
      [day("2025-03-03"), "construction"],
      [day("2026-03-02"), "acceleration"],
    ]);
    expect(publicData.markers.decisions.map((m) => [m.date, m.outcome, m.targetPhase])).toEqual([
      [day("2025-03-03"), "next_phase", "construction"],
      [day("2026-03-02"), "next_phase", "acceleration"],
      [day("2026-05-12"), "continue", null],
    ]);
    // The unpublished decision of 15 September is internal.
    expect((await load(coach)).markers.decisions.map((m) => m.date)).toEqual([
      day("2025-03-03"),
      day("2026-03-02"),
      day("2026-05-12"),
      day("2026-09-15"),
    ]);
  });

  it("compares cost per use with the last committee the viewer may read", async () => {
    const { costPerUse } = await load(coach);
    // On 15 September the latest users figure was July's 11 482, with May's declared budget of 900 000 €:
    // 78,38 €. Now 80 €: worse.
    expect(costPerUse.change?.committeeDate).toEqual(day("2026-09-15"));
    expect(costPerUse.change?.then).toMatchObject({ status: "computed", users: { value: 11482 }, budget: { euros: 900000 } });
    expect(costPerUse.change?.evolution?.direction).toBe("worsening");
    expect(costPerUse.change?.evolution?.euros).toBeCloseTo(80 - 900000 / 11482, 9);
    expect((await load(null)).costPerUse.change).toMatchObject({ committeeDate: day("2026-05-12"), evolution: null });
  });

  it("falls back on the envelopes granted for the year, and does not divide by zero users", async () => {
    expect((await load(coach, ids.fundedOnly)).costPerUse.now).toMatchObject({
      status: "zero-users",
      budget: { euros: 297534.25, source: { kind: "funding", year: 2026, fundingKind: "granted" } },
    });
  });
});

describe("the section as the server renders it", () => {
  it("renders each indicator as a figure with a caption, a summary and a table, without a canvas", async () => {
    const html = plain(renderToString(createElement(IndicatorPanel, { data: await load(coach) })));
    expect(html).toContain("<h2 id=\"indicateurs-impact\">Indicateurs d&#x27;impact</h2>");
    expect(html.match(/<figure/g)).toHaveLength(3);
    expect(html.match(/<figcaption>/g)).toHaveLength(3);
    expect(html).toContain("Dernière valeur : 12 400 utilisateurs (octobre 2026), +8 % sur trois mois (favorable)");
    expect(html).toContain("<caption>Valeurs de « Utilisateurs actifs mensuels »</caption>");
    expect(html).toContain("<td>11 482 utilisateurs</td>");
    expect(html).toContain("Cible en retard");
    expect(html).toContain("Non public");
    expect(html).toContain("80 € par utilisateur actif");
    // The markers the chart of users covers, from its baseline (3 March 2025) to its target.
    expect(html).toContain(
      "Décisions de comité : 3 mars 2025 (changement de phase : Construction), 2 mars 2026 (changement de phase : Accélération), 12 mai 2026 (poursuite), 15 septembre 2026 (poursuite).",
    );
    expect(html).not.toContain("<canvas");
  });
});
