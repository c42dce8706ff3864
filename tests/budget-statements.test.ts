// Budget statements: the pure rules (reading amounts and grids, totals, which statement counts for a
// year, what is due in January and June, the CSV rows), then the database through the real routes
// (entry grid, CSV import with its preview and atomic commit) with real Requests and signed-in
// cookies: revisions kept, AE and CP per year, idempotence, conflicts, permissions.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import {
  assignRole,
  createBudgetStatement,
  createIncubator,
  createOrganisation,
  createProduct,
  createUser,
} from "~/db/seed/factories.server";
import {
  amountField,
  countingStatements,
  dueStatements,
  gridValues,
  normalizeCells,
  readAmount,
  readBudgetGrid,
  readBudgetYear,
  sameCells,
  totalOf,
  totalsByActivity,
  totalsByResource,
  typedAmount,
  yearBudgets,
  type BudgetCell,
} from "~/domain/budget-statements";
import { day } from "~/domain/days";
import { budgetCsv, budgetTemplate, checkBudgetRows, groupStatements, readBudgetFile } from "~/funding/budget-csv";
import { BudgetGrid } from "~/funding/budget-ui";
import { BUDGET_CONFLICT, inBudgetTransaction, loadBudgetSummary, recordBudgetStatement } from "~/funding/budget-statements.server";
import { action as entryAction, loader as entryLoader } from "~/routes/produits.$slug_.financement_.budget";
import { action as importAction, loader as importLoader } from "~/routes/produits.$slug_.financement_.budget_.import";
import { loader as templateLoader } from "~/routes/produits.$slug_.financement_.budget_.modele[.]csv";
import { setupTestDatabase } from "./support/db";
import { outcome, signIn, thrownStatus } from "./support/route-calls";
import { routeArgs } from "./support/routes";

const db = setupTestDatabase();

const cell = (activity: BudgetCell["activity"], resource: BudgetCell["resource"], committed: number, paid: number): BudgetCell => ({
  activity,
  resource,
  committed,
  paid,
});

describe("reading amounts and years", () => {
  it("reads French and English amounts exactly, in cents", () => {
    expect(readAmount("1 234 567,89", "AE")).toEqual({ ok: true, cents: 123_456_789 });
    expect(readAmount("1\u202f234,5", "AE")).toEqual({ ok: true, cents: 123_450 });
    expect(readAmount("1234.56", "CP")).toEqual({ ok: true, cents: 123_456 });
    expect(readAmount("  ", "CP")).toEqual({ ok: true, cents: null });
    expect(readAmount("12k€", "AE")).toEqual({ ok: false, message: expect.stringMatching(/^Montant AE illisible : « 12k€ »/) });
    expect(readAmount("-5", "CP")).toMatchObject({ ok: false });
    expect(readAmount("1,234", "CP")).toEqual({ ok: true, cents: 123_400 });
  });

  it("keeps years between 2000 and 2100", () => {
    expect(readBudgetYear("2026")).toEqual({ ok: true, year: 2026 });
    expect(readBudgetYear("1999")).toMatchObject({ ok: false, message: expect.stringMatching(/^Année impossible : « 1999 »/) });
    expect(readBudgetYear("2101")).toMatchObject({ ok: false });
    expect(readBudgetYear("26")).toMatchObject({ ok: false });
    expect(readBudgetYear("")).toMatchObject({ ok: false, message: expect.stringMatching(/^Année manquante/) });
  });

  it("writes amounts back as the grid reads them", () => {
    expect(typedAmount(1_250_000)).toBe("12500");
    expect(typedAmount(1_250_050)).toBe("12500,50");
    expect(typedAmount(7)).toBe("0,07");
    for (const cents of [0, 7, 1_250_050, 123_456_789]) expect(readAmount(typedAmount(cents), "AE")).toEqual({ ok: true, cents });
  });
});

