// Funding envelopes: each funder's share, FAST co-funding (1 € for 1 €, up to 300 000 €), amounts to
// the cent; the Financement page and the envelope forms with their permissions (an investor reads
// but does not edit, a team member of another product sees nothing), a funder becoming a sponsor,
// optimistic locking, a committee decision granting an envelope, and the runway of a product.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/auth/permissions";
import { recordDecision } from "~/committees/decisions.server";
import {
  assignRole,
  createBudgetStatement,
  createCommitteeSession,
  createFundingEnvelope,
  createIncubator,
  createOrganisation,
  createProduct,
  createUser,
} from "~/db/seed/factories.server";
import { day, isoDay, today } from "~/domain/days";
import { centsInYear, checkFastCoFunding, formatShare, fundingTotals, type EnvelopeLike } from "~/domain/funding";
import { formatEuros } from "~/domain/money";
import { ENVELOPE_AUDIT, loadRunway } from "~/funding/envelopes.server";
import { listPortfolio, resolvePortfolioQuery } from "~/products/portfolio.server";
import { readPortfolioQuery } from "~/products/portfolio-filters";
import { loader as pageLoader } from "~/routes/produits.$slug_.financement";
import { action as editAction, loader as editLoader } from "~/routes/produits.$slug_.financement_.enveloppes.$id";
import { action as createAction } from "~/routes/produits.$slug_.financement_.enveloppes.nouvelle";
import { setupTestDatabase } from "./support/db";
import { outcome, post, signIn, thrownStatus } from "./support/route-calls";
import { routeArgs } from "./support/routes";

const db = setupTestDatabase();

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");
const envelope = (funderId: string, euros: number, fields: Partial<EnvelopeLike> = {}): EnvelopeLike => ({
  funderId,
  cents: Math.round(euros * 100),
  origin: "sponsor_budget",
  status: "granted",
  startDate: day("2026-01-01"),
  endDate: day("2026-12-31"),
  ...fields,
});

describe("the rules of funding", () => {
  it("gives each funder its share of the granted money, to the basis point, adding up to 100 %", () => {
    const totals = fundingTotals([
      envelope("ministere", 200_000.01),
      envelope("region", 100_000),
      envelope("ministere", 50_000, { status: "requested" }),
      envelope("region", 80_000, { status: "cancelled" }),
      envelope("dinum", 100_000, { origin: "fast" }),
    ]);
    expect(totals).toMatchObject({ granted: 40_000_001, requested: 5_000_000, cancelled: 8_000_000, fast: 10_000_000 });
    // 200 000,01 / 400 000,01 = 50,0000…%; 100 000 / 400 000,01 = 24,99999…% twice: the largest
    // remainders get the basis points left.
    expect(totals.shares).toEqual([
      { funderId: "ministere", cents: 20_000_001, basisPoints: 5000 },
      { funderId: "dinum", cents: 10_000_000, basisPoints: 2500 },
      { funderId: "region", cents: 10_000_000, basisPoints: 2500 },
    ]);
    const thirds = fundingTotals([envelope("a", 1), envelope("b", 1), envelope("c", 1)]).shares;
    expect(thirds.map((s) => s.basisPoints)).toEqual([3334, 3333, 3333]);
    expect(thirds.map((s) => plain(formatShare(s.basisPoints)))).toEqual(["33,34 %", "33,33 %", "33,33 %"]);
    expect(fundingTotals([]).shares).toEqual([]);
  });

  it("keeps FAST co-funding at 1 € for 1 € of the other funders, and under 300 000 €", () => {
    const sponsor = envelope("ministere", 250_000);
    expect(checkFastCoFunding([sponsor, envelope("dinum", 250_000, { origin: "fast" })])).toEqual({ ok: true });
    expect(checkFastCoFunding([sponsor, envelope("dinum", 250_000.01, { origin: "fast" })])).toEqual({
      ok: false,
      reason: "over-parity",
      limit: 25_000_000,
    });
    // Several funders count together; the cap holds whatever they grant.
    const big = [envelope("ministere", 250_000), envelope("region", 250_000)];
    expect(checkFastCoFunding([...big, envelope("dinum", 300_000, { origin: "fast" })])).toEqual({ ok: true });
    expect(checkFastCoFunding([...big, envelope("dinum", 200_000, { origin: "fast" }), envelope("dinum", 100_000.01, { origin: "fast" })])).toEqual({
      ok: false,
      reason: "over-cap",
      limit: 30_000_000,
    });
    // A FAST request goes with the other funders' requests; a cancelled envelope counts for nothing.
    const asked = [envelope("ministere", 100_000, { status: "requested" }), envelope("dinum", 100_000, { origin: "fast", status: "requested" })];
    expect(checkFastCoFunding(asked)).toEqual({ ok: true });
    expect(checkFastCoFunding([...asked, envelope("dinum", 50_000, { origin: "fast", status: "granted" })])).toMatchObject({ ok: false, reason: "over-parity" });
    expect(checkFastCoFunding([envelope("ministere", 100_000, { status: "cancelled" }), envelope("dinum", 1, { origin: "fast" })])).toMatchObject({ ok: false });
    // Lowering the sponsor's grant under the FAST money breaks parity too.
    expect(checkFastCoFunding([envelope("ministere", 90_000), envelope("dinum", 100_000, { origin: "fast" })])).toMatchObject({ ok: false, reason: "over-parity" });
  });

  it("prorates an envelope over the years it covers, by days", () => {
    const across = { cents: 36_500_000, startDate: day("2025-10-01"), endDate: day("2026-09-30") };
    // 92 days in 2025, 273 in 2026, out of 365.
    expect(centsInYear(across, 2025)).toBe(9_200_000);
    expect(centsInYear(across, 2026)).toBe(27_300_000);
    expect(centsInYear(across, 2027)).toBe(0);
    expect(centsInYear({ cents: 100, startDate: day("2026-01-01"), endDate: day("2026-12-31") }, 2026)).toBe(100);
  });

  it("writes amounts the French way, to the cent", () => {
    expect(plain(formatEuros(123_456_789))).toBe("1 234 567,89 €");
    expect(plain(formatEuros(10))).toBe("0,10 €");
  });
});

