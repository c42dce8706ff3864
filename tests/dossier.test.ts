// A product's committee dossier: built from live data (the previous decision and its conditions, the
// objectives of the previous committee beside this one's results), drafted and submitted by the team,
// frozen on submission, versioned until the deadline, read by the committee (submitted versions only),
// printed and downloaded as a PDF whose text is checked with pdfjs.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/auth/permissions";
import { DossierContentSchema, readSnapshot, type DossierContent } from "~/committees/dossier-content";
import { buildDossierContent } from "~/committees/dossier-content.server";
import { nextSessionDossier } from "~/committees/dossiers.server";
import { dossierOutline, type DossierOutline } from "~/committees/dossier-outline";
import { EMPTY_SECTIONS, LONG_TEXT_MAX } from "~/committees/dossier-sections";
import { DossierView } from "~/committees/dossier-view";
import {
  assignRole,
  createCommitteeSession,
  createBudgetStatement,
  createFundingEnvelope,
  createIncubator,
  createIndicator,
  createOrganisation,
  createProduct,
  createUser,
  recordDecision,
} from "~/db/seed/factories.server";
import { day } from "~/domain/days";
import { winAnsiText } from "~/pdf/document.server";
import { action, loader } from "~/routes/comites.$id.dossiers.$slug._index";
import { loader as printLoader } from "~/routes/comites.$id.dossiers.$slug.imprimer";
import { loader as pdfLoader } from "~/routes/comites.$id.dossiers.$slug[.pdf]";
import { setupTestDatabase } from "./support/db";
import { outcome, post, signIn, thrownStatus } from "./support/route-calls";
import { routeArgs } from "./support/routes";
import { pdfText } from "./support/pdf";

const db = setupTestDatabase();

const DAY_MS = 86_400_000;
const now = Date.now();
const PREVIOUS_CRITERIA = "Atteindre 5 000 usagers actifs par mois et une satisfaction de 4/5.";
const RESULTS = "Nous avons atteint 4 200 usagers actifs ; l’œuvre « essentielle » a coûté 12 000 €.";

let product: { id: string; slug: string; name: string };
let otherProduct: { slug: string };
let session: { id: string };
let lateSession: { id: string };
let indicatorId: string;
const users: Record<string, { id: string; name: string }> = {};
const cookies: Record<string, string> = {};
let intrapreneurActor: Actor;