describe("the entry grid", () => {
  it("stores only the cells typed, with 0 for a missing AE or CP", () => {
    const read = readBudgetGrid({
      [amountField("ae", "development", "staff")]: "100 000",
      [amountField("cp", "development", "staff")]: "80 000,50",
      [amountField("ae", "hosting", "software")]: "",
      [amountField("cp", "hosting", "software")]: "1200",
      [amountField("ae", "design", "other")]: "0",
    });
    expect(read).toEqual({
      ok: true,
      cells: [cell("hosting", "software", 0, 120_000), cell("development", "staff", 10_000_000, 8_000_050)],
    });
  });

  it("says what is wrong next to each field, and refuses an empty grid", () => {
    const read = readBudgetGrid({ [amountField("ae", "data", "staff")]: "beaucoup", [amountField("cp", "ops", "hardware")]: "-3" });
    expect(read).toEqual({
      ok: false,
      errors: {
        [amountField("ae", "data", "staff")]: [expect.stringMatching(/^Montant AE illisible : « beaucoup »/)],
        [amountField("cp", "ops", "hardware")]: [expect.stringMatching(/^Montant CP illisible : « -3 »/)],
      },
    });
    expect(readBudgetGrid({})).toEqual({ ok: false, errors: { grille: ["Aucun montant n'est saisi : remplissez au moins une case."] } });
  });

  it("labels every field and shows its error next to it", () => {
    const name = amountField("ae", "data", "staff");
    const html = renderToString(createElement(BudgetGrid, { form: { values: { [name]: "12k" }, errors: { [name]: ["Montant AE illisible."] } } }));
    expect(html.match(/<input /g)).toHaveLength(144);
    expect(html).toContain('<label class="fr-sr-only" for="champ-ae-data-staff">AE, données, personnel (en euros)</label>');
    expect(html).toContain('aria-invalid="true" aria-describedby="champ-ae-data-staff-erreur"');
    expect(html).toContain('<p id="champ-ae-data-staff-erreur" class="fr-error-text">Montant AE illisible.</p>');
    expect(html).toContain('value="12k"');
  });

  it("prefills the grid with what reads back the same", () => {
    const cells = [cell("data", "staff", 123_456, 0), cell("support", "external_services", 5_000_00, 4_999_99)];
    expect(readBudgetGrid(gridValues(cells))).toEqual({ ok: true, cells });
  });
});

describe("totals", () => {
  const cells = [
    cell("development", "staff", 300_000_00, 250_000_00),
    cell("development", "external_services", 100_000_00, 120_000_00),
    cell("hosting", "software", 12_000_00, 12_000_00),
  ];

  it("adds AE and CP separately, by activity and by resource, exactly", () => {
    expect(totalOf(cells)).toEqual({ committed: 412_000_00, paid: 382_000_00 });
    expect(totalOf([cell("data", "staff", 10, 20), cell("data", "other", 20, 10)])).toEqual({ committed: 30, paid: 30 });
    expect(totalsByActivity(cells)).toEqual([
      { activity: "hosting", committed: 12_000_00, paid: 12_000_00 },
      { activity: "development", committed: 400_000_00, paid: 370_000_00 },
    ]);
    expect(totalsByResource(cells)).toEqual([
      { resource: "staff", committed: 300_000_00, paid: 250_000_00 },
      { resource: "external_services", committed: 100_000_00, paid: 120_000_00 },
      { resource: "software", committed: 12_000_00, paid: 12_000_00 },
    ]);
  });

  it("compares contents whatever the order, zeros left out", () => {
    expect(sameCells(cells, [...cells].reverse())).toBe(true);
    expect(sameCells(cells, [...cells, cell("design", "staff", 0, 0)])).toBe(true);
    expect(sameCells(cells, [...cells.slice(1), cell("development", "staff", 300_000_00, 250_000_01)])).toBe(false);
    expect(normalizeCells([cell("design", "staff", 0, 0)])).toEqual([]);
  });

  it("counts a year's actual once there is one, else its forecast", () => {
    const statements = [
      { year: 2025, nature: "forecast" as const, cells: [cell("data", "staff", 100, 100)] },
      { year: 2025, nature: "actual" as const, cells: [cell("data", "staff", 90, 70)] },
      { year: 2026, nature: "forecast" as const, cells: [cell("data", "staff", 200, 150)] },
      { year: 2024, nature: "actual" as const, cells: [cell("data", "staff", 50, 60)] },
    ];
    expect(countingStatements(statements).map((s) => [s.year, s.nature])).toEqual([
      [2024, "actual"],
      [2025, "actual"],
      [2026, "forecast"],
    ]);
    // AE and CP differ per year, either way: nothing forces CP ≤ AE.
    expect(yearBudgets(statements).map((y) => [y.year, y.committed, y.paid])).toEqual([
      [2024, 50, 60],
      [2025, 90, 70],
      [2026, 200, 150],
    ]);
  });
});

