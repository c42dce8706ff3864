// Importing the public portfolio of beta.gouv.fr: the real sample (tests/fixtures/betagouv-sample,
// 81 products) against the counts of its EXPECTED.json, twice; a corrupted file; a failure in the
// middle of the transaction; the untidy cases, each in a small hand-written folder
// (tests/fixtures/betagouv-messy); and the command itself, run as an operator runs it.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db/connect.server";
import { createUser } from "~/db/seed/factories.server";
import { day, isoDay } from "~/domain/days";
import { currentPhase, orderHistory, type Phase } from "~/domain/phases";
import { ImportSourceError, parseFolder, splitFrontMatter, toDay } from "~/import/betagouv/betagouv-format";
import { committeeOutcome, IMPORTED_SESSION_TITLE, REPORT_KINDS, type ImportReport } from "~/import/betagouv/betagouv-plan";
import { describeImportReport } from "~/import/betagouv/betagouv-report";
import { importBetagouv } from "~/import/betagouv/import.server";
import { projectPath } from "~/project-root.server";
import * as sessionPage from "~/routes/comites.$id._index";
import * as minutesPage from "~/routes/comites.$id.proces-verbal";
import * as productPage from "~/routes/produits.$slug";
import { copyTemplate, setupTestDatabase } from "./support/db";
import { outcome, signIn } from "./support/route-calls";
import { routeArgs } from "./support/routes";
import { runScript } from "./support/scripts";
import { targetEnv } from "./support/server";

const db = setupTestDatabase();
const SAMPLE = projectPath("tests", "fixtures", "betagouv-sample");
const MESSY = projectPath("tests", "fixtures", "betagouv-messy");
const expected = JSON.parse(readFileSync(path.join(SAMPLE, "EXPECTED.json"), "utf8")) as {
  startups: number;
  phase_entries: number;
  events: number;
  committee_events: number;
  current_phase: Record<string, number>;
};

const temporary: string[] = [];
afterAll(() => temporary.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A writable copy of the sample's content/ folder, to break or edit. */
function sampleCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "jalon-betagouv-"));
  temporary.push(dir);
  cpSync(path.join(SAMPLE, "content"), dir, { recursive: true });
  return dir;
}

/** Everything the import may write, with the moments rows were last changed. */
async function snapshot() {
  const [products, phases, events, sessions, agenda, decisions, organisations, incubators, sponsors, audit] = await Promise.all([
    db().product.findMany({ select: { slug: true, name: true, updatedAt: true, version: true }, orderBy: { slug: "asc" } }),
    db().phaseEntry.findMany({ select: { id: true, phase: true, startDate: true, endDate: true }, orderBy: { id: "asc" } }),
    db().productEvent.findMany({ select: { id: true, kind: true, sessionId: true }, orderBy: { id: "asc" } }),
    db().committeeSession.count(),
    db().agendaItem.count(),
    db().decision.count(),
    db().organisation.findMany({ select: { slug: true, name: true }, orderBy: { slug: "asc" } }),
    db().incubator.findMany({ select: { slug: true, name: true }, orderBy: { slug: "asc" } }),
    db().productSponsor.count(),
    db().auditLog.count(),
  ]);
  return { products, phases, events, sessions, agenda, decisions, organisations, incubators, sponsors, audit };
}

const changes = (report: ImportReport) =>
  REPORT_KINDS.reduce((sum, kind) => sum + report.counts[kind].created + report.counts[kind].updated + report.counts[kind].removed, 0);

