// The portfolio list and its CSV export, called as Remix calls them (real Requests, signed-in
// cookies) against a real database: every filter alone and combined, the accent-insensitive search,
// the sorts, the pages, the export, who sees what, and the SQL current phase against the TypeScript one.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/auth/permissions";
import { createSession } from "~/auth/session.server";
import { config } from "~/config.server";
import {
  assignRole,
  createIndicator,
  createIncubator,
  createMinistry,
  createOrganisation,
  createProduct,
  createUser,
  recordDecision,
  type PhaseInput,
} from "~/db/seed/factories.server";
import { nextReview, parisDay, reviewStatus } from "~/domain/committee-calendar";
import { addMonthsUtc, day, isoDay } from "~/domain/days";
import { currentPhase } from "~/domain/phases";
import { phaseHistorySelect, toPhaseHistory } from "~/products/phase-history.server";
import { csvCell } from "~/products/portfolio-csv.server";
import { allPortfolioRows, type PortfolioQuery, type PortfolioRow } from "~/products/portfolio.server";
import { visibleProductsWhere } from "~/products/visibility.server";
import { loader as portfolioLoader } from "~/routes/_index";
import { loader as incubatorLoader } from "~/routes/incubateurs.$slug";
import { loader as csvLoader } from "~/routes/produits[.]csv";
import { setupTestDatabase } from "./support/db";
import { routeArgs } from "./support/routes";

const db = setupTestDatabase();

const DAY_MS = 24 * 60 * 60 * 1000;
/** A calendar day `days` from today ("2026-03-12"), negative in the past. */
const dayFromToday = (days: number) => isoDay(new Date(Date.now() + days * DAY_MS));
/** A moment `days` ago. */
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);
/** When the decisions of the fixture were published: the public reads published decisions only. */
const PUBLISHED = daysAgo(1);

async function signIn(userId: string): Promise<string> {
  const setCookie = await createSession(userId, "demo", new Request("http://localhost/"));
  return setCookie.split(";")[0];
}

async function list(path: string, cookie?: string) {
  const result = await portfolioLoader(routeArgs(path, { cookie }));
  return { status: result.init?.status ?? 200, view: result.data };
}

const slugs = async (path: string, cookie?: string) => (await list(path, cookie)).view.products.map((p) => p.slug);

/** RFC 4180: quoted cells may hold commas, doubled quotes and line breaks; every line ends with CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i += 2;
      continue;
    }
    if (c === '"') quoted = !quoted;
    else if (quoted) cell += c;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i += 1;
    } else cell += c;
    i += 1;
  }
  if (cell !== "" || row.length > 0) throw new Error("The last line does not end with CRLF");
  return rows;
}

/** Every row an actor sees, all filters off, through the export's batches (small ones here). */
async function everyRow(actor: Actor | null, sort: PortfolioQuery["sort"] = "nom"): Promise<PortfolioRow[]> {
  const query: PortfolioQuery = { phases: [], reviewOverdue: false, staleIndicators: false, sort, direction: "croissant" };
  const rows: PortfolioRow[] = [];
  for await (const batch of allPortfolioRows(actor, query, new Date(), 40)) rows.push(...batch);
  return rows;
}

async function csv(path: string, cookie?: string) {
  const response = await csvLoader(routeArgs(path, { cookie }));
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { response, bytes, text: new TextDecoder().decode(bytes) };
}

const STALE_DAYS = config().staleAfterDays;
let cookies: { coachFabrique: string; coachAtelier: string };
let actors: Record<string, Actor | null>;