const PAST_DAY = isoDay(new Date(today().getTime() - 200 * 86_400_000));
const SOON_DAY = isoDay(new Date(today().getTime() + 30 * 86_400_000));

let ids: { product: string; privateProduct: string; sponsor: string; otherFunder: string; fast: string; incubator: string };
let cookies: Record<"admin" | "coach" | "team" | "investor" | "committee" | "otherTeam", string>;

beforeAll(async () => {
  const incubator = await createIncubator(db());
  const sponsor = await createOrganisation(db(), { name: "Ministère du Travail", acronym: "MTRAV" });
  const otherFunder = await createOrganisation(db(), { name: "Région Bretagne" });
  const fast = await createOrganisation(db(), { name: "Direction du numérique", acronym: "DINUM" });
  const product = await createProduct(db(), { slug: "mon-service", primaryIncubatorId: incubator.id, sponsorIds: [sponsor.id], isPublic: true });
  const privateProduct = await createProduct(db(), { slug: "service-prive", primaryIncubatorId: incubator.id, sponsorIds: [sponsor.id], isPublic: false });
  const other = await createProduct(db(), { slug: "autre-service", primaryIncubatorId: incubator.id });
  await createFundingEnvelope(db(), { productId: product.id, funderId: sponsor.id, amount: "250000.00", start: PAST_DAY, end: SOON_DAY });
  await createFundingEnvelope(db(), { productId: privateProduct.id, funderId: sponsor.id, amount: 987_654.32, start: PAST_DAY, end: SOON_DAY });
  ids = { product: product.id, privateProduct: privateProduct.id, sponsor: sponsor.id, otherFunder: otherFunder.id, fast: fast.id, incubator: incubator.id };

  const person = async (role: Parameters<typeof assignRole>[1]["role"], scope: Record<string, string>) => {
    const user = await createUser(db());
    await assignRole(db(), { userId: user.id, role, ...scope });
    return signIn(user.id);
  };
  cookies = {
    admin: await person("incubator_admin", { incubatorId: incubator.id }),
    coach: await person("coach", { incubatorId: incubator.id }),
    team: await person("team_member", { productId: product.id }),
    investor: await person("investor", { organisationId: sponsor.id }),
    committee: await person("committee_member", { incubatorId: incubator.id }),
    otherTeam: await person("team_member", { productId: other.id }),
  };
});