describe("entries due", () => {
  const at = (iso: string) => new Date(`${iso}T10:00:00Z`);

  it("asks in January for last year's actual and this year's forecast", () => {
    expect(dueStatements(day("2026-01-15"), [])).toEqual([
      { year: 2025, nature: "actual", reason: "Le réalisé de 2025 est attendu depuis janvier 2026." },
      { year: 2026, nature: "forecast", reason: "Le prévisionnel de 2026 est attendu depuis janvier 2026." },
    ]);
    const entered = [
      { year: 2025, nature: "actual" as const, enteredAt: at("2026-01-20") },
      { year: 2026, nature: "forecast" as const, enteredAt: at("2026-01-20") },
    ];
    expect(dueStatements(day("2026-05-31"), entered)).toEqual([]);
  });

  it("asks in June for the forecast again, unless it was entered since the 1st of June (Paris time)", () => {
    const january = [
      { year: 2025, nature: "actual" as const, enteredAt: at("2026-01-20") },
      { year: 2026, nature: "forecast" as const, enteredAt: at("2026-01-20") },
    ];
    expect(dueStatements(day("2026-06-01"), january)).toEqual([
      { year: 2026, nature: "forecast", reason: "Le prévisionnel de 2026 est à mettre à jour depuis juin 2026." },
    ]);
    // 31 May 23:30 UTC is already the 1st of June in Paris.
    const june = [january[0], { ...january[1], enteredAt: new Date("2026-05-31T23:30:00Z") }];
    expect(dueStatements(day("2026-09-10"), june)).toEqual([]);
  });
});

describe("budget files", () => {
  const header = "annee;nature;activite;ressource;ae;cp";

  it("reads rows by column name, codes or French labels, and groups them by year and nature", () => {
    const file = readBudgetFile(`\uFEFF${header}\n2026;prévision;Développement;Personnel;"100 000,00";80000\n2026;prevision;hosting;software;;1 200\n2025;REALISE;data;staff;5,5;\n2026;prevision;design;staff;;\n`.replace(/^\uFEFF/, ""));
    expect(file.ok).toBe(true);
    if (!file.ok) return;
    const rows = checkBudgetRows(file.rows);
    expect(rows.map((r) => [r.line, r.skipped, r.errors])).toEqual([
      [2, false, []],
      [3, false, []],
      [4, false, []],
      [5, true, []],
    ]);
    expect(groupStatements(rows)).toEqual([
      { year: 2025, nature: "actual", cells: [cell("data", "staff", 550, 0)] },
      { year: 2026, nature: "forecast", cells: [cell("hosting", "software", 0, 120_000), cell("development", "staff", 10_000_000, 8_000_000)] },
    ]);
  });

  it("names every error of a row with its line, and a duplicate cell", () => {
    const file = readBudgetFile(`${header}\n1999;plus tard;cuisine;staff;12k;x\n2026;prevision;data;staff;1;1\n2026;prévision;Données;Personnel;2;2\n`);
    if (!file.ok) throw new Error(file.error);
    const rows = checkBudgetRows(file.rows);
    expect(rows[0].errors).toEqual([
      expect.stringMatching(/^Année impossible : « 1999 »/),
      "Nature inconnue : « plus tard ». Écrivez realise ou prevision.",
      expect.stringMatching(/^Activité inconnue : « cuisine »\. Codes possibles : data, hosting/),
      expect.stringMatching(/^Montant AE illisible : « 12k »/),
      expect.stringMatching(/^Montant CP illisible : « x »/),
    ]);
    expect(rows[1].errors).toEqual([]);
    expect(rows[2].errors).toEqual(["Cette case (2026, prévisionnel, données × personnel) figure déjà à la ligne 3."]);
  });

  it("says why a file cannot be read at all", () => {
    expect(readBudgetFile("")).toEqual({ ok: false, error: "Le fichier est vide." });
    expect(readBudgetFile("annee;nature;activite;ressource;ae\n2026;prevision;data;staff;1\n")).toEqual({
      ok: false,
      error: "Colonne manquante : cp. La première ligne du fichier doit nommer les colonnes annee, nature, activite, ressource, ae, cp.",
    });
    expect(readBudgetFile(`${header}\n`)).toMatchObject({ ok: false, error: expect.stringMatching(/aucune ligne de montants/) });
  });

  it("exports statements that read back as they were, and a template of every cell", () => {
    const statements = [{ year: 2026, nature: "forecast" as const, cells: [cell("data", "staff", 123_456_789, 5)] }];
    const text = budgetCsv(statements);
    expect(text).toBe(`\uFEFF${header}\r\n2026;prevision;data;staff;"1234567,89";"0,05"\r\n`);
    const file = readBudgetFile(text.replace(/^\uFEFF/, "").replace(/\r\n/g, "\n"));
    if (!file.ok) throw new Error(file.error);
    expect(groupStatements(checkBudgetRows(file.rows))).toEqual(statements);
    const template = budgetTemplate(2026, "actual", [cell("data", "staff", 100, 0)]).split("\r\n");
    expect(template).toHaveLength(1 + 72 + 1);
    expect(template[1]).toBe('2026;realise;data;staff;"1,00";"0,00"');
    expect(template[2]).toBe("2026;realise;data;external_services;;");
  });
});