beforeAll(async () => {
  const incubator = await createIncubator(db(), { name: "La Fabrique numérique" });
  const sponsor = await createOrganisation(db(), { name: "Direction du numérique", acronym: "DINUM" });
  product = await createProduct(db(), {
    slug: "mon-dossier",
    name: "Mon Dossier Œuvré",
    pitch: "Le service qui simplifie les démarches des apprenti·es.",
    primaryIncubatorId: incubator.id,
    isPublic: false,
    sponsorIds: [sponsor.id],
    phases: [
      { phase: "investigation", start: "2025-09-01", end: "2025-11-03" },
      { phase: "construction", start: "2025-11-03" },
    ],
  });
  otherProduct = await createProduct(db(), { slug: "hors-ordre-du-jour", primaryIncubatorId: incubator.id });

  const person = async (key: string, name: string, grant: Omit<Parameters<typeof assignRole>[1], "userId"> | null) => {
    users[key] = await createUser(db(), { name });
    if (grant) await assignRole(db(), { ...grant, userId: users[key].id });
    cookies[key] = await signIn(users[key].id);
  };
  await person("intrapreneur", "Ilona Intra", { role: "team_member", productId: product.id, isIntrapreneur: true, title: "intrapreneure" });
  await person("developer", "Dev Eloppeur", { role: "team_member", productId: product.id, title: "développeur" });
  await person("committee", "Côme Comité", { role: "committee_member", incubatorId: incubator.id });
  await person("outsider", "Oscar Dehors", null);
  intrapreneurActor = {
    userId: users.intrapreneur.id,
    grants: [{ role: "team_member", productId: product.id, isIntrapreneur: true, incubatorId: null, organisationId: null, committeeSessionId: null }],
  };

  // The previous committee: its dossier set the objectives, its decision (corrected once) the conditions.
  const previous = await createCommitteeSession(db(), {
    incubatorId: incubator.id,
    title: "Comité de novembre 2025",
    startsAt: new Date("2025-11-03T09:00:00Z"),
    status: "held",
    productIds: [product.id],
  });
  await db().dossier.create({
    data: {
      productId: product.id,
      sessionId: previous.id,
      version: 1,
      status: "submitted",
      sections: { ...EMPTY_SECTIONS, askSuccessCriteria: PREVIOUS_CRITERIA },
      snapshot: {},
      submittedAt: new Date("2025-10-27T10:00:00Z"),
    },
  });
  const mistaken = await recordDecision(db(), { productId: product.id, sessionId: previous.id, decidedOn: "2025-11-03", outcome: "stop" });
  await recordDecision(db(), {
    productId: product.id,
    sessionId: previous.id,
    decidedOn: "2025-11-03",
    outcome: "next_phase",
    targetPhase: "construction",
    correctsId: mistaken.id,
    rationale: "Le comité salue l’investigation et lance la construction.",
    budgetEuros: 250_000,
    conditions: [
      { description: "Recruter une designer", status: "met", resolvedAt: new Date("2026-01-15T10:00:00Z"), dueDate: "2026-01-31" },
      { description: "Publier la page de statistiques", status: "not_met", dueDate: "2026-03-31" },
      { description: "Mesurer la satisfaction", status: "open" },
    ],
  });

  const indicator = await createIndicator(db(), {
    productId: product.id,
    name: "Usagers actifs mensuels",
    matrixCode: "mau",
    values: [
      { periodStart: "2026-07-01", value: 3000 },
      { periodStart: "2026-08-01", value: 3600 },
      { periodStart: "2026-09-01", value: 4200 },
    ],
    targets: { create: [{ value: 5000, dueDate: day("2027-05-31") }] },
  });
  indicatorId = indicator.id;
  await createFundingEnvelope(db(), { productId: product.id, funderId: sponsor.id, amount: 250_000, start: "2026-01-01", end: "2026-12-31" });
  await createFundingEnvelope(db(), {
    productId: product.id,
    funderId: sponsor.id,
    amount: "300000",
    start: "2027-01-01",
    end: "2027-06-30",
    status: "requested",
  });
  await createBudgetStatement(db(), {
    productId: product.id,
    year: 2026,
    nature: "forecast",
    lines: [
      { activity: "development", resource: "external_services", committed: 130_000, paid: "120000.50" },
      { activity: "hosting", resource: "software", committed: 30_000, paid: 30_000 },
    ],
  });

  session = await createCommitteeSession(db(), {
    incubatorId: incubator.id,
    title: "Comité de décembre 2026",
    startsAt: new Date(now + 30 * DAY_MS),
    dossierDeadline: new Date(now + 20 * DAY_MS),
    productIds: [product.id],
  });
  lateSession = await createCommitteeSession(db(), {
    incubatorId: incubator.id,
    title: "Comité tardif",
    startsAt: new Date(now + 3 * DAY_MS),
    dossierDeadline: new Date(now - DAY_MS),
    productIds: [product.id],
  });
});

const pagePath = (sessionId: string, slug: string) => `/comites/${sessionId}/dossiers/${slug}`;
const params = (sessionId = session.id, slug = product.slug) => ({ id: sessionId, slug });
type PageData = Awaited<ReturnType<typeof loader>>["data"];
const readPage = async (cookie: string, query = "", sessionId = session.id) =>
  outcome(await loader(routeArgs(`${pagePath(sessionId, product.slug)}${query}`, { cookie, params: params(sessionId) }))).data as PageData;
const send = (cookie: string | null, body: Record<string, string>, sessionId = session.id) =>
  action(post(pagePath(sessionId, product.slug), cookie, body, params(sessionId)));

const COMPLETE = {
  problem: "Les apprenti·es perdent des semaines à trouver une entreprise.",
  pastStrategy: "Construire une première version et la tester dans deux régions.",
  results: RESULTS,
  learnings: "Les entreprises répondent mieux par téléphone.",
  demoUrl: "https://demo.exemple.gouv.fr",
  nextStrategy: "Déployer dans cinq régions.",
  askTeam: "Une développeuse, un designer, un chargé de déploiement",
  askBudgetEuros: "250 000",
  askHypotheses: "Les CFA relaient le service.",
  askSuccessCriteria: "10 000 usagers actifs par mois.",
  blockers: "",
};

const blocksOf = (outline: DossierOutline, id: string) => outline.sections.find((s) => s.id === id)?.blocks ?? [];
/** The outline's words, with the no-break spaces of French number formatting as plain spaces. */
const outlineText = (outline: DossierOutline) => JSON.stringify(outline).replace(/[\u00a0\u202f]/g, " ");