describe("the beta.gouv.fr sample", () => {
  it("imports with the counts of EXPECTED.json and the current phase of every product", async () => {
    const report = await importBetagouv(SAMPLE);
    expect(report.changed).toBe(true);
    expect(report.counts.products).toEqual({ created: expected.startups, updated: 0, unchanged: 0, removed: 0, skipped: 0 });
    expect(report.counts.phases.created).toBe(expected.phase_entries);
    expect(report.counts.events.created).toBe(expected.events);

    expect(await db().product.count()).toBe(expected.startups);
    expect(await db().product.count({ where: { isPublic: true } })).toBe(expected.startups);
    expect(await db().phaseEntry.count()).toBe(expected.phase_entries);
    expect(await db().productEvent.count()).toBe(expected.events);
    expect(await db().productEvent.count({ where: { kind: "committee" } })).toBe(expected.committee_events);

    const products = await db().product.findMany({ select: { phases: { select: { phase: true, startDate: true, endDate: true } } } });
    const tally: Record<string, number> = {};
    for (const { phases } of products) {
      const phase = currentPhase(phases.map((p) => ({ ...p, phase: p.phase as Phase })));
      tally[phase ?? "none"] = (tally[phase ?? "none"] ?? 0) + 1;
    }
    expect(tally).toEqual(expected.current_phase);
  });

  it("maps products, incubators, organisations and sponsors field by field", async () => {
    const product = await db().product.findUniqueOrThrow({
      where: { slug: "rdv.insertion" },
      include: { primaryIncubator: true, sponsors: { include: { organisation: true } }, phases: { orderBy: { startDate: "asc" } } },
    });
    expect(product).toMatchObject({
      name: "rdv-insertion",
      pitch: "Piloter et gérer efficacement les délais et la bonne continuité des rendez-vous des bénéficiaires du RSA",
      websiteUrl: "https://www.rdv-insertion.fr/",
      repositoryUrl: "https://github.com/gip-inclusion/rdv-insertion",
      statsUrl: "https://www.rdv-insertion.fr/stats",
      accessibilityStatus: "non_conforme",
      isPublic: true,
    });
    expect(product.description).toMatch(/^## Le problème/);
    expect(product.budgetUrl).toMatch(/^https:\/\/docs\.google\.com\//);
    expect(product.primaryIncubator.slug).toBe("gip-inclusion");
    expect(product.sponsors.map((s) => s.organisation.slug).sort()).toEqual(["francetravail", "mtei"]);
    // Each entry ends when the next starts; the current one stays open.
    expect(product.phases.map((p) => [p.phase, isoDay(p.startDate), p.endDate && isoDay(p.endDate)])).toEqual([
      ["investigation", "2021-01-15", "2021-06-02"],
      ["construction", "2021-06-02", "2022-01-03"],
      ["acceleration", "2022-01-03", null],
    ]);

    const dinum = await db().incubator.findUniqueOrThrow({ where: { slug: "dinum" }, include: { ownerOrganisation: true } });
    expect(dinum.name).toBe("Le département Accompagnement de services numériques de la DINUM");
    expect(dinum.website).toBe("https://beta.gouv.fr/");
    expect(dinum.description).toMatch(/^Le département Accompagnement de services numériques \(ASN\)/);
    expect(dinum.ownerOrganisation?.slug).toBe("dinum");
    // Its owner does not exist in the folder: reported, incubator kept without owner.
    expect((await db().incubator.findUniqueOrThrow({ where: { slug: "menj" } })).ownerOrganisationId).toBeNull();

    const ecopass = await db().product.findUniqueOrThrow({
      where: { slug: "ecopass" },
      include: { primaryIncubator: true, coIncubators: { include: { incubator: true } } },
    });
    expect(ecopass.primaryIncubator.slug).toBe("mtes");
    expect(ecopass.coIncubators.map((c) => c.incubator.slug)).toEqual(["ademe"]);

    const organisations = await db().organisation.groupBy({ by: ["type"], _count: true });
    expect(Object.fromEntries(organisations.map((o) => [o.type, o._count]))).toEqual({
      administration_centrale: 81,
      operateur: 18,
      // "autre" (23) and "securite-sociale" (4)
      autre: 27,
      service_deconcentre: 13,
      collectivite: 4,
    });
  });

  it("turns committee events into closed past sessions, with a decision only when the comment states it", async () => {
    const committees = await db().productEvent.findMany({
      where: { kind: "committee" },
      include: { session: { include: { agenda: true } }, product: { select: { id: true, slug: true, primaryIncubatorId: true } } },
    });
    expect(committees).toHaveLength(expected.committee_events);
    for (const event of committees) {
      expect(event.session, event.product.slug).not.toBeNull();
      expect(event.session).toMatchObject({ title: IMPORTED_SESSION_TITLE, status: "held", incubatorId: event.product.primaryIncubatorId });
      expect(event.session?.closedAt).not.toBeNull();
      expect(event.session?.agenda.map((a) => a.productId)).toContain(event.product.id);
    }
    const aplus = committees.filter((e) => e.product.slug === "aplus").map((e) => e.comment);
    expect(aplus).toEqual(["Comité d'investissement", "Comité d'investissement", "Comité d'investissement"]);

    const decisions = await db().decision.findMany({ include: { product: { select: { slug: true } } }, orderBy: { decidedOn: "asc" } });
    expect(decisions.map((d) => [d.product.slug, isoDay(d.decidedOn), d.outcome, d.targetPhase, d.rationale])).toEqual([
      ["bat-id", "2022-11-09", "next_phase", "construction", "Lancement en phase de construction"],
      ["bat-id", "2023-11-28", "next_phase", "acceleration", "Lancement en phase d'accélération"],
      ["etat-sanitaire-des-monuments-historiques-en-mobilite", "2025-12-05", "next_phase", "construction", "validation du prototype et passage en construction de la version V0"],
    ]);
    for (const decision of decisions) expect(decision.publicRationale).toBe(decision.rationale);
  });

  it("shows an imported session, its minutes and the product's public page", async () => {
    const admin = await createUser(db());
    await db().roleAssignment.create({ data: { userId: admin.id, role: "platform_admin" } });
    const cookie = await signIn(admin.id);
    const event = await db().productEvent.findFirstOrThrow({
      where: { kind: "committee", product: { slug: "bat-id" }, date: day("2023-11-28") },
      select: { sessionId: true },
    });
    const params = { id: event.sessionId ?? "" };
    expect(outcome(await sessionPage.loader(routeArgs(`/comites/${params.id}`, { cookie, params }))).status).toBe(200);
    const minutes = outcome(await minutesPage.loader(routeArgs(`/comites/${params.id}/proces-verbal`, { cookie, params })));
    expect(minutes.status).toBe(200);
    expect(JSON.stringify(minutes.data)).toContain("Lancement en phase d'accélération");
    const publicPage = outcome(await productPage.loader(routeArgs("/produits/bat-id", { params: { slug: "bat-id" } })));
    expect(publicPage.status).toBe(200);
  });

  it("changes nothing on a second run, and says so", async () => {
    const before = await snapshot();
    const report = await importBetagouv(SAMPLE);
    expect(report.changed).toBe(false);
    expect(changes(report)).toBe(0);
    expect(report.counts.products.unchanged).toBe(expected.startups);
    expect(report.counts.phases.unchanged).toBe(expected.phase_entries);
    expect(report.counts.events.unchanged).toBe(expected.events);
    expect(await snapshot()).toEqual(before);
    expect(describeImportReport(report, "échantillon")).toContain("Aucun changement : la base était déjà à jour avec ce dossier.");
    expect(await db().auditLog.count({ where: { action: "import.betagouv" } })).toBe(1);
  });

  it("applies a change of the source to that product only, without duplicates", async () => {
    const dir = sampleCopy();
    const file = path.join(dir, "_startups", "rdv.insertion.md");
    writeFileSync(
      file,
      readFileSync(file, "utf8")
        .replace("title: rdv-insertion", "title: RDV-Insertion")
        .replace("    start: 2022-01-03", "    start: 2022-01-10"),
    );
    const before = await snapshot();
    const report = await importBetagouv(dir);
    expect(report.counts.products).toMatchObject({ updated: 1, unchanged: expected.startups - 1 });
    expect(report.counts.phases).toMatchObject({ created: 2, removed: 2, unchanged: expected.phase_entries - 2 });
    const after = await snapshot();
    const changed = after.products.filter((p, i) => p.updatedAt.getTime() !== before.products[i]?.updatedAt.getTime());
    expect(changed.map((p) => [p.slug, p.name, p.version])).toEqual([["rdv.insertion", "RDV-Insertion", 2]]);
    expect(after.phases).toHaveLength(expected.phase_entries);
  });

  it("leaves the database as it was when the transaction fails half-way", async () => {
    const dir = sampleCopy();
    const file = path.join(dir, "_startups", "aplus.md");
    writeFileSync(file, readFileSync(file, "utf8").replace(/^title: .*$/m, "title: Aplus renommé"));
    writeFileSync(path.join(dir, "_startups", "nouveau-produit.md"), "---\ntitle: Nouveau\nmission: Neuf\nincubator: dinum\nphases:\n  - name: investigation\n    start: 2026-01-05\n---\n");
    const before = await snapshot();
    const steps: string[] = [];
    await expect(
      importBetagouv(dir, {
        onStep: (step) => {
          steps.push(step);
          if (step === "events") throw new Error("panne simulée");
        },
      }),
    ).rejects.toThrow("panne simulée");
    expect(steps).toEqual(["organisations", "incubators", "products", "coIncubations", "sponsors", "phases", "sessions", "agendaItems", "events"]);
    expect(await snapshot()).toEqual(before);
  });

  it("reports a corrupted file and imports the rest in the same transaction", async () => {
    const dir = sampleCopy();
    // aplus: its YAML no longer parses. A new product beside it must still arrive.
    const broken = path.join(dir, "_startups", "aplus.md");
    writeFileSync(broken, readFileSync(broken, "utf8").replace("title: ", "title: [non fermé "));
    writeFileSync(path.join(dir, "_startups", "nouveau-produit.md"), "---\ntitle: Nouveau\nmission: Neuf\nincubator: dinum\nphases:\n  - name: investigation\n    start: 2026-01-05\n---\n");
    const aplusBefore = await db().product.findUniqueOrThrow({ where: { slug: "aplus" }, include: { phases: true, events: true } });

    const report = await importBetagouv(dir);
    expect(report.issues).toContainEqual({
      file: "_startups/aplus.md",
      severity: "skipped",
      message: expect.stringMatching(/^en-tête YAML illisible \(.+\) : fichier ignoré$/),
    });
    expect(report.counts.products).toMatchObject({ created: 1, skipped: 1 });
    expect(describeImportReport(report, dir)).toMatch(/Éléments ignorés \(1\) :\n {2}_startups\/aplus\.md : en-tête YAML illisible/);
    expect(await db().product.findUnique({ where: { slug: "nouveau-produit" } })).not.toBeNull();
    // The product of the broken file stays as the last good import left it.
    expect(await db().product.findUniqueOrThrow({ where: { slug: "aplus" }, include: { phases: true, events: true } })).toEqual(aplusBefore);
  });

  it("never removes what a Jalon user entered on an imported product", async () => {
    const user = await createUser(db());
    const product = await db().product.findUniqueOrThrow({ where: { slug: "zam" } });
    await db().phaseEntry.create({ data: { productId: product.id, phase: "abandon", startDate: day("2026-03-01"), createdById: user.id } });
    await db().productEvent.create({ data: { productId: product.id, kind: "other", date: day("2026-03-01"), createdById: user.id } });
    const report = await importBetagouv(SAMPLE);
    expect(report.counts.phases.removed).toBe(0);
    expect(report.counts.events.removed).toBe(0);
    expect(await db().phaseEntry.count({ where: { productId: product.id, createdById: user.id } })).toBe(1);
    expect(await db().productEvent.count({ where: { productId: product.id, createdById: user.id } })).toBe(1);
  });
});

describe("untidy data", () => {
  let report: ImportReport;
  const issuesOf = (file: string) => report.issues.filter((i) => i.file === file).map((i) => `${i.severity}: ${i.message}`);
  const history = async (slug: string) =>
    orderHistory(
      (await db().phaseEntry.findMany({ where: { product: { slug } } })).map((p) => ({ ...p, phase: p.phase as Phase })),
    ).map((p) => [p.phase, isoDay(p.startDate), p.endDate && isoDay(p.endDate)]);

  beforeAll(async () => {
    report = await importBetagouv(MESSY);
  });

  it("imports the readable products of the hand-written folder", () => {
    expect(report.counts.products).toMatchObject({ created: 5, skipped: 2 });
  });

  it("orders phases starting the same day by the lifecycle, with dates quoted or not", async () => {
    expect(await history("meme-jour")).toEqual([
      ["investigation", "2020-01-01", "2020-01-01"],
      ["construction", "2020-01-01", "2021-03-15"],
      ["acceleration", "2021-03-15", null],
    ]);
    expect(issuesOf("_startups/meme-jour.md")).toEqual([
      "anomaly: plusieurs phases commencent le 2020-01-01 : ordonnées selon le cycle de vie",
    ]);
    const [launch] = await db().productEvent.findMany({ where: { product: { slug: "meme-jour" } } });
    expect(launch).toMatchObject({ kind: "product_launch", date: day("2020-06-01"), comment: "Première version en ligne" });
    expect(toDay("2021-06-02")).toEqual(day("2021-06-02"));
    expect(toDay(" 2021-06-02T10:00:00Z ")).toEqual(day("2021-06-02"));
    // YAML 1.1 parsers and JSON exports give Date objects.
    expect(toDay(new Date("2021-06-02T00:00:00Z"))).toEqual(day("2021-06-02"));
    expect(toDay("2021-02-30")).toBeNull();
    expect(toDay(20210602)).toBeNull();
  });

  it("keeps a phase after a terminal one, and reports it", async () => {
    expect(await history("apres-terminal")).toEqual([
      ["investigation", "2019-01-01", "2019-06-01"],
      ["abandon-investigation", "2019-06-01", "2020-01-01"],
      ["construction", "2020-01-01", "2020-09-01"],
      ["abandon", "2020-09-01", null],
    ]);
    expect(issuesOf("_startups/apres-terminal.md")).toEqual(["anomaly: phase « construction » après une phase terminale : conservée"]);
    const decisions = await db().decision.findMany({ where: { product: { slug: "apres-terminal" } } });
    // "Point d'étape" states no outcome; "No go, arrêt du produit" is the stop of 2020.
    expect(decisions.map((d) => [isoDay(d.decidedOn), d.outcome, d.targetPhase])).toEqual([["2020-08-25", "stop", "abandon"]]);
    expect(await db().productEvent.count({ where: { product: { slug: "apres-terminal" }, kind: "committee", sessionId: { not: null } } })).toBe(2);
  });

  it("links the sponsors that exist and reports the dangling ones", async () => {
    const sponsors = await db().productSponsor.findMany({ where: { product: { slug: "sponsor-fantome" } }, include: { organisation: true } });
    expect(sponsors.map((s) => s.organisation.slug)).toEqual(["sponsor-a"]);
    expect(issuesOf("_startups/sponsor-fantome.md")).toEqual(["anomaly: sponsor « fantome » inexistant : lien ignoré"]);
    expect(report.counts.sponsors).toMatchObject({ created: 2, skipped: 1 });
  });

  it("reads a file without .md extension", async () => {
    expect(await db().product.findUnique({ where: { slug: "sans-extension" }, select: { name: true } })).toEqual({ name: "Sans extension" });
    expect(issuesOf("_startups/sans-extension")).toEqual(["anomaly: fichier sans extension .md : lu quand même"]);
  });

  it("maps legacy phase names, and replaces an end before its start", async () => {
    expect(await history("ancien-nom")).toEqual([
      ["investigation", "2016-01-01", "2016-05-01"],
      ["construction", "2016-05-01", "2018-01-01"],
      ["consolidation", "2018-01-01", "2019-01-01"],
      ["transfere", "2019-01-01", null],
    ]);
    expect(issuesOf("_startups/ancien-nom.md")).toEqual([
      "anomaly: le dépôt (repository) « pas une adresse » n'est pas une adresse web : non reprise",
      "anomaly: phase « perennisation » (ancien nom) reprise comme « consolidation »",
      "anomaly: phase « success » (ancien nom) reprise comme « transfere »",
      "anomaly: phase « investigation » du 2016-01-01 : fin (2015-06-01) avant le début, remplacée par 2016-05-01",
      "anomaly: événement « demo_day » inconnu : repris comme « other »",
    ]);
    const product = await db().product.findUniqueOrThrow({ where: { slug: "ancien-nom" }, include: { events: { orderBy: { date: "asc" } }, decisions: true } });
    expect(product).toMatchObject({ accessibilityStatus: "partiellement_conforme", repositoryUrl: null, websiteUrl: "https://ancien-nom.example.gouv.fr" });
    expect(product.events.map((e) => [e.kind, e.comment])).toEqual([
      ["other", "demo_day : Présentation au salon"],
      ["committee", "Passage en pérennisation validé"],
    ]);
    expect(product.decisions.map((d) => [d.outcome, d.targetPhase])).toEqual([["next_phase", "consolidation"]]);
  });

  it("counts unknown fields instead of refusing them, and maps organisation types", async () => {
    expect(report.ignoredFields).toEqual({ "_organisations.couleur": 1, "_startups.mascotte": 1 });
    expect(await db().organisation.findUniqueOrThrow({ where: { slug: "sponsor-a" } })).toMatchObject({
      name: "Direction des essais",
      acronym: "DE",
      type: "operateur",
      ministerialDomain: "interieur",
    });
    expect((await db().organisation.findUniqueOrThrow({ where: { slug: "caisse" } })).type).toBe("autre");
    expect(issuesOf("_organisations/caisse.md")).toEqual([]);
  });

  it("skips a product whose incubator does not exist, and a broken file, with their reasons", async () => {
    expect(issuesOf("_startups/incubateur-fantome.md")).toEqual([
      "skipped: incubateur « fantome » inexistant : produit ignoré (importez ou créez d'abord l'incubateur)",
    ]);
    expect(issuesOf("_startups/en-tete-casse.md")).toEqual([expect.stringMatching(/^skipped: en-tête YAML illisible \(.+\) : fichier ignoré$/)]);
    expect(await db().product.count({ where: { slug: { in: ["incubateur-fantome", "en-tete-casse"] } } })).toBe(0);
  });

  it("reads front matter strictly enough to tell a file without one", () => {
    expect(splitFrontMatter("title: x\n")).toEqual({ ok: false, message: "pas d'en-tête YAML entre deux lignes « --- »" });
    expect(splitFrontMatter("---\n- a\n- b\n---\n")).toEqual({ ok: false, message: "l'en-tête YAML n'est pas une liste de champs" });
    expect(splitFrontMatter("\uFEFF---\r\ntitle: x\r\n---\r\nCorps\r\n")).toEqual({ ok: true, data: { title: "x" }, body: "Corps" });
    // Only a line of its own closes the header.
    expect(splitFrontMatter("---\ntitle: Avant---après\n---\n")).toEqual({ ok: true, data: { title: "Avant---après" }, body: "" });
    expect(parseFolder([{ path: "_startups/x.md", text: "---\ntitle: [a, b]\nincubator: i\n---\n" }]).issues).toEqual([
      { file: "_startups/x.md", severity: "skipped", message: "champ « title » illisible : fichier ignoré" },
    ]);
  });

  it("takes a decision from a committee comment only when it is plain", () => {
    const history = [
      { phase: "investigation" as const, startDate: day("2024-01-01"), endDate: null, comment: null },
      { phase: "construction" as const, startDate: day("2024-04-01"), endDate: null, comment: null },
    ];
    const on = day("2024-03-20");
    expect(committeeOutcome("Passage en construction", on, history)).toEqual({ outcome: "next_phase", targetPhase: "construction" });
    expect(committeeOutcome("Lancement en phase d’accélération", on, history)).toBeNull();
    expect(committeeOutcome("GO du comité pour un KO le 01/09/2025", on, history)).toBeNull();
    expect(committeeOutcome("Comité d'investissement #2", on, history)).toBeNull();
    expect(committeeOutcome(null, on, history)).toBeNull();
    expect(committeeOutcome("No go", on, history)).toBeNull();
  });
});

describe("the network's JSON export", () => {
  it("reads startups.json like the folder, and a second time changes nothing", async () => {
    const file = projectPath("tests", "fixtures", "betagouv-startups-v2.6.json");
    // The export has no organisations: its sponsor is one a folder import brought (the untidy folder's).
    await db().organisation.upsert({ where: { slug: "sponsor-a" }, create: { slug: "sponsor-a", name: "Direction des essais" }, update: {} });
    const report = await importBetagouv(file);
    expect(report.counts.products).toMatchObject({ created: 1, skipped: 1 });
    expect(report.counts.incubators.created).toBe(1);
    expect(report.issues).toEqual([
      {
        file: "betagouv-startups-v2.6.json#sans-incubateur-json",
        severity: "skipped",
        message: "incubateur « inconnu » inexistant : produit ignoré (importez ou créez d'abord l'incubateur)",
      },
    ]);
    expect(report.ignoredFields).toEqual({ "_incubators.contact": 1, "_incubators.github": 1, "_startups.contact": 1 });
    const product = await db().product.findUniqueOrThrow({
      where: { slug: "export-json" },
      include: { primaryIncubator: { include: { ownerOrganisation: true } }, sponsors: true, decisions: true, phases: true },
    });
    expect(product).toMatchObject({ name: "Export JSON", pitch: "Lu depuis startups.json", description: "## Le problème\n\nUn export JSON écrit à la main." });
    expect(product.primaryIncubator).toMatchObject({ slug: "atelier-json", website: "https://atelier-json.example.gouv.fr" });
    expect(product.primaryIncubator.ownerOrganisation?.slug).toBe("sponsor-a");
    expect(product.sponsors).toHaveLength(1);
    expect(orderHistory(product.phases.map((p) => ({ ...p, phase: p.phase as Phase }))).map((p) => [p.phase, p.endDate && isoDay(p.endDate)])).toEqual([
      ["investigation", "2024-06-12"],
      ["construction", null],
    ]);
    expect(product.decisions.map((d) => [d.outcome, d.targetPhase])).toEqual([["next_phase", "construction"]]);

    expect((await importBetagouv(file)).changed).toBe(false);
  });

  it("refuses a JSON file that is not the export", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "jalon-betagouv-"));
    temporary.push(dir);
    const file = path.join(dir, "startups.json");
    writeFileSync(file, '{"startups": []}');
    await expect(importBetagouv(file)).rejects.toThrow(
      "Le fichier « startups.json » n'est pas un export startups.json de beta.gouv.fr (JSON:API, liste « data »).",
    );
  });
});