beforeAll(async () => {
  const ecologie = await createMinistry(db(), { slug: "ecologie", name: "Ministère de la Transition écologique" });
  const economie = await createMinistry(db(), { slug: "economie", name: "Ministère de l'Économie" });
  const fabrique = await createIncubator(db(), {
    slug: "fabrique-ecologie",
    name: "La Fabrique Numérique",
    ministryId: ecologie.id,
    reviewIntervalMonths: 6,
  });
  const atelier = await createIncubator(db(), {
    slug: "atelier",
    name: "Atelier numérique",
    ministryId: economie.id,
    reviewIntervalMonths: 4,
  });
  const campus = await createIncubator(db(), { slug: "campus", name: "Campus numérique" });
  const pepiniere = await createIncubator(db(), { slug: "pepiniere", name: "Pépinière" });
  const labo = await createIncubator(db(), { slug: "labo", name: "Laboratoire" });
  const dgfip = await createOrganisation(db(), { slug: "dgfip", name: "Direction générale des Finances publiques", acronym: "DGFiP" });
  const cgdd = await createOrganisation(db(), { slug: "cgdd", name: "Commissariat général au développement durable", acronym: "CGDD" });
  const ademe = await createOrganisation(db(), { slug: "ademe", name: "Agence de la transition écologique", acronym: "ADEME" });

  // Active, fresh, its review moved to the future by a correction.
  const ecoTrace = await createProduct(db(), {
    slug: "eco-trace",
    name: "Éco-trace",
    pitch: "Réduire l'empreinte des achats publics au service de l'Écologie.",
    primaryIncubatorId: fabrique.id,
    sponsorIds: [dgfip.id, cgdd.id],
    updatedAt: daysAgo(20),
    phases: [
      { phase: "investigation", start: dayFromToday(-700), end: dayFromToday(-600) },
      { phase: "construction", start: dayFromToday(-600) },
    ],
  });
  const corrected = await recordDecision(db(), { productId: ecoTrace.id, decidedOn: dayFromToday(-100), nextReviewDate: dayFromToday(-10), publishedAt: PUBLISHED });
  // The correction fixes the date too: an earlier decision day, yet it replaces the decision it corrects.
  await recordDecision(db(), {
    productId: ecoTrace.id,
    decidedOn: dayFromToday(-110),
    nextReviewDate: dayFromToday(80),
    correctsId: corrected.id,
    publishedAt: PUBLISHED,
  });
  const ecoIndicator = await createIndicator(db(), { productId: ecoTrace.id, values: [{ periodStart: dayFromToday(-40), value: 120 }] });

  // Co-incubated by the Fabrique; its last decision set no date: the incubator's interval (4 months) applies.
  // Construction and acceleration start the same day: acceleration is current.
  const tresor = await createProduct(db(), {
    slug: "tresor",
    name: "Trésor public simplifié",
    pitch: "Payer ses amendes en trois clics.",
    primaryIncubatorId: atelier.id,
    coIncubatorIds: [fabrique.id],
    sponsorIds: [dgfip.id],
    updatedAt: daysAgo(STALE_DAYS + 40),
    phases: [
      { phase: "investigation", start: dayFromToday(-400), end: dayFromToday(-300) },
      { phase: "acceleration", start: dayFromToday(-300) },
      { phase: "construction", start: dayFromToday(-300), end: dayFromToday(-300) },
    ],
  });
  await recordDecision(db(), { productId: tresor.id, decidedOn: dayFromToday(-240), publishedAt: PUBLISHED });
  const tresorIndicator = await createIndicator(db(), {
    productId: tresor.id,
    values: [
      { periodStart: dayFromToday(-120), value: 10 },
      { periodStart: dayFromToday(-90), value: 12 },
    ],
  });

  // Never reviewed, in the network for years; no indicator.
  await createProduct(db(), {
    slug: "aidants",
    name: "Aidants Connect",
    pitch: "Accompagner les usagers éloignés du numérique.",
    primaryIncubatorId: atelier.id,
    sponsorIds: [ademe.id],
    updatedAt: daysAgo(5),
    phases: [
      { phase: "investigation", start: dayFromToday(-1000), end: dayFromToday(-900) },
      { phase: "construction", start: dayFromToday(-900), end: dayFromToday(-500) },
      { phase: "acceleration", start: dayFromToday(-500) },
    ],
  });

  // Too young to be overdue; an indicator without any value.
  const nouveau = await createProduct(db(), {
    slug: "nouveau",
    name: "Nouveau service",
    pitch: "Faire connaître les Œuvres des musées en région.",
    primaryIncubatorId: campus.id,
    updatedAt: daysAgo(10),
    phases: [{ phase: "investigation", start: dayFromToday(-40) }],
  });
  await createIndicator(db(), { productId: nouveau.id });

  // Ended long ago: never stale nor overdue.
  await createProduct(db(), {
    slug: "archive",
    name: "Archivé",
    primaryIncubatorId: atelier.id,
    updatedAt: daysAgo(1500),
    phases: [
      { phase: "investigation", start: dayFromToday(-2000), end: dayFromToday(-1900) },
      { phase: "abandon-investigation", start: dayFromToday(-1900) },
    ],
  });

  const brouillon = await createProduct(db(), {
    slug: "brouillon",
    name: "Brouillon interne",
    primaryIncubatorId: fabrique.id,
    isPublic: false,
    phases: [{ phase: "construction", start: dayFromToday(-200) }],
  });

  await createProduct(db(), { slug: "sans-phase", name: "Sans phase", primaryIncubatorId: campus.id, updatedAt: daysAgo(2) });

  // A name a spreadsheet would run as a formula, with a comma and quotes. Extended provisionally.
  const formule = await createProduct(db(), {
    slug: "formule",
    name: '=1+1 "Calcul", rapide',
    pitch: "-2 jours de délai",
    primaryIncubatorId: campus.id,
    updatedAt: daysAgo(3),
    phases: [{ phase: "construction", start: dayFromToday(-30) }],
  });
  await recordDecision(db(), { productId: formule.id, decidedOn: dayFromToday(-20), outcome: "extend", publishedAt: PUBLISHED });

  // Three pages of products without phases: outside every phase, status and alert filter.
  for (let i = 1; i <= 120; i++) {
    const n = String(i).padStart(3, "0");
    await createProduct(db(), { slug: `lot-${n}`, name: `Lot ${n}`, primaryIncubatorId: pepiniere.id });
  }

  // Same-day phases, recorded in any order, and a planned phase: private, for the SQL/TypeScript check.
  const ties: Record<string, PhaseInput[]> = {
    "egalite-1": [
      { phase: "investigation", start: "2024-01-10" },
      { phase: "construction", start: "2024-03-01" },
      { phase: "abandon-investigation", start: "2024-03-01" },
    ],
    "egalite-2": [
      { phase: "abandon", start: "2024-06-03" },
      { phase: "acceleration", start: "2022-06-01" },
      { phase: "transfere", start: "2024-06-03" },
    ],
    "egalite-3": [
      { phase: "consolidation", start: dayFromToday(30) },
      { phase: "acceleration", start: dayFromToday(-10) },
    ],
    "egalite-4": [
      { phase: "construction", start: "2023-05-02" },
      { phase: "investigation", start: "2023-05-02" },
    ],
  };
  for (const [slug, phases] of Object.entries(ties)) {
    const { id } = await createProduct(db(), { slug, name: slug, primaryIncubatorId: labo.id, isPublic: false, phases });
    // Stopped by a committee, its history not yet closed: no review is due.
    if (slug === "egalite-3") await recordDecision(db(), { productId: id, decidedOn: dayFromToday(-5), outcome: "stop" });
  }

  // Seen by the Atelier's staff through co-incubation only.
  await createProduct(db(), {
    slug: "co-prive",
    name: "Co-incubation privée",
    primaryIncubatorId: labo.id,
    coIncubatorIds: [atelier.id],
    isPublic: false,
  });

  // Saving times are set by the database; these values were saved long ago or yesterday.
  await db().$executeRaw`UPDATE "IndicatorValue" SET "updatedAt" = ${daysAgo(STALE_DAYS + 30)} WHERE "indicatorId" = ${tresorIndicator.id}::uuid`;
  await db().$executeRaw`UPDATE "IndicatorValue" SET "updatedAt" = ${daysAgo(1)} WHERE "indicatorId" = ${ecoIndicator.id}::uuid`;

  const coachFabrique = await createUser(db());
  await assignRole(db(), { userId: coachFabrique.id, role: "coach", incubatorId: fabrique.id });
  const coachAtelier = await createUser(db());
  await assignRole(db(), { userId: coachAtelier.id, role: "coach", incubatorId: atelier.id });
  cookies = { coachFabrique: await signIn(coachFabrique.id), coachAtelier: await signIn(coachAtelier.id) };

  const grant = { incubatorId: null, productId: null, organisationId: null, committeeSessionId: null, isIntrapreneur: false };
  actors = {
    public: null,
    coachFabrique: { userId: coachFabrique.id, grants: [{ ...grant, role: "coach", incubatorId: fabrique.id }] },
    coachAtelier: { userId: coachAtelier.id, grants: [{ ...grant, role: "coach", incubatorId: atelier.id }] },
    committeeLabo: { userId: "u1", grants: [{ ...grant, role: "committee_member", incubatorId: labo.id }] },
    teamBrouillon: { userId: "u2", grants: [{ ...grant, role: "team_member", productId: brouillon.id }] },
    investorCgdd: { userId: "u3", grants: [{ ...grant, role: "investor", organisationId: cgdd.id }] },
    platformAdmin: { userId: "u4", grants: [{ ...grant, role: "platform_admin" }] },
  };
  await db().productSponsor.create({ data: { productId: brouillon.id, organisationId: cgdd.id } });
});