describe("building the dossier from live data", () => {
  let content: DossierContent;

  beforeAll(async () => {
    content = await buildDossierContent(
      intrapreneurActor,
      product.id,
      { id: session.id, title: "Comité de décembre 2026", startsAt: new Date(now + 30 * DAY_MS), incubator: { name: "La Fabrique numérique" } },
      { ...EMPTY_SECTIONS, results: RESULTS },
    );
  });

  it("is plain JSON that reads back as it was written", () => {
    const stored = JSON.parse(JSON.stringify(content));
    expect(readSnapshot(stored)).toEqual(content);
    expect(DossierContentSchema.safeParse({ ...stored, format: 2 }).success).toBe(false);
    // A dossier frozen before envelopes keeps its year × funder table.
    const legacy = {
      rows: [{ year: 2025, funder: "DINUM", granted: 200_000, committed: 0, paid: 180_000.5, requested: 0 }],
      totals: { granted: 200_000, committed: 0, paid: 180_000.5, requested: 0 },
    };
    const old = readSnapshot({ ...stored, funding: legacy });
    expect(old.funding).toEqual(legacy);
    expect(blocksOf(dossierOutline(old), "financement")).toEqual([
      expect.objectContaining({ kind: "table", caption: "Financement par année et par financeur" }),
    ]);
  });

  it("holds the product, its phase, team, funding and indicators", () => {
    expect(content.product).toMatchObject({ name: product.name, primaryIncubator: "La Fabrique numérique", sponsors: ["Direction du numérique (DINUM)"] });
    expect(content.phase).toMatchObject({ phase: "construction", since: "2025-11-03" });
    expect(content.team.map((m) => [m.name, m.isIntrapreneur])).toEqual([
      ["Ilona Intra", true],
      ["Dev Eloppeur", false],
    ]);
    expect(content.funding).toEqual({
      envelopes: [
        { funder: "Direction du numérique (DINUM)", amount: 250_000, startDate: "2026-01-01", endDate: "2026-12-31", origin: "sponsor_budget", status: "granted", fromDecision: false },
        { funder: "Direction du numérique (DINUM)", amount: 300_000, startDate: "2027-01-01", endDate: "2027-06-30", origin: "sponsor_budget", status: "requested", fromDecision: false },
      ],
      totals: { granted: 250_000, requested: 300_000, fast: 0 },
      shares: [{ funder: "Direction du numérique (DINUM)", granted: 250_000, share: 10_000 }],
      budget: [{ year: 2026, nature: "forecast", committed: 160_000, paid: 150_000.5 }],
    });
    const text = outlineText(dossierOutline(content));
    expect(text).toContain("150 000,50 €");
    expect(text).toContain("250 000,00 €");
    expect(text).toContain("du 1 janvier 2027 au 30 juin 2027");
    expect(content.indicators).toHaveLength(1);
    expect(content.indicators[0]).toMatchObject({
      name: "Usagers actifs mensuels",
      series: [
        { periodStart: "2026-07-01", value: 3000 },
        { periodStart: "2026-08-01", value: 3600 },
        { periodStart: "2026-09-01", value: 4200 },
      ],
      targets: [{ dueDate: "2027-05-31", value: 5000 }],
    });
    expect(content.indicators[0].summary).toContain("Dernière valeur");
    // The year in progress counts its granted envelope, divided by the latest monthly active users.
    expect(content.costPerUse.euros).toBeCloseTo(250_000 / 4200, 2);
    // The corrected decision gives way to its correction on the charts too.
    expect(content.markers.decisions).toEqual([{ date: "2025-11-03", outcome: "next_phase", targetPhase: "construction" }]);
  });

  it("shows each indicator as a figure: title, summary, chart and the table of the same values", () => {
    const outline = dossierOutline(content);
    const figure = blocksOf(outline, "indicateurs").find((b) => b.kind === "figure");
    expect(figure).toMatchObject({
      title: "Usagers actifs mensuels",
      chart: { frequency: "monthly", series: [{ value: 3000 }, { value: 3600 }, { value: 4200 }] },
      tables: [{ caption: "Cibles de l'indicateur « Usagers actifs mensuels »" }, { caption: "Valeurs de l'indicateur « Usagers actifs mensuels »" }],
    });
    const html = renderToString(createElement(DossierView, { outline }));
    expect(html.match(/<figure/g)).toHaveLength(1);
    expect(html).toContain("<figcaption>");
    expect(html).toContain("<caption>Valeurs de l&#x27;indicateur « Usagers actifs mensuels »</caption>");
    // The canvas is drawn in the browser only.
    expect(html).not.toContain("<canvas");
  });

  it("carries the previous decision (its correction) with each condition's status", () => {
    expect(content.previousDecision).toMatchObject({
      decidedOn: "2025-11-03",
      sessionTitle: "Comité de novembre 2025",
      outcome: "next_phase",
      targetPhase: "construction",
      budgetEuros: 250_000,
    });
    expect(content.previousDecision?.conditions.map((c) => [c.description, c.status])).toEqual([
      ["Recruter une designer", "met"],
      ["Publier la page de statistiques", "not_met"],
      ["Mesurer la satisfaction", "open"],
    ]);
    const table = blocksOf(dossierOutline(content), "decision-precedente").find((b) => b.kind === "table");
    expect(table?.kind === "table" && table.rows.map((row) => row[3])).toEqual(["Remplie (le 15 janvier 2026)", "Non remplie", "En cours"]);
  });

  it("sets the objectives accepted at the previous committee beside this one's results", () => {
    expect(content.previousObjectives).toMatchObject({ sessionTitle: "Comité de novembre 2025", version: 1, successCriteria: PREVIOUS_CRITERIA });
    expect(blocksOf(dossierOutline(content), "objectifs-et-resultats")).toEqual([
      {
        kind: "comparison",
        items: [
          { title: "Critères de réussite acceptés au comité du 3 novembre 2025", text: PREVIOUS_CRITERIA },
          { title: "Résultats obtenus", text: RESULTS },
        ],
      },
    ]);
  });
});