describe("npm run import:betagouv", () => {
  const importScript = (args: string[], env: Record<string, string>) => runScript("scripts/import-betagouv.ts", args, env);

  it("imports a folder, says nothing changed the second time, and refuses what is not a folder of beta.gouv.fr", async () => {
    const copy = await copyTemplate();
    try {
      const usage = await importScript([], { JALON_DATA_DIR: "/nonexistent/never-opened" });
      expect(usage.code).toBe(2);
      expect(usage.stderr.trim()).toMatch(/^Usage : npm run import:betagouv -- <dossier>/);

      const first = await importScript([MESSY], targetEnv(copy.target));
      expect(first.stderr).toBe("");
      expect(first.code).toBe(0);
      expect(first.stdout).toContain(`Import beta.gouv.fr depuis ${MESSY} :`);
      expect(first.stdout).toMatch(/ {2}produits +5 +0 +0 +0 +2\n/);
      expect(first.stdout).toContain("_startups/incubateur-fantome.md : incubateur « fantome » inexistant");
      expect(first.stdout).toContain("Import terminé : les changements ci-dessus sont enregistrés.");

      const second = await importScript([MESSY], targetEnv(copy.target));
      expect(second.code).toBe(0);
      expect(second.stdout).toMatch(/ {2}produits +0 +0 +5 +0 +2\n/);
      expect(second.stdout).toContain("Aucun changement : la base était déjà à jour avec ce dossier.");

      const wrong = await importScript([tmpdir()], { JALON_DATA_DIR: "/nonexistent/never-opened" });
      expect(wrong.code).toBe(1);
      expect(wrong.stderr.trim()).toBe(
        `« ${tmpdir()} » n'est ni un dossier content/ de beta.gouv.fr (il ne contient ni _startups/ ni content/_startups/) ni un export startups.json.`,
      );

      const database = openDatabase(copy.target);
      try {
        expect(await database.prisma.product.count()).toBe(5);
      } finally {
        await database.close();
      }
    } finally {
      await copy.remove();
    }
    // Two runs of a child process that opens a database: a minute or two on a busy machine.
  }, 300_000);

  it("names a folder that is not one", async () => {
    await expect(importBetagouv(path.join(tmpdir(), "absent-de-partout"))).rejects.toBeInstanceOf(ImportSourceError);
  });
});