describe("filters", () => {
  it("by current phase, one or several", async () => {
    expect(await slugs("/?phase=acceleration")).toEqual(["aidants", "tresor"]);
    expect(await slugs("/?phase=acceleration&phase=investigation")).toEqual(["aidants", "nouveau", "tresor"]);
    expect(await slugs("/?phase=construction")).toEqual(["formule", "eco-trace"]);
    expect(await slugs("/?phase=abandon-investigation")).toEqual(["archive"]);
    expect((await list("/?phase=acceleration&phase=acceleration")).view.filters?.phase).toEqual(["acceleration"]);
  });

  it("by status: active or ended", async () => {
    expect(await slugs("/?statut=actifs")).toEqual(["formule", "aidants", "eco-trace", "nouveau", "tresor"]);
    expect(await slugs("/?statut=termines")).toEqual(["archive"]);
  });

  it("by incubator, co-incubated products included", async () => {
    expect(await slugs("/?incubateur=fabrique-ecologie")).toEqual(["eco-trace", "tresor"]);
    expect(await slugs("/?incubateur=atelier")).toEqual(["aidants", "archive", "tresor"]);
  });

  it("by ministry: the ministry of the primary incubator or of a co-incubator", async () => {
    expect(await slugs("/?ministere=ecologie")).toEqual(["eco-trace", "tresor"]);
    expect(await slugs("/?ministere=economie")).toEqual(["aidants", "archive", "tresor"]);
  });

  it("by sponsor", async () => {
    expect(await slugs("/?sponsor=dgfip")).toEqual(["eco-trace", "tresor"]);
    expect(await slugs("/?sponsor=ademe")).toEqual(["aidants"]);
  });

  it("overdue reviews: a past review date (the decision's, else the incubator's interval), or no decision after six months", async () => {
    expect(await slugs("/?revue=en-retard")).toEqual(["aidants", "tresor"]);
    const { view } = await list("/?statut=actifs");
    const byslug = Object.fromEntries(view.products.map((p) => [p.slug, p]));
    // The correction replaced a past date with a future one.
    expect(byslug["eco-trace"].nextReview?.toISOString().slice(0, 10)).toBe(dayFromToday(80));
    expect(byslug["eco-trace"].reviewOverdue).toBe(false);
    // Decided 240 days ago without a date: four months later (the Atelier's interval), now past.
    const fallback = new Date(`${dayFromToday(-240)}T00:00:00Z`);
    fallback.setUTCMonth(fallback.getUTCMonth() + 4);
    expect(byslug.tresor.nextReview?.toISOString()).toBe(fallback.toISOString());
    // Never reviewed: six months after its history starts.
    expect(byslug.aidants.nextReview?.toISOString()).toBe(addMonthsUtc(day(dayFromToday(-1000)), 6).toISOString());
    expect(byslug.nouveau.reviewOverdue).toBe(false);
    // A provisional extension: two months.
    expect(byslug.formule.nextReview?.toISOString()).toBe(addMonthsUtc(day(dayFromToday(-20)), 2).toISOString());
  });

  it("stale indicators: no value saved within the staleness period, or no indicator at all", async () => {
    expect(await slugs("/?indicateurs=en-retard")).toEqual(["formule", "aidants", "nouveau", "tresor"]);
  });

  it("combine", async () => {
    expect(await slugs("/?statut=actifs&sponsor=dgfip&revue=en-retard")).toEqual(["tresor"]);
    expect(await slugs("/?phase=acceleration&ministere=ecologie")).toEqual(["tresor"]);
    expect(await slugs("/?indicateurs=en-retard&incubateur=atelier&recherche=tresor")).toEqual(["tresor"]);
    expect(await slugs("/?phase=investigation&sponsor=dgfip")).toEqual([]);
  });

  it("treat empty fields as no filter", async () => {
    const { status, view } = await list("/?phase=&statut=&incubateur=&ministere=&sponsor=&revue=&indicateurs=&recherche=%20&tri=&ordre=&page=");
    expect(status).toBe(200);
    expect(view.total).toBe(127);
  });
});