describe("drafting and submitting", () => {
  it("refuses invalid sections (400) and writes nothing", async () => {
    const result = outcome(
      await send(cookies.intrapreneur, {
        ...COMPLETE,
        intent: "submit",
        results: "",
        demoUrl: "javascript:alert(1)",
        askBudgetEuros: "beaucoup",
        problem: "x".repeat(LONG_TEXT_MAX + 1),
      }),
    );
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({
      errors: {
        results: [expect.stringContaining("résultats")],
        demoUrl: [expect.stringContaining("https://")],
        askBudgetEuros: [expect.stringContaining("montant")],
        problem: [expect.stringContaining("5000 caractères")],
      },
    });
    expect(outcome(await send(cookies.intrapreneur, {})).status).toBe(400);
    expect(await db().dossier.count({ where: { sessionId: session.id } })).toBe(0);
  });

  it("lets the team save a draft the committee cannot read", async () => {
    const saved = outcome(await send(cookies.developer, { ...COMPLETE, intent: "save", results: "Premier jet" }));
    expect(saved).toMatchObject({ status: 302, location: pagePath(session.id, product.slug) });
    const row = await db().dossier.findFirstOrThrow({ where: { sessionId: session.id } });
    expect(row).toMatchObject({ version: 1, status: "draft", snapshot: null, submittedAt: null });
    expect(row.sections).toMatchObject({ results: "Premier jet", askBudgetEuros: 250_000 });

    const asCommittee = await readPage(cookies.committee);
    expect(asCommittee.versions).toEqual([]);
    expect(asCommittee.shown).toBeNull();
    expect(asCommittee.draft).toBeNull();
    expect((await thrownStatus(loader(routeArgs(`${pagePath(session.id, product.slug)}?version=1`, { cookie: cookies.committee, params: params() })))).status).toBe(404);
    expect((await thrownStatus(pdfLoader(routeArgs(`${pagePath(session.id, product.slug)}.pdf`, { cookie: cookies.committee, params: params() })))).status).toBe(404);
    expect((await thrownStatus(send(cookies.committee, { ...COMPLETE, intent: "submit" }))).status).toBe(403);

    // The team reads its draft, built from live data.
    const asTeam = await readPage(cookies.intrapreneur, "?version=1");
    expect(asTeam.shown).toMatchObject({ version: 1, status: "draft" });
    expect(asTeam.shown?.line).toContain("Brouillon");
    expect((await readPage(cookies.intrapreneur)).draft).toMatchObject({ version: 1, values: { results: "Premier jet", askBudgetEuros: "250000" } });
  });

  it("freezes the dossier on submission: later changes to the product do not alter it", async () => {
    const submitted = outcome(await send(cookies.intrapreneur, { ...COMPLETE, intent: "submit" }));
    expect(submitted).toMatchObject({ status: 302, location: `${pagePath(session.id, product.slug)}?version=1` });
    const row = await db().dossier.findFirstOrThrow({ where: { sessionId: session.id, version: 1 } });
    expect(row).toMatchObject({ status: "submitted", submittedById: users.intrapreneur.id });
    expect(row.submittedAt).not.toBeNull();
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "dossier.submitted", entityId: row.id } });
    expect(audit).toMatchObject({ actorId: users.intrapreneur.id, entityType: "Dossier", data: { version: 1, sessionId: session.id } });

    const frozen = readSnapshot(row.snapshot);
    expect(frozen.sections.results).toBe(RESULTS);
    expect(frozen.product.pitch).toBe("Le service qui simplifie les démarches des apprenti·es.");

    await db().product.update({ where: { id: product.id }, data: { pitch: "Un tout autre pitch." } });
    await db().indicatorValue.update({
      where: { indicatorId_periodStart: { indicatorId, periodStart: day("2026-09-01") } },
      data: { value: 9999 },
    });

    const after = await db().dossier.findFirstOrThrow({ where: { id: row.id } });
    expect(readSnapshot(after.snapshot)).toEqual(frozen);
    const asCommittee = await readPage(cookies.committee);
    expect(asCommittee.shown).toMatchObject({ version: 1, status: "submitted" });
    const text = outlineText(asCommittee.shown!.outline);
    expect(text).toContain("Le service qui simplifie les démarches des apprenti·es.");
    expect(text).not.toContain("Un tout autre pitch.");
    expect(text).toContain("4 200");
    expect(text).not.toContain("9 999");
    expect(asCommittee.versions.map((v) => [v.version, v.status, v.by])).toEqual([[1, "submitted", "Ilona Intra"]]);
  });

  it("creates no version when nothing changed since the submitted one", async () => {
    const unchanged = outcome(await send(cookies.intrapreneur, { ...COMPLETE, intent: "save" }));
    expect(unchanged.status).toBe(302);
    expect(await db().dossier.count({ where: { sessionId: session.id } })).toBe(1);
  });

  it("submits a new version before the deadline, keeping the first one beside it", async () => {
    const form = (await readPage(cookies.intrapreneur)).draft;
    // The next version starts from the last sections.
    expect(form).toMatchObject({ version: 2, values: { results: RESULTS } });
    expect(outcome(await send(cookies.intrapreneur, { ...COMPLETE, intent: "save", results: "Résultats mis à jour" })).status).toBe(302);
    expect(outcome(await send(cookies.developer, { ...COMPLETE, intent: "submit", results: "Résultats mis à jour" })).status).toBe(302);

    const rows = await db().dossier.findMany({ where: { sessionId: session.id }, orderBy: { version: "asc" } });
    expect(rows.map((r) => [r.version, r.status, r.submittedById])).toEqual([
      [1, "submitted", users.intrapreneur.id],
      [2, "submitted", users.developer.id],
    ]);
    // Version 2 was built after the changes; version 1 still says what it said.
    expect(readSnapshot(rows[1].snapshot).product.pitch).toBe("Un tout autre pitch.");
    expect(readSnapshot(rows[0].snapshot).product.pitch).toBe("Le service qui simplifie les démarches des apprenti·es.");

    const asCommittee = await readPage(cookies.committee);
    expect(asCommittee.shown?.version).toBe(2);
    expect(asCommittee.versions.map((v) => [v.version, v.by])).toEqual([
      [2, "Dev Eloppeur"],
      [1, "Ilona Intra"],
    ]);
    expect((await readPage(cookies.committee, "?version=1")).shown?.version).toBe(1);
  });

  it("refuses to submit after the deadline, writing nothing", async () => {
    const refused = outcome(await send(cookies.intrapreneur, { ...COMPLETE, intent: "submit" }, lateSession.id));
    expect(refused.status).toBe(409);
    expect(refused.data).toMatchObject({ errors: { form: [expect.stringContaining("La date limite de dépôt était le")] } });
    expect(await db().dossier.count({ where: { sessionId: lateSession.id } })).toBe(0);
    expect((await readPage(cookies.intrapreneur, "", lateSession.id)).refusal).toContain("ne peut plus être modifié ni déposé");
  });
});