const page = (slug: string, cookie?: string) =>
  pageLoader(routeArgs(`/produits/${slug}/financement`, { cookie, params: { slug } }));
const create = (cookie: string | null, body: Record<string, string>, slug = "mon-service") =>
  createAction(post(`/produits/${slug}/financement/enveloppes/nouvelle`, cookie, body, { slug }));
const FORM = { financeur: "", montant: "100 000", debut: "2026-01-01", fin: "2026-12-31", origine: "sponsor_budget", statut: "granted", commentaire: "" };
const envelopesOf = (productId: string) => db().fundingEnvelope.findMany({ where: { productId }, orderBy: { createdAt: "asc" } });

describe("who reads and edits funding", () => {
  it("shows the page to the incubator, the team and the product's investors, with the figures to the cent", async () => {
    for (const who of ["admin", "coach", "investor", "committee"] as const) {
      const { status, data } = outcome(await page("service-prive", cookies[who]));
      expect(status, who).toBe(200);
      const section = (data as Awaited<ReturnType<typeof pageLoader>>["data"]).envelopes;
      expect(section.totals.granted).toBe(98_765_432);
      expect(section.shares).toEqual([{ funderId: ids.sponsor, funder: "Ministère du Travail (MTRAV)", cents: 98_765_432, basisPoints: 10_000 }]);
    }
    expect(await thrownStatus(page("service-prive", cookies.team))).toMatchObject({ status: 404 });
    const { data } = outcome(await page("mon-service", cookies.investor));
    expect((data as Awaited<ReturnType<typeof pageLoader>>["data"]).mayEdit).toBe(false);
    expect((outcome(await page("mon-service", cookies.team)).data as Awaited<ReturnType<typeof pageLoader>>["data"]).mayEdit).toBe(true);
  });

  it("hides a private product's funding from a team member of another product (404), and a public one's (403)", async () => {
    expect(await thrownStatus(page("service-prive", cookies.otherTeam))).toMatchObject({ status: 404 });
    expect(await thrownStatus(page("mon-service", cookies.otherTeam))).toMatchObject({ status: 403 });
    expect((await thrownStatus(page("mon-service"))).status).toBe(302);
  });

  it("refuses an investor and a committee member the envelope forms, writing nothing", async () => {
    const before = await envelopesOf(ids.product);
    for (const who of ["investor", "committee", "otherTeam"] as const) {
      const status = (await thrownStatus(create(cookies[who], { ...FORM, financeur: ids.sponsor }))).status;
      expect(status, who).toBe(403);
    }
    expect(await envelopesOf(ids.product)).toEqual(before);
  });
});