describe("search", () => {
  it("ignores accents and case, on both sides, in the name and the pitch", async () => {
    for (const term of ["ecologie", "ÉCOLOGIE", "écologie", "Ecologie"]) {
      expect(await slugs(`/?recherche=${encodeURIComponent(term)}`), term).toEqual(["eco-trace"]);
    }
    for (const term of ["tresor", "TRÉSOR", "trésor public"]) {
      expect(await slugs(`/?recherche=${encodeURIComponent(term)}`), term).toEqual(["tresor"]);
    }
    expect(await slugs("/?recherche=amendes")).toEqual(["tresor"]);
  });

  it("spells out ligatures and matches typographic apostrophes", async () => {
    expect(await slugs(`/?recherche=${encodeURIComponent("oeuvres")}`)).toEqual(["nouveau"]);
    expect(await slugs(`/?recherche=${encodeURIComponent("l’empreinte")}`)).toEqual(["eco-trace"]);
  });

  it("takes LIKE's wildcards literally", async () => {
    expect(await slugs("/?recherche=%25")).toEqual([]);
    expect(await slugs("/?recherche=_")).toEqual([]);
    expect(await slugs(`/?recherche=${encodeURIComponent("lot_0")}`)).toEqual([]);
  });
});

describe("sorting", () => {
  it("by name, accents and case ignored, both ways", async () => {
    expect(await slugs("/?statut=actifs&tri=nom&ordre=decroissant")).toEqual(["tresor", "nouveau", "eco-trace", "aidants", "formule"]);
  });

  it("by current phase in the lifecycle, products without a phase last", async () => {
    expect(await slugs("/?statut=actifs&tri=phase")).toEqual(["nouveau", "formule", "eco-trace", "aidants", "tresor"]);
    expect(await slugs("/?incubateur=campus&tri=phase")).toEqual(["nouveau", "formule", "sans-phase"]);
    expect(await slugs("/?incubateur=campus&tri=phase&ordre=decroissant")).toEqual(["formule", "nouveau", "sans-phase"]);
  });

  it("by last update, the most recent first unless asked otherwise", async () => {
    expect(await slugs("/?statut=actifs&tri=mise-a-jour")).toEqual(["eco-trace", "formule", "aidants", "nouveau", "tresor"]);
    expect(await slugs("/?statut=actifs&tri=mise-a-jour&ordre=croissant")).toEqual(["tresor", "nouveau", "aidants", "formule", "eco-trace"]);
  });

  it("by next review, the most overdue first, unknown dates last", async () => {
    expect(await slugs("/?statut=actifs&tri=revue")).toEqual(["aidants", "tresor", "formule", "eco-trace", "nouveau"]);
    expect(await slugs("/?statut=actifs&tri=revue&ordre=decroissant")).toEqual(["nouveau", "eco-trace", "formule", "tresor", "aidants"]);
    expect(await slugs("/?incubateur=campus&tri=revue")).toEqual(["formule", "nouveau", "sans-phase"]);
  });
});