describe("who reaches a dossier", () => {
  it("answers an outsider with 404 and the public with sign-in", async () => {
    const get = (cookie?: string, sessionId = session.id, slug = product.slug) =>
      thrownStatus(loader(routeArgs(pagePath(sessionId, slug), { cookie, params: params(sessionId, slug) })));
    expect((await get(cookies.outsider)).status).toBe(404);
    expect((await thrownStatus(send(cookies.outsider, { ...COMPLETE, intent: "save" }))).status).toBe(404);
    expect((await thrownStatus(pdfLoader(routeArgs(`${pagePath(session.id, product.slug)}.pdf`, { cookie: cookies.outsider, params: params() })))).status).toBe(404);
    expect((await get()).location).toBe(`/connexion?redirectTo=${encodeURIComponent(pagePath(session.id, product.slug))}`);
    // A product the session does not review, and an address that names no session.
    expect((await get(cookies.committee, session.id, otherProduct.slug)).status).toBe(404);
    expect((await get(cookies.committee, "pas-une-seance")).status).toBe(404);
    expect((await thrownStatus(loader(routeArgs(`${pagePath(session.id, product.slug)}?version=abc`, { cookie: cookies.committee, params: params() })))).status).toBe(404);
  });
});

describe("the link from the product's page", () => {
  it("names the next session's dossier to those who may read it, with the latest version they may read", async () => {
    const scope = { productId: product.id, incubatorIds: [], sponsorIds: [], isPublic: false };
    const asTeam = await nextSessionDossier(intrapreneurActor, scope);
    // The nearest session ahead is the late one, whose deadline has passed with nothing written.
    expect(asTeam).toMatchObject({ sessionId: lateSession.id, mayWrite: true, latest: null });
    expect(await nextSessionDossier(intrapreneurActor, scope, new Date(now + 10 * DAY_MS))).toMatchObject({
      sessionId: session.id,
      latest: { version: 2, status: "submitted" },
    });
    expect(await nextSessionDossier({ userId: users.outsider.id, grants: [] }, scope)).toBeNull();
    expect(await nextSessionDossier(null, scope)).toBeNull();
  });
});