describe("recording statements", () => {
  let productId: string;
  let userId: string;

  beforeAll(async () => {
    const incubator = await createIncubator(db());
    productId = (await createProduct(db(), { primaryIncubatorId: incubator.id })).id;
    userId = (await createUser(db())).id;
  });

  const record = (cells: BudgetCell[], extra: { basedOnRevision?: number | null; year?: number } = {}) =>
    inBudgetTransaction((tx) =>
      recordBudgetStatement(tx, { productId, year: extra.year ?? 2026, nature: "forecast", cells, origin: "form", userId, basedOnRevision: extra.basedOnRevision }),
    );

  it("supersedes the current revision, keeps the old one, and journals the new one", async () => {
    expect(await record([cell("development", "staff", 100_000_00, 60_000_00)])).toEqual({ ok: true, value: { status: "recorded", revision: 1 } });
    expect(await record([cell("development", "staff", 120_000_00, 90_000_00)])).toEqual({ ok: true, value: { status: "recorded", revision: 2 } });
    const rows = await db().budgetStatement.findMany({ where: { productId, year: 2026 }, orderBy: { revision: "asc" }, include: { lines: true } });
    expect(rows.map((r) => [r.revision, r.supersededAt !== null, r.lines[0].committed.toString()])).toEqual([
      [1, true, "100000"],
      [2, false, "120000"],
    ]);
    const audit = await db().auditLog.findMany({ where: { entityId: productId, action: "budget.recorded" }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.data)).toEqual([
      expect.objectContaining({ year: 2026, nature: "forecast", revision: 1, committed: "100000.00", paid: "60000.00" }),
      expect.objectContaining({ revision: 2, committed: "120000.00", paid: "90000.00" }),
    ]);
  });

  it("writes nothing when the content is the same", async () => {
    expect(await record([cell("development", "staff", 120_000_00, 90_000_00)])).toEqual({ ok: true, value: { status: "unchanged", revision: 2 } });
    expect(await db().budgetStatement.count({ where: { productId, year: 2026 } })).toBe(2);
  });

  it("refuses a save made on top of a revision that is no longer current", async () => {
    expect(await record([cell("data", "staff", 1, 1)], { basedOnRevision: 1 })).toEqual({ ok: false, error: BUDGET_CONFLICT });
    expect(await db().budgetStatement.count({ where: { productId, year: 2026 } })).toBe(2);
  });

  it("answers a unique violation from a concurrent writer with the conflict message, and writes nothing", async () => {
    // Another writer's revision 2, already superseded: the next revision number is taken.
    await createBudgetStatement(db(), { productId, year: 2030, nature: "forecast", revision: 1, lines: [{ activity: "data", resource: "staff", committed: 1, paid: 1 }] });
    await createBudgetStatement(db(), {
      productId,
      year: 2030,
      nature: "forecast",
      revision: 2,
      supersededAt: new Date(),
      lines: [{ activity: "data", resource: "staff", committed: 2, paid: 2 }],
    });
    expect(await record([cell("data", "staff", 300, 300)], { year: 2030 })).toEqual({ ok: false, error: BUDGET_CONFLICT });
    const current = await db().budgetStatement.findMany({ where: { productId, year: 2030, supersededAt: null } });
    expect(current.map((s) => s.revision)).toEqual([1]);
  });

  it("summarises AE and CP per year from the statements that count, with every revision", async () => {
    await createBudgetStatement(db(), {
      productId,
      year: 2025,
      nature: "actual",
      lines: [
        { activity: "development", resource: "staff", committed: "200000.00", paid: "150000.00" },
        { activity: "hosting", resource: "software", committed: "10000.10", paid: "12000.20" },
      ],
    });
    await createBudgetStatement(db(), { productId, year: 2025, nature: "forecast", lines: [{ activity: "data", resource: "staff", committed: 999, paid: 999 }] });
    const summary = await loadBudgetSummary(productId, new Date("2026-03-01T12:00:00Z"));
    expect(summary.years.map((y) => [y.year, y.nature, y.committed, y.paid])).toEqual([
      [2025, "actual", 210_000_10, 162_000_20],
      [2026, "forecast", 120_000_00, 90_000_00],
      [2030, "forecast", 100, 100],
    ]);
    expect(summary.due).toEqual([]);
    expect(summary.history.filter((r) => r.year === 2026).map((r) => [r.revision, r.supersededAt === null, r.committed])).toEqual([
      [2, true, 120_000_00],
      [1, false, 100_000_00],
    ]);
  });
});