describe("rows", () => {
  it("show the pitch, the sponsors, the last update and the staleness flag of active products only", async () => {
    const { view } = await list("/?incubateur=atelier");
    const [aidants, archive, tresor] = view.products;
    expect(tresor).toMatchObject({
      name: "Trésor public simplifié",
      pitch: "Payer ses amendes en trois clics.",
      phase: "acceleration",
      incubator: { slug: "atelier", name: "Atelier numérique" },
      ministry: "Ministère de l'Économie",
      sponsors: [{ slug: "dgfip", name: "Direction générale des Finances publiques", acronym: "DGFiP" }],
      staleDays: STALE_DAYS + 30,
    });
    // The later of the product's update and its indicators' latest values.
    expect(Math.round((Date.now() - tresor.lastUpdate.getTime()) / DAY_MS)).toBe(STALE_DAYS + 30);
    expect(aidants.staleDays).toBeNull();
    expect(archive.staleDays).toBeNull();
    expect(view.staleAfterDays).toBe(STALE_DAYS);
  });

  it("order sponsors by acronym", async () => {
    const { view } = await list("/?recherche=eco-trace");
    expect(view.products[0].sponsors.map((s) => s.acronym)).toEqual(["CGDD", "DGFiP"]);
  });
});

describe("pages", () => {
  it("hold 50 products each, without overlap", async () => {
    const pages = await Promise.all([1, 2, 3].map((page) => list(`/?incubateur=pepiniere&page=${page}`)));
    expect(pages.map((p) => p.view.products.length)).toEqual([50, 50, 20]);
    expect(pages.map((p) => [p.view.total, p.view.pageCount])).toEqual([[120, 3], [120, 3], [120, 3]]);
    const all = pages.flatMap((p) => p.view.products.map((row) => row.slug));
    expect(all).toEqual(Array.from({ length: 120 }, (_, i) => `lot-${String(i + 1).padStart(3, "0")}`));
  });

  it("answer a page past the last one with an empty page, not an error", async () => {
    for (const page of ["4", "99999999999999999999"]) {
      const { status, view } = await list(`/?incubateur=pepiniere&page=${page}`);
      expect(status).toBe(200);
      expect(view.products).toEqual([]);
      expect([view.total, view.pageCount]).toEqual([120, 3]);
    }
  });

  it("refuse a page that is not a number from 1 on, in French", async () => {
    for (const page of ["0", "-1", "abc", "2.5", "1e3"]) {
      const { status, view } = await list(`/?page=${page}`);
      expect(status, page).toBe(400);
      expect(view.errors.page).toEqual(["Le numéro de page doit être un nombre entier à partir de 1, par exemple 2."]);
      expect(view.products).toEqual([]);
    }
  });
});

describe("invalid filters", () => {
  it("answer 400 with French messages by field, never a 500", async () => {
    const cases: Array<[string, string, string]> = [
      ["/?phase=construction&phase=hibernation", "phase", "La phase « hibernation » n'existe pas : choisissez une phase dans la liste."],
      ["/?incubateur=inconnu", "incubateur", "L'incubateur « inconnu » n'existe pas : choisissez un incubateur dans la liste."],
      ["/?ministere=inconnu", "ministere", "Le ministère « inconnu » n'existe pas : choisissez un ministère dans la liste."],
      ["/?sponsor=inconnu", "sponsor", "Le sponsor « inconnu » n'existe pas : choisissez une organisation dans la liste."],
      ["/?statut=dormant", "statut", "Le statut « dormant » n'existe pas : choisissez « actifs » ou « terminés »."],
      ["/?tri=budget", "tri", "Le tri « budget » n'existe pas : choisissez un tri dans la liste."],
      ["/?ordre=aleatoire", "ordre", "L'ordre « aleatoire » n'existe pas : choisissez « croissant » ou « décroissant »."],
      ["/?revue=oui", "revue", "Pour ne voir que les revues en retard, cochez la case « Revue en retard »."],
      [`/?recherche=${"a".repeat(101)}`, "recherche", "La recherche est trop longue : 100 caractères au plus (vous en avez saisi 101)."],
    ];
    for (const [path, field, message] of cases) {
      const { status, view } = await list(path);
      expect(status, path).toBe(400);
      expect(view.errors, path).toEqual({ [field]: [message] });
      expect(view.products).toEqual([]);
      // The form shows what was typed.
      expect(view.values[field as keyof typeof view.values], path).toBeTruthy();
    }
    expect((await list(`/?recherche=${"a".repeat(100)}`)).status).toBe(200);
  });

  it("report every invalid field at once, and keep a pasted value short in messages", async () => {
    const { status, view } = await list(`/?phase=${"x".repeat(60)}&statut=x&page=0`);
    expect(status).toBe(400);
    expect(Object.keys(view.errors).sort()).toEqual(["page", "phase", "statut"]);
    expect(view.errors.phase?.[0]).toBe(`La phase « ${"x".repeat(40)}… » n'existe pas : choisissez une phase dans la liste.`);
  });
});