describe("creating and editing envelopes", () => {
  it("records an envelope to the cent, and makes its funder a sponsor in the same transaction", async () => {
    const result = outcome(await create(cookies.team, { ...FORM, financeur: ids.otherFunder, montant: "1 234 567,89" }));
    expect(result).toMatchObject({ status: 302, location: "/produits/mon-service/financement" });
    const created = (await envelopesOf(ids.product)).at(-1);
    expect(created).toMatchObject({ funderId: ids.otherFunder, startDate: day("2026-01-01"), endDate: day("2026-12-31"), status: "granted", version: 1 });
    expect(created?.amount.toString()).toBe("1234567.89");
    expect(await db().productSponsor.findUnique({ where: { productId_organisationId: { productId: ids.product, organisationId: ids.otherFunder } } })).toMatchObject({
      since: day("2026-01-01"),
    });
    expect(await db().auditLog.count({ where: { action: ENVELOPE_AUDIT.created, entityId: created?.id } })).toBe(1);
  });

  it("refuses bad input with French messages by field, writing nothing", async () => {
    const before = await envelopesOf(ids.product);
    const refused = outcome(await create(cookies.coach, { ...FORM, financeur: "n'importe quoi", montant: "-5 000", debut: "2026-02-30", fin: "2025-01-01", origine: "loto", statut: "" }));
    expect(refused.status).toBe(400);
    const { errors } = refused.data as { errors: Record<string, string[]> };
    expect(Object.keys(errors).sort()).toEqual(["debut", "financeur", "montant", "origine", "statut"]);
    expect(errors.montant?.[0]).toMatch(/^Indiquez un montant en euros/);
    const backwards = outcome(await create(cookies.coach, { ...FORM, financeur: ids.sponsor, debut: "2026-06-01", fin: "2026-05-31" }));
    expect((backwards.data as { errors: Record<string, string[]> }).errors).toEqual({ fin: ["La fin de la période doit suivre son début."] });
    const unknownFunder = outcome(await create(cookies.coach, { ...FORM, financeur: "00000000-0000-4000-8000-000000000000" }));
    expect((unknownFunder.data as { errors: Record<string, string[]> }).errors).toEqual({ financeur: ["Choisissez le financeur dans la liste."] });
    expect(await envelopesOf(ids.product)).toEqual(before);
  });

  it("refuses FAST money above the other funders' or above 300 000 €, and accepts it within", async () => {
    // Granted by others on this product: 250 000 € + 1 234 567,89 €.
    const over = outcome(await create(cookies.admin, { ...FORM, financeur: ids.fast, origine: "fast", montant: "300 000,01" }));
    expect(over.status).toBe(400);
    expect(plain((over.data as { errors: Record<string, string[]> }).errors.montant?.[0] ?? "")).toContain("plafonné à 300 000,00 €");
    // The private product's other funders granted 987 654,32 €; a fresh product nothing.
    const fresh = await createProduct(db(), { slug: "service-neuf", primaryIncubatorId: ids.incubator, isPublic: true });
    await createFundingEnvelope(db(), { productId: fresh.id, funderId: ids.sponsor, amount: 40_000, start: "2026-01-01", end: "2026-12-31" });
    const parity = outcome(await create(cookies.admin, { ...FORM, financeur: ids.fast, origine: "fast", montant: "40 000,01" }, "service-neuf"));
    expect(plain((parity.data as { errors: Record<string, string[]> }).errors.montant?.[0] ?? "")).toContain("1 € pour 1 €");
    expect(await envelopesOf(fresh.id)).toHaveLength(1);
    expect(outcome(await create(cookies.admin, { ...FORM, financeur: ids.fast, origine: "fast", montant: "40 000" }, "service-neuf")).status).toBe(302);
    expect((await envelopesOf(fresh.id)).map((e) => e.origin)).toEqual(["sponsor_budget", "fast"]);
  });

  it("saves an edit made from the current version, and refuses one made from an older version (409), writing nothing", async () => {
    const [first] = await envelopesOf(ids.product);
    const params = { slug: "mon-service", id: first.id };
    const path = `/produits/mon-service/financement/enveloppes/${first.id}`;
    const loaded = outcome(await editLoader(routeArgs(path, { cookie: cookies.coach, params })));
    const values = (loaded.data as { values: Record<string, string> }).values;
    expect(values).toMatchObject({ montant: "250000.00", version: "1", statut: "granted" });

    const saved = outcome(await editAction(post(path, cookies.coach, { ...values, montant: "260 000,50" }, params)));
    expect(saved.status).toBe(302);
    const after = await db().fundingEnvelope.findUniqueOrThrow({ where: { id: first.id } });
    expect([after.amount.toString(), after.version]).toEqual(["260000.5", 2]);

    const stale = outcome(await editAction(post(path, cookies.team, { ...values, montant: "1" }, params)));
    expect(stale.status).toBe(409);
    expect(stale.data).toMatchObject({ values: { version: "2", montant: "1" }, current: { montant: "260000.50" } });
    expect(await db().fundingEnvelope.findUniqueOrThrow({ where: { id: first.id } })).toEqual(after);
    expect(await db().auditLog.count({ where: { action: ENVELOPE_AUDIT.updated, entityId: first.id } })).toBe(1);

    // Another product's envelope is not reachable through this product's address.
    const foreign = (await envelopesOf(ids.privateProduct))[0];
    const foreignParams = { slug: "mon-service", id: foreign.id };
    expect((await thrownStatus(editLoader(routeArgs(path, { cookie: cookies.coach, params: foreignParams })))).status).toBe(404);
    expect((await thrownStatus(editLoader(routeArgs(path, { cookie: cookies.coach, params: { slug: "mon-service", id: "pas-un-id" } })))).status).toBe(404);
    expect((await thrownStatus(editAction(post(path, cookies.investor, { ...values, version: "2" }, params)))).status).toBe(403);
  });
});