describe("the entry and import pages", () => {
  const SLUG = "budget-pages";
  let productId: string;
  let member: string;
  let coach: string;
  let investor: string;
  let otherTeam: string;

  beforeAll(async () => {
    const incubator = await createIncubator(db());
    const sponsor = await createOrganisation(db());
    productId = (await createProduct(db(), { slug: SLUG, primaryIncubatorId: incubator.id, sponsorIds: [sponsor.id], isPublic: false })).id;
    const other = await createProduct(db(), { primaryIncubatorId: incubator.id });
    const people = await Promise.all([createUser(db()), createUser(db()), createUser(db()), createUser(db())]);
    await assignRole(db(), { userId: people[0].id, role: "team_member", productId });
    await assignRole(db(), { userId: people[1].id, role: "coach", incubatorId: incubator.id });
    await assignRole(db(), { userId: people[2].id, role: "investor", organisationId: sponsor.id });
    await assignRole(db(), { userId: people[3].id, role: "team_member", productId: other.id });
    [member, coach, investor, otherTeam] = await Promise.all(people.map((p) => signIn(p.id)));
  });

  const params = { slug: SLUG };
  const entryPath = `/produits/${SLUG}/financement/budget`;
  const importPath = `${entryPath}/import`;

  const postEntry = async (cookie: string, fields: Record<string, string>) =>
    outcome(await entryAction(routeArgs(entryPath, { cookie, params, body: new URLSearchParams(fields) })));

  it("lets the team and the incubator's coaches in; an investor gets 403, another product's team 404", async () => {
    for (const cookie of [member, coach]) expect(outcome(await entryLoader(routeArgs(entryPath, { cookie, params }))).status).toBe(200);
    expect(await thrownStatus(entryLoader(routeArgs(entryPath, { cookie: investor, params })))).toEqual({ status: 403, location: null });
    expect(await thrownStatus(entryLoader(routeArgs(entryPath, { cookie: otherTeam, params })))).toEqual({ status: 404, location: null });
    expect((await thrownStatus(entryLoader(routeArgs(entryPath, { params })))).status).toBe(302);
    // Writes are checked too, whatever the form holds.
    const fields = { annee: "2026", nature: "forecast", revision: "", [amountField("ae", "data", "staff")]: "1" };
    expect(await thrownStatus(entryAction(routeArgs(entryPath, { cookie: investor, params, body: new URLSearchParams(fields) })))).toEqual({ status: 403, location: null });
    expect(await thrownStatus(importAction(routeArgs(importPath, { cookie: investor, params, body: new FormData() })))).toEqual({ status: 403, location: null });
    expect(await thrownStatus(importLoader(routeArgs(importPath, { cookie: otherTeam, params })))).toEqual({ status: 404, location: null });
    expect(await db().budgetStatement.count({ where: { productId } })).toBe(0);
  });

  it("saves a grid as a new revision, prefills the next one, and keeps the former", async () => {
    const first = await postEntry(member, {
      annee: "2026",
      nature: "forecast",
      revision: "",
      [amountField("ae", "development", "staff")]: "150 000",
      [amountField("cp", "development", "staff")]: "90 000,50",
      commentaire: "Prévision de janvier",
    });
    expect(first).toMatchObject({ status: 302, location: `${entryPath}?annee=2026&nature=forecast` });
    const page = outcome(await entryLoader(routeArgs(`${entryPath}?annee=2026&nature=forecast`, { cookie: coach, params })));
    const entry = (page.data as { entry: { revision: number; values: Record<string, string> } }).entry;
    expect(entry).toMatchObject({ revision: 1, values: { [amountField("ae", "development", "staff")]: "150000", [amountField("cp", "development", "staff")]: "90000,50" } });

    const second = await postEntry(coach, { annee: "2026", nature: "forecast", revision: "1", ...entry.values, [amountField("ae", "hosting", "software")]: "5000" });
    expect(second.status).toBe(302);
    const rows = await db().budgetStatement.findMany({ where: { productId }, orderBy: { revision: "asc" }, include: { lines: true } });
    expect(rows.map((r) => [r.revision, r.supersededAt === null, r.lines.length, r.origin, r.comment])).toEqual([
      [1, false, 1, "form", "Prévision de janvier"],
      [2, true, 2, "form", null],
    ]);
  });

  it("refuses a bad grid with messages next to the fields, and a stale one with a conflict", async () => {
    const bad = await postEntry(member, { annee: "1999", nature: "plus tard", revision: "2", [amountField("ae", "data", "staff")]: "12k" });
    expect(bad.status).toBe(400);
    expect((bad.data as { errors: Record<string, string[]> }).errors).toEqual({
      annee: [expect.stringMatching(/^Année impossible/)],
      nature: ["Choisissez la nature du budget : réalisé ou prévisionnel."],
      [amountField("ae", "data", "staff")]: [expect.stringMatching(/^Montant AE illisible/)],
    });
    const stale = await postEntry(member, { annee: "2026", nature: "forecast", revision: "1", [amountField("ae", "data", "staff")]: "1" });
    expect(stale).toMatchObject({ status: 409, data: { errors: { grille: [BUDGET_CONFLICT] } } });
    expect(await db().budgetStatement.count({ where: { productId } })).toBe(2);
  });

  type ImportAnswer = { status: number; location: string | null; data: unknown };
  const upload = async (content: string, cookie = member): Promise<ImportAnswer> => {
    const form = new FormData();
    form.set("intent", "preview");
    form.set("fichier", new File([content], "budget.csv", { type: "text/csv" }));
    return outcome(await importAction(routeArgs(importPath, { cookie, params, body: form })));
  };
  const commit = async (answer: ImportAnswer, cookie = member): Promise<ImportAnswer> => {
    const preview = answer.data as { content: string; fileName: string; preview: { fingerprint: string } };
    const form = new FormData();
    form.set("intent", "commit");
    form.set("content", preview.content);
    form.set("fileName", preview.fileName);
    form.set("fingerprint", preview.preview.fingerprint);
    return outcome(await importAction(routeArgs(importPath, { cookie, params, body: form })));
  };

  const GOOD = "\uFEFFannee;nature;activite;ressource;ae;cp\r\n2025;realise;development;staff;200 000;180 000,25\r\n2025;realise;hosting;software;12 000;12 000\r\n2026;prevision;development;staff;150000;90000,50\r\n2026;prevision;hosting;software;5000;\r\n";

  it("previews a file with one bad row and writes nothing, even if the commit is forced", async () => {
    const before = await db().budgetStatement.count({ where: { productId } });
    const withError = `${GOOD}2025;realise;cuisine;staff;1;1\r\n`;
    const preview = await upload(withError);
    expect(preview.status).toBe(200);
    const data = preview.data as { preview: { counts: { errors: number }; rows: Array<{ line: number; errors: string[] }> } };
    expect(data.preview.counts.errors).toBe(1);
    expect(data.preview.rows.find((r) => r.errors.length > 0)).toMatchObject({ line: 6, errors: [expect.stringMatching(/^Activité inconnue : « cuisine »/)] });
    const refused = await commit(preview);
    expect(refused.status).toBe(400);
    expect(await db().budgetStatement.count({ where: { productId } })).toBe(before);
  });

  it("commits every statement of a good file at once; the same file again changes nothing", async () => {
    const preview = await upload(GOOD);
    const plans = (preview.data as { preview: { statements: Array<{ year: number; kind: string; committed: number; paid: number }> } }).preview.statements;
    // The 2026 forecast is what the grid saved as revision 2: unchanged.
    expect(plans.map((p) => [p.year, p.kind, p.committed, p.paid])).toEqual([
      [2025, "create", 212_000_00, 192_000_25],
      [2026, "unchanged", 155_000_00, 90_000_50],
    ]);
    const done = await commit(preview);
    expect(done).toMatchObject({ status: 302, location: importPath });
    const actual = await db().budgetStatement.findMany({ where: { productId, year: 2025 }, include: { lines: true } });
    expect(actual.map((s) => [s.nature, s.revision, s.origin, s.comment, s.lines.length])).toEqual([["actual", 1, "csv", "Import du fichier « budget.csv »", 2]]);

    const count = await db().budgetStatement.count({ where: { productId } });
    const again = await upload(GOOD);
    expect((again.data as { preview: { statements: Array<{ kind: string }> } }).preview.statements.map((s) => s.kind)).toEqual(["unchanged", "unchanged"]);
    expect(await commit(again)).toMatchObject({ status: 302 });
    expect(await db().budgetStatement.count({ where: { productId } })).toBe(count);
  });

  it("refuses a commit whose statements changed since the preview", async () => {
    const changed = GOOD.replace("2026;prevision;hosting;software;5000;", "2026;prevision;hosting;software;6000;");
    const preview = await upload(changed);
    await postEntry(coach, { annee: "2026", nature: "forecast", revision: "2", [amountField("ae", "data", "staff")]: "1" });
    const count = await db().budgetStatement.count({ where: { productId } });
    const refused = await commit(preview);
    expect(refused.status).toBe(409);
    expect(await db().budgetStatement.count({ where: { productId } })).toBe(count);
  });

  it("answers bad uploads with a French message, never a server error", async () => {
    expect(await upload("")).toMatchObject({ status: 400, data: { stage: "refused", error: "Choisissez un fichier CSV à importer." } });
    expect(await upload("annee;nature\n2026;prevision\n")).toMatchObject({ status: 400, data: { error: expect.stringMatching(/^Colonnes manquantes : activite, ressource, ae, cp/) } });
    const latin1 = new FormData();
    latin1.set("fichier", new File([new Uint8Array([0x61, 0x6e, 0x6e, 0xe9, 0x65])], "budget.csv"));
    expect(outcome(await importAction(routeArgs(importPath, { cookie: member, params, body: latin1 })))).toMatchObject({
      status: 400,
      data: { error: expect.stringMatching(/n'est pas encodé en UTF-8/) },
    });
  });

  it("offers a template of every cell, prefilled with the current statement", async () => {
    const response = await templateLoader(routeArgs(`${entryPath}/modele.csv?annee=2025&nature=actual`, { cookie: member, params }));
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const lines = (await response.text()).replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe("annee;nature;activite;ressource;ae;cp");
    expect(lines).toContain('2025;realise;development;staff;"200000,00";"180000,25"');
    expect(lines).toContain("2025;realise;data;staff;;");
    expect(await thrownStatus(templateLoader(routeArgs(`${entryPath}/modele.csv`, { cookie: investor, params })))).toEqual({ status: 403, location: null });
  });
});