describe("visibility", () => {
  it("never shows a private product to the public, shows it to its incubator's coach", async () => {
    expect(await slugs("/?recherche=brouillon")).toEqual([]);
    expect((await list("/")).view.products.map((p) => p.slug)).not.toContain("brouillon");
    expect(await slugs("/?recherche=brouillon", cookies.coachFabrique)).toEqual(["brouillon"]);
    expect(await slugs("/?incubateur=fabrique-ecologie", cookies.coachFabrique)).toEqual(["brouillon", "eco-trace", "tresor"]);
    expect(await slugs("/?recherche=brouillon", cookies.coachAtelier)).toEqual([]);
    expect(await slugs("/?recherche=privee", cookies.coachAtelier)).toEqual(["co-prive"]);
    expect(await slugs("/?recherche=privee", cookies.coachFabrique)).toEqual([]);
  });

  it("lists only sponsors of products the viewer sees", async () => {
    const { view } = await list("/");
    expect(view.options.sponsors.map((s) => s.slug)).toEqual(["ademe", "cgdd", "dgfip"]);
  });

  it("agrees with visibleProductsWhere for every kind of viewer", async () => {
    for (const [name, actor] of Object.entries(actors)) {
      const expected = await db().product.findMany({ where: visibleProductsWhere(actor), select: { slug: true } });
      const rows = (await everyRow(actor)).map((r) => r.slug);
      expect([...rows].sort(), name).toEqual(expected.map((p) => p.slug).sort());
      expect(new Set(rows).size).toBe(rows.length);
    }
  });
});

describe("the current phase in SQL", () => {
  it("agrees with currentPhase (TypeScript) on every product, same-day phases and planned ones included", async () => {
    const sql = new Map((await everyRow(actors.platformAdmin, "phase")).map((row) => [row.slug, row.phase]));
    const products = await db().product.findMany({ select: { slug: true, phases: { select: phaseHistorySelect } } });
    expect(sql.size).toBe(products.length);
    for (const product of products) {
      expect(sql.get(product.slug), product.slug).toBe(currentPhase(toPhaseHistory(product.phases)));
    }
    expect(["egalite-1", "egalite-2", "egalite-3", "egalite-4"].map((slug) => sql.get(slug))).toEqual([
      "construction",
      "abandon",
      "acceleration",
      "construction",
    ]);
  });
});

describe("each indicator's latest value, kept by the database", () => {
  /** The indicators whose kept time differs from their latest value's (by period) save time. */
  const drifted = async () =>
    (
      await db().$queryRaw<{ id: string }[]>`
        SELECT i.id FROM "Indicator" i
        WHERE i."latestValueSavedAt" IS DISTINCT FROM
          (SELECT v."updatedAt" FROM "IndicatorValue" v WHERE v."indicatorId" = i.id ORDER BY v."periodStart" DESC LIMIT 1)`
    ).map((row) => row.id);
  const keptTime = async (id: string) =>
    (await db().indicator.findUniqueOrThrow({ where: { id }, select: { latestValueSavedAt: true } })).latestValueSavedAt;

  it("follows every insert, update and delete of values, by any writer, the latest period only", async () => {
    const incubator = await createIncubator(db(), { slug: "valeurs-tenues" });
    const product = await createProduct(db(), { slug: "valeurs-tenues", primaryIncubatorId: incubator.id });
    const at = (day: number) => new Date(Date.UTC(2026, 3, day, 12));
    try {
      const [a, b] = await Promise.all([
        createIndicator(db(), { productId: product.id, values: [{ periodStart: "2026-01-01", value: 1 }] }),
        createIndicator(db(), { productId: product.id }),
      ]);
      expect(await keptTime(b.id)).toBeNull();
      // One statement for two indicators and several periods.
      await db().indicatorValue.createMany({
        data: [
          { indicatorId: a.id, periodStart: day("2026-03-01"), value: 3, updatedAt: at(9) },
          { indicatorId: a.id, periodStart: day("2026-02-01"), value: 2, updatedAt: at(1) },
          { indicatorId: b.id, periodStart: day("2025-12-01"), value: 5, updatedAt: at(4) },
        ],
      });
      expect(await keptTime(a.id)).toEqual(at(9));
      expect(await keptTime(b.id)).toEqual(at(4));
      // Correcting an older period is not keeping the indicator up.
      await db().$executeRaw`UPDATE "IndicatorValue" SET value = 20, "updatedAt" = ${at(5)} WHERE "indicatorId" = ${a.id}::uuid AND "periodStart" = '2026-02-01'`;
      expect(await keptTime(a.id)).toEqual(at(9));
      await db().$executeRaw`UPDATE "IndicatorValue" SET "updatedAt" = ${at(2)} WHERE "indicatorId" = ${a.id}::uuid AND "periodStart" = '2026-03-01'`;
      expect(await keptTime(a.id)).toEqual(at(2));
      // A value moved to another indicator: both are recomputed.
      await db().$executeRaw`UPDATE "IndicatorValue" SET "indicatorId" = ${b.id}::uuid WHERE "indicatorId" = ${a.id}::uuid AND "periodStart" = '2026-03-01'`;
      expect(await keptTime(a.id)).toEqual(at(5));
      expect(await keptTime(b.id)).toEqual(at(2));
      await db().indicatorValue.deleteMany({ where: { indicatorId: b.id } });
      expect(await keptTime(b.id)).toBeNull();
      expect(await drifted()).toEqual([]);
      // Emptying the table (a test reset, a restore) leaves no time behind.
      await expect(
        db().$transaction(async (tx) => {
          await tx.$executeRaw`TRUNCATE "IndicatorValue" CASCADE`;
          expect((await tx.indicator.count({ where: { latestValueSavedAt: { not: null } } }))).toBe(0);
          throw new Error("rolled back");
        }),
      ).rejects.toThrow("rolled back");
      expect(await drifted()).toEqual([]);
    } finally {
      await db().product.delete({ where: { id: product.id } });
    }
  });
});