describe("committee decisions with a budget", () => {
  it("grant an envelope linked to the decision, in the same transaction", async () => {
    const admin = await createUser(db());
    const funder = await createOrganisation(db(), { name: "Agence nationale" });
    const product = await createProduct(db(), {
      primaryIncubatorId: ids.incubator,
      phases: [{ phase: "construction", start: "2025-01-06" }],
    });
    const session = await createCommitteeSession(db(), {
      incubatorId: ids.incubator,
      startsAt: new Date(Date.now() - 2 * 86_400_000),
      status: "held",
      productIds: [product.id],
    });
    const result = await recordDecision(admin.id, session.id, product.id, {
      outcome: "continue",
      targetPhase: null,
      extensionMonths: null,
      nextReviewDate: null,
      budgetEuros: "480000.50",
      budgetFunderId: funder.id,
      budgetFrom: null,
      budgetTo: null,
      publicRationale: null,
      rationale: "",
      conditions: [],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const decision = await db().decision.findUniqueOrThrow({ where: { id: result.decisionId } });
    const [granted] = await envelopesOf(product.id);
    expect(granted).toMatchObject({ funderId: funder.id, decisionId: decision.id, status: "granted", origin: "sponsor_budget", startDate: decision.decidedOn });
    expect(granted.amount.toString()).toBe("480000.5");
    // Until the day before the next review the decision set.
    expect(decision.nextReviewDate && isoDay(new Date(decision.nextReviewDate.getTime() - 86_400_000))).toBe(isoDay(granted.endDate));
    expect(await db().productSponsor.count({ where: { productId: product.id, organisationId: funder.id } })).toBe(1);

    // A refused decision (the session is cancelled) grants nothing.
    const cancelled = await createCommitteeSession(db(), { incubatorId: ids.incubator, startsAt: new Date(Date.now() - 86_400_000), status: "cancelled", productIds: [product.id] });
    const refused = await recordDecision(admin.id, cancelled.id, product.id, { ...{ outcome: "continue", targetPhase: null, extensionMonths: null, nextReviewDate: null, publicRationale: null, rationale: "", conditions: [] }, budgetEuros: "1000", budgetFunderId: funder.id, budgetFrom: null, budgetTo: null });
    expect(refused.ok).toBe(false);
    expect(await envelopesOf(product.id)).toHaveLength(1);
  });
});

describe("the runway of a product", () => {
  const DAY = 86_400_000;
  const fromToday = (days: number) => new Date(today().getTime() + days * DAY);

  it("flags an envelope ending within 45 days until a committee is planned before its end", async () => {
    const product = await createProduct(db(), { primaryIncubatorId: ids.incubator, isPublic: true });
    await createFundingEnvelope(db(), { productId: product.id, funderId: ids.sponsor, amount: 500_000, start: fromToday(-100), end: fromToday(40) });
    const flagged = await loadRunway(product.id);
    expect(flagged.runway).toMatchObject({ status: "funded", runsOutOn: fromToday(40), cause: "envelope-end", daysLeft: 40, centsPerMonth: null });
    expect(flagged).toMatchObject({ needsCommittee: true, nextSession: null });

    // A session after the money ends does not help; one before it does.
    await createCommitteeSession(db(), { incubatorId: ids.incubator, startsAt: new Date(fromToday(60).getTime() + 9 * 3_600_000), status: "planned", productIds: [product.id] });
    expect((await loadRunway(product.id)).needsCommittee).toBe(true);
    const session = await createCommitteeSession(db(), { incubatorId: ids.incubator, startsAt: new Date(fromToday(20).getTime() + 9 * 3_600_000), status: "planned", productIds: [product.id] });
    expect(await loadRunway(product.id)).toMatchObject({ needsCommittee: false, nextSession: { id: session.id } });
  });

  it("runs out earlier at the pace of the year's payments", async () => {
    const product = await createProduct(db(), { primaryIncubatorId: ids.incubator, isPublic: true });
    await createFundingEnvelope(db(), { productId: product.id, funderId: ids.sponsor, amount: 500_000, start: fromToday(-10), end: fromToday(170) });
    const year = today().getUTCFullYear();
    const days = (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / DAY;
    // 10 000 € a day over the year: 500 000 € last 50 days from the envelope's start.
    await createBudgetStatement(db(), {
      productId: product.id,
      year,
      nature: "forecast",
      lines: [{ activity: "development", resource: "external_services", committed: days * 10_000, paid: days * 10_000 }],
    });
    const { runway, needsCommittee } = await loadRunway(product.id);
    expect(runway).toMatchObject({ cause: "money", runsOutOn: fromToday(39), envelopeEnd: fromToday(170), daysLeft: 39 });
    expect(needsCommittee).toBe(true);
  });

  it("takes the pace of the year's actual statement over its forecast", async () => {
    const product = await createProduct(db(), { primaryIncubatorId: ids.incubator, isPublic: true });
    await createFundingEnvelope(db(), { productId: product.id, funderId: ids.sponsor, amount: 500_000, start: fromToday(-10), end: fromToday(170) });
    const year = today().getUTCFullYear();
    const days = (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / DAY;
    const paying = (nature: "actual" | "forecast", perDay: number) =>
      createBudgetStatement(db(), {
        productId: product.id,
        year,
        nature,
        lines: [{ activity: "development", resource: "external_services", committed: days * perDay, paid: days * perDay }],
      });
    await paying("forecast", 10_000);
    // 5 000 € a day: 500 000 € last 100 days from the envelope's start.
    await paying("actual", 5_000);
    expect((await loadRunway(product.id)).runway).toMatchObject({ cause: "money", runsOutOn: fromToday(89), daysLeft: 89 });
  });

  it("is not flagged without current granted money", async () => {
    const product = await createProduct(db(), { primaryIncubatorId: ids.incubator, isPublic: true });
    await createFundingEnvelope(db(), { productId: product.id, funderId: ids.sponsor, amount: 500_000, start: fromToday(-10), end: fromToday(10), status: "requested" });
    expect(await loadRunway(product.id)).toMatchObject({ runway: { status: "unfunded" }, needsCommittee: false });
  });
});

describe("the 45-day flag in the portfolio", () => {
  const staff: Actor = {
    userId: "00000000-0000-4000-8000-000000000001",
    grants: [{ role: "coach", incubatorId: "", productId: null, organisationId: null, committeeSessionId: null, isIntrapreneur: false }],
  };

  it("flags in SQL the products the runway flags, for those who read their funding only", async () => {
    const actor: Actor = { ...staff, grants: [{ ...staff.grants[0], incubatorId: ids.incubator }] };
    const products = await db().product.findMany({ where: { primaryIncubatorId: ids.incubator }, select: { id: true, slug: true } });
    const expected: string[] = [];
    for (const product of products) if ((await loadRunway(product.id)).needsCommittee) expected.push(product.slug);
    // The runway tests above leave two flagged products, and the others not.
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(expected.length).toBeLessThan(products.length);

    const resolved = await resolvePortfolioQuery(readPortfolioQuery(new URLSearchParams("financement=a-echeance&tri=nom")));
    if (!resolved.success) throw new Error(JSON.stringify(resolved.errors));
    const flagged = await listPortfolio(actor, resolved.query, 1);
    expect(flagged.products.map((p) => p.slug).sort()).toEqual([...expected].sort());
    expect(flagged.products.every((p) => p.fundingDue)).toBe(true);
    const all = await listPortfolio(actor, { ...resolved.query, fundingDue: false }, 1);
    expect(all.products.filter((p) => p.fundingDue).map((p) => p.slug).sort()).toEqual([...expected].sort());

    // The public sees the public products, never their funding.
    expect((await listPortfolio(null, resolved.query, 1)).products).toEqual([]);
    expect((await listPortfolio(null, { ...resolved.query, fundingDue: false }, 1)).products.some((p) => p.fundingDue)).toBe(false);
    const wrong = await resolvePortfolioQuery(readPortfolioQuery(new URLSearchParams("financement=oui")));
    expect(wrong).toMatchObject({ success: false, errors: { financement: [expect.stringContaining("Financement à échéance")] } });
  });
});