describe("printing and downloading", () => {
  it("gives the printable page of a submitted version", async () => {
    const page = (await printLoader(routeArgs(`${pagePath(session.id, product.slug)}/imprimer?version=1`, { cookie: cookies.committee, params: params() })));
    expect(page).toMatchObject({ version: 1, draft: false, outline: { title: `Dossier de ${product.name}` } });
  });

  it("downloads the submitted version as a PDF with the product's name, the team's text and the previous decision", async () => {
    const response = await pdfLoader(routeArgs(`${pagePath(session.id, product.slug)}.pdf?version=1`, { cookie: cookies.committee, params: params() }));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="dossier-${product.slug}-v1.pdf"`);
    const text = await pdfText(response);
    expect(text).toContain("Dossier de Mon Dossier Œuvré");
    expect(text).toContain("Le problème et ses conséquences");
    expect(text).toContain("Les apprenti·es perdent des semaines à trouver une entreprise.");
    expect(text).toContain("l’œuvre « essentielle » a coûté 12 000 €");
    expect(text).toContain("Le comité salue l’investigation et lance la construction.");
    expect(text).toContain("Publier la page de statistiques");
    expect(text).toContain("Non remplie");
    expect(text).toContain(PREVIOUS_CRITERIA);
    expect(text).not.toContain("BROUILLON");
    expect(text).toMatch(/Page 1 sur \d+/);
  });

  it("marks the team's draft as such", async () => {
    expect(outcome(await send(cookies.intrapreneur, { ...COMPLETE, intent: "save", blockers: "Recrutement bloqué — 2 postes ≥ 6 mois" })).status).toBe(302);
    const response = await pdfLoader(routeArgs(`${pagePath(session.id, product.slug)}.pdf`, { cookie: cookies.intrapreneur, params: params() }));
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="dossier-${product.slug}-v3.pdf"`);
    const text = await pdfText(response);
    expect(text).toContain("BROUILLON");
    // What WinAnsi cannot show is replaced by its nearest equivalent, never by garbage.
    expect(text).toContain("Recrutement bloqué — 2 postes >= 6 mois");
  });

  it("keeps French text within WinAnsi", () => {
    expect(winAnsiText("1\u202f250\u00a0€ − 3 → ŝ 😀")).toBe("1\u00a0250\u00a0€ - 3 -> s ?");
    expect(winAnsiText("L’œuvre « Œ » coûte €")).toBe("L’œuvre « Œ » coûte €");
  });
});