describe("the next review in SQL", () => {
  it("agrees with nextReview and reviewStatus (committee-calendar.ts) on every product", async () => {
    const rows = await everyRow(actors.platformAdmin, "revue");
    const sql = new Map(rows.map((row) => [row.slug, { nextReview: row.nextReview, reviewOverdue: row.reviewOverdue }]));
    const products = await db().product.findMany({
      select: {
        slug: true,
        phases: { select: phaseHistorySelect },
        decisions: { select: { id: true, outcome: true, decidedOn: true, nextReviewDate: true, correctsId: true, createdAt: true } },
        primaryIncubator: { select: { reviewIntervalMonths: true } },
      },
    });
    const today = parisDay(new Date());
    for (const product of products) {
      const expected = nextReview(toPhaseHistory(product.phases), product.decisions, product.primaryIncubator.reviewIntervalMonths);
      expect(sql.get(product.slug), product.slug).toEqual({
        nextReview: expected?.date ?? null,
        reviewOverdue: expected ? reviewStatus(expected.date, today).urgency === "overdue" : false,
      });
    }
    expect(sql.get("egalite-3")?.nextReview).toBeNull();
  });
});

describe("CSV export (/produits.csv)", () => {
  it("is the current view, every page, as UTF-8 CSV with a BOM, named after today", async () => {
    const { response, bytes, text } = await csv("/produits.csv?statut=actifs&tri=nom&page=2");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const today = new Intl.DateTimeFormat("fr-CA", { timeZone: "Europe/Paris" }).format(new Date());
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="jalon-portefeuille-${today}.csv"`);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(text.replace(/^\uFEFF/, ""));
    expect(rows[0]).toEqual([
      "slug",
      "nom",
      "phase",
      "libelle_phase",
      "incubateur",
      "ministere",
      "sponsors",
      "derniere_mise_a_jour",
      "prochaine_revue",
      "non_mis_a_jour",
    ]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(await slugs("/?statut=actifs&tri=nom"));
    const bySlug = Object.fromEntries(rows.slice(1).map((r) => [r[0], r]));
    expect(bySlug["eco-trace"]).toEqual([
      "eco-trace",
      "Éco-trace",
      "construction",
      "Construction",
      "La Fabrique Numérique",
      "Ministère de la Transition écologique",
      "Commissariat général au développement durable|Direction générale des Finances publiques",
      new Intl.DateTimeFormat("fr-CA", { timeZone: "Europe/Paris" }).format(daysAgo(1)),
      dayFromToday(80),
      "non",
    ]);
    expect(bySlug.tresor.slice(2, 4)).toEqual(["acceleration", "Accélération"]);
    expect(bySlug.tresor[9]).toBe("oui");
    // A formula is neutralised, then quoted for its comma and quotes.
    expect(bySlug.formule[1]).toBe(`'=1+1 "Calcul", rapide`);
    expect(text).toContain(`"'=1+1 ""Calcul"", rapide"`);
  });

  it("leaves the next review of an ended product empty", async () => {
    const rows = parseCsv((await csv("/produits.csv?statut=termines")).text.slice(1));
    expect(rows.slice(1).map((r) => [r[0], r[2], r[8], r[9]])).toEqual([["archive", "abandon-investigation", "", "non"]]);
  });

  it("exports every page of a long list", async () => {
    const { text } = await csv("/produits.csv?incubateur=pepiniere&page=3");
    expect(parseCsv(text.slice(1))).toHaveLength(121);
  });

  it("respects visibility", async () => {
    const slugsOf = async (cookie?: string) => parseCsv((await csv("/produits.csv?incubateur=fabrique-ecologie", cookie)).text.slice(1)).slice(1).map((r) => r[0]);
    expect(await slugsOf()).toEqual(["eco-trace", "tresor"]);
    expect(await slugsOf(cookies.coachFabrique)).toEqual(["brouillon", "eco-trace", "tresor"]);
  });

  it("refuses invalid filters with a French 400", async () => {
    const { response, text } = await csv("/produits.csv?phase=hibernation&incubateur=inconnu");
    expect(response.status).toBe(400);
    expect(response.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(text).toContain("La phase « hibernation » n'existe pas");
    expect((await csv("/produits.csv?incubateur=inconnu")).text).toContain("L'incubateur « inconnu » n'existe pas");
  });

  it("neutralises every cell a spreadsheet would run", () => {
    expect(["=A1", "+33", "-2", "@SUM(A1)", "\tx", "ok", "a,b", 'dit "oui"', "deux\nlignes"].map(csvCell)).toEqual([
      "'=A1",
      "'+33",
      "'-2",
      "'@SUM(A1)",
      "'\tx",
      "ok",
      '"a,b"',
      '"dit ""oui"""',
      '"deux\nlignes"',
    ]);
  });
});

describe("an incubator's page", () => {
  it("reuses the list, filtered on the incubator whatever the address says", async () => {
    const call = async (path: string) => {
      const result = await incubatorLoader(routeArgs(path, { params: { slug: "fabrique-ecologie" } }));
      return { status: result.init?.status ?? 200, data: result.data };
    };
    const all = await call("/incubateurs/fabrique-ecologie?incubateur=atelier");
    expect(all.data.portfolio.products.map((p) => p.slug)).toEqual(["eco-trace", "tresor"]);
    // The form has no incubator or ministry list there: the page does not carry them.
    expect([all.data.portfolio.options.incubators, all.data.portfolio.options.ministries]).toEqual([[], []]);
    expect((await list("/")).view.options.incubators.map((i) => i.slug)).toContain("fabrique-ecologie");
    const accelerating = await call("/incubateurs/fabrique-ecologie?phase=acceleration");
    expect(accelerating.data.portfolio.products.map((p) => p.slug)).toEqual(["tresor"]);
    const invalid = await call("/incubateurs/fabrique-ecologie?tri=budget");
    expect(invalid.status).toBe(400);
    expect(invalid.data.incubator.name).toBe("La Fabrique Numérique");
    expect(invalid.data.portfolio.errors.tri).toBeDefined();
  });
});

describe("what the public reads of a product's reviews and updates", () => {
  it("derives the next review from published decisions and the last update from public indicators only", async () => {
    const incubator = await createIncubator(db(), { slug: "revues-internes" });
    const coach = await createUser(db());
    await assignRole(db(), { userId: coach.id, role: "coach", incubatorId: incubator.id });
    const product = await createProduct(db(), {
      slug: "revue-interne",
      primaryIncubatorId: incubator.id,
      updatedAt: daysAgo(STALE_DAYS + 10),
      phases: [{ phase: "construction", start: dayFromToday(-30) }],
    });
    await recordDecision(db(), { productId: product.id, decidedOn: dayFromToday(-5), nextReviewDate: dayFromToday(400) });
    await createIndicator(db(), { productId: product.id, isPublic: false, values: [{ periodStart: dayFromToday(-3), value: 1 }] });
    try {
      const row = async (cookie?: string) => (await list("/?incubateur=revues-internes", cookie)).view.products[0];
      const staff = await row(await signIn(coach.id));
      expect(isoDay(staff.nextReview ?? new Date(0))).toBe(dayFromToday(400));
      expect(staff.staleDays).toBeNull();
      const anonymous = await row();
      // No published decision: the first review falls six months into the history.
      expect(isoDay(anonymous.nextReview ?? new Date(0))).toBe(isoDay(addMonthsUtc(day(dayFromToday(-30)), 6)));
      expect(anonymous.staleDays).toBe(STALE_DAYS + 10);
    } finally {
      // Out of the other tests' lists, whatever their order.
      await db().decision.deleteMany({ where: { productId: product.id } });
      await db().product.delete({ where: { id: product.id } });
    }
  });
});

describe("the day a phase starts", () => {
  it("turns at midnight in Paris, in SQL as in TypeScript", async () => {
    const incubator = await createIncubator(db(), { slug: "minuit-paris" });
    const product = await createProduct(db(), {
      slug: "minuit",
      primaryIncubatorId: incubator.id,
      isPublic: true,
      phases: [
        { phase: "investigation", start: "2025-06-01" },
        { phase: "construction", start: "2025-12-06" },
      ],
    });
    const query: PortfolioQuery = { phases: [], reviewOverdue: false, staleIndicators: false, incubatorId: incubator.id, sort: "nom", direction: "croissant" };
    const phaseAt = async (instant: string) => {
      const rows: PortfolioRow[] = [];
      for await (const batch of allPortfolioRows(actors.platformAdmin, query, new Date(instant))) rows.push(...batch);
      return rows.map((row) => row.phase);
    };
    const history = toPhaseHistory(await db().phaseEntry.findMany({ where: { productId: product.id }, select: phaseHistorySelect }));
    try {
      // 23:00 UTC on 5 December is midnight on the 6th in Paris (winter time): the new phase is under way.
      expect(await phaseAt("2025-12-05T22:59:00Z")).toEqual(["investigation"]);
      expect(await phaseAt("2025-12-05T23:00:00Z")).toEqual(["construction"]);
      expect(currentPhase(history, new Date("2025-12-05T22:59:00Z"))).toBe("investigation");
      expect(currentPhase(history, new Date("2025-12-05T23:00:00Z"))).toBe("construction");
    } finally {
      await db().product.delete({ where: { id: product.id } });
    }
  });
});
