// Importing indicator values from a CSV file: the pure reading of files and rows, then the page as
// Remix calls it (real Requests with a signed-in cookie, a real database): preview, all-or-nothing
// commit, idempotent re-import, the template.
import { beforeAll, describe, expect, it } from "vitest";
import { createSession } from "~/auth/session.server";
import { assignRole, createIncubator, createIndicator, createProduct, createUser } from "~/db/seed/factories.server";
import { day, isoDay } from "~/domain/days";
import { csvLine, decodeUtf8, detectSeparator, foldName, parseCsv } from "~/indicators/csv";
import { MAX_IMPORT_ROWS, lastEndedPeriod, readImportText, rowsToShow, type ImportPreview, type PreviewRow } from "~/indicators/csv-import";
import { checkValueRows, type IndicatorRef } from "~/indicators/value-batch";
import { recordValues } from "~/indicators/values.server";
import { action, loader } from "~/routes/produits.$slug_.indicateurs.import";
import { loader as templateLoader } from "~/routes/produits.$slug_.indicateurs.modele[.]csv";
import { setupTestDatabase } from "./support/db";
import { routeArgs, thrown } from "./support/routes";

describe("reading a CSV file", () => {
  it("reads UTF-8 with or without a byte-order mark, and refuses other encodings", () => {
    const bytes = new TextEncoder().encode("\uFEFFindicateur;période\r\nÉcole;2026-10\r\n");
    expect(decodeUtf8(bytes)).toBe("indicateur;période\nÉcole;2026-10\n");
    expect(decodeUtf8(new TextEncoder().encode("a,b\n"))).toBe("a,b\n");
    // "École" saved as Windows-1252.
    expect(decodeUtf8(new Uint8Array([0xc9, 0x63, 0x6f, 0x6c, 0x65]))).toBeNull();
  });

  it("detects the separator of the header line", () => {
    expect(detectSeparator("indicateur;periode;valeur\nA;2026-10;1,5")).toBe(";");
    expect(detectSeparator("indicateur,periode,valeur\nA;B;C;D")).toBe(",");
    expect(detectSeparator('"a;b",c\n')).toBe(",");
  });

  it("reads quoted fields, doubled quotes and line breaks inside quotes, and skips blank lines", () => {
    const parsed = parseCsv('a,"b, ""c""",d\n\n"e\nf",g,h\n', ",");
    expect(parsed).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ["a", 'b, "c"', "d"] },
        { line: 3, fields: ["e\nf", "g", "h"] },
      ],
    });
    expect(parseCsv('a,"b\nc', ",")).toEqual({ ok: false, error: "Un guillemet ouvert à la ligne 1 n'est jamais fermé." });
  });

  it("writes cells that read back, with formulas disarmed", () => {
    const line = csvLine(["=SOMME(A1)", 'Taux "net"; brut', "2026-10"], ";");
    expect(line).toBe(`'=SOMME(A1);"Taux ""net""; brut";2026-10`);
    const parsed = parseCsv(line, ";");
    expect(parsed.ok && parsed.records[0].fields).toEqual(["'=SOMME(A1)", 'Taux "net"; brut', "2026-10"]);
    expect(foldName("'=SOMME(A1)")).toBe("=somme(a1)");
  });

  it("finds the columns by name, in any order, case and accents", () => {
    const file = readImportText("Valeur;RAISON;Période;Indicateur;Commentaire\n1 234,5;;2026-10;Usagers;vu\n");
    expect(file).toEqual({
      ok: true,
      separator: ";",
      rows: [{ position: 2, indicator: "Usagers", period: "2026-10", value: "1 234,5", reason: "" }],
    });
  });

  it("says why a file cannot be read at all", () => {
    expect(readImportText("")).toEqual({ ok: false, error: "Le fichier est vide." });
    expect(readImportText("indicateur,valeur\nA,1\n")).toMatchObject({ ok: false, error: expect.stringMatching(/^Colonne manquante : periode\./) });
    expect(readImportText("indicateur,periode,valeur\n")).toMatchObject({ ok: false, error: expect.stringMatching(/aucune ligne de valeurs/) });
    expect(readImportText("indicateur,periode,valeur,Valeur\nA,2026-10,1,2\n")).toMatchObject({ ok: false, error: expect.stringMatching(/deux fois/) });
    const tooMany = ["indicateur,periode,valeur", ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, () => "A,2026-10,1")].join("\n");
    expect(readImportText(tooMany)).toMatchObject({ ok: false, error: expect.stringMatching(/10\u202f001 lignes de valeurs : 10\u202f000 au plus/) });
  });
});

describe("checking the rows", () => {
  const indicators: IndicatorRef[] = [
    { id: "0b7a6d1e-2f4c-4d5e-8a9b-1c2d3e4f5a6b", name: "Utilisateurs actifs mensuels", frequency: "monthly", archived: false },
    { id: "1c8b7e2f-3a5d-4e6f-9b0c-2d3e4f5a6b7c", name: "Taux de réussite", frequency: "quarterly", archived: false },
    { id: "2d9c8f3a-4b6e-4f70-8c1d-3e4f5a6b7c8d", name: "Ancien indicateur", frequency: "monthly", archived: true },
  ];
  const check = (rows: Array<[string, string, string | number]>) =>
    checkValueRows(
      rows.map(([indicator, period, value], i) => ({ position: i + 2, indicator, period, value })),
      indicators,
      { now: new Date("2026-11-20T10:00:00Z"), describe: (line) => `la ligne ${line}` },
    );

  it("names indicators by name, whatever the case and accents, or by id", () => {
    const rows = check([
      ["utilisateurs  ACTIFS mensuels", "2026-10", "1 234,5"],
      ["TAUX DE REUSSITE", "2026-T3", "0,82"],
      ["1C8B7E2F-3A5D-4E6F-9B0C-2D3E4F5A6B7C", "15/04/2026", "1,234.5"],
    ]);
    expect(rows.map((r) => [r.indicator?.name, r.periodLabel, r.value, r.errors])).toEqual([
      ["Utilisateurs actifs mensuels", "2026-10", 1234.5, []],
      ["Taux de réussite", "2026-T3", 0.82, []],
      ["Taux de réussite", "2026-T2", 1234.5, []],
    ]);
  });

  it("refuses unknown or archived indicators, unreadable periods and numbers, future periods and duplicates", () => {
    const rows = check([
      ["Inconnu", "2026-10", "1"],
      ["Ancien indicateur", "2026-10", "1"],
      ["Utilisateurs actifs mensuels", "octobre", "1"],
      ["Utilisateurs actifs mensuels", "2026-09", "12 %"],
      ["Utilisateurs actifs mensuels", "2026-12", "1"],
      ["Utilisateurs actifs mensuels", "2026-11", "5"],
      ["Utilisateurs actifs mensuels", "2026-11-03", "6"],
      ["Utilisateurs actifs mensuels", "1999-12", "1"],
      ["Utilisateurs actifs mensuels", "2026-08", ""],
    ]);
    expect(rows.map((r) => r.errors.map((e) => `${e.field}: ${e.message}`))).toEqual([
      ["indicator: Indicateur inconnu : « Inconnu » ne désigne aucun indicateur de ce produit."],
      ["indicator: L'indicateur « Ancien indicateur » est archivé : il ne reçoit plus de valeurs."],
      [expect.stringMatching(/^period: Période illisible : « octobre »\./)],
      ["value: Valeur illisible : « 12 % ». Écrivez un nombre, par exemple 1 234,5 ou 1234.5."],
      ["period: Période à venir (2026-12) : une valeur se déclare une fois sa période commencée."],
      [],
      ["period: Doublon : la ligne 7 donne déjà une valeur à « Utilisateurs actifs mensuels » pour la période 2026-11."],
      ["period: Période antérieure à l'an 2000 (« 1999-12 ») : vérifiez l'année."],
      [],
    ]);
    expect(rows.at(-1)?.skipped).toBe(true);
  });

  it("shows errors first when a preview is too long to show whole", () => {
    const row = (line: number, kind: "error" | "create" | "unchanged"): PreviewRow => ({
      line,
      indicator: "A",
      period: "2026-10",
      value: "1",
      reason: "",
      plan: kind === "error" ? { kind, errors: [{ field: "value", message: "x" }] } : { kind, to: 1 },
    });
    const rows = [row(1, "unchanged"), row(2, "create"), row(3, "error"), row(4, "unchanged")];
    expect(rowsToShow(rows, 2).map((r) => r.line)).toEqual([2, 3]);
  });

  it("proposes the last ended period in templates", () => {
    const now = new Date("2026-11-20T10:00:00Z");
    expect(isoDay(lastEndedPeriod("monthly", now))).toBe("2026-10-01");
    expect(isoDay(lastEndedPeriod("quarterly", now))).toBe("2026-07-01");
    expect(isoDay(lastEndedPeriod("weekly", now))).toBe("2026-11-09");
  });
});

describe("the import page", () => {
  const db = setupTestDatabase();
  const SLUG = "mon-service-import";
  const path = `/produits/${SLUG}/indicateurs/import`;
  let cookie: string;
  let committeeCookie: string;
  let mau: { id: string; name: string };
  let satisfaction: { id: string };
  let userId: string;

  beforeAll(async () => {
    const incubator = await createIncubator(db());
    const product = await createProduct(db(), { slug: SLUG, primaryIncubatorId: incubator.id, isPublic: false });
    mau = await createIndicator(db(), { productId: product.id, name: "Utilisateurs actifs mensuels", values: [{ periodStart: "2025-02-01", value: 900 }] });
    satisfaction = await createIndicator(db(), { productId: product.id, name: "Taux de satisfaction", level: "useful", frequency: "quarterly" });
    await createIndicator(db(), { productId: product.id, name: "Ancien indicateur", archivedAt: new Date() });
    const member = await createUser(db());
    userId = member.id;
    await assignRole(db(), { userId: member.id, role: "team_member", productId: product.id });
    const committee = await createUser(db());
    await assignRole(db(), { userId: committee.id, role: "committee_member", incubatorId: incubator.id });
    const signIn = async (id: string) => (await createSession(id, "demo", new Request("http://localhost/"))).split(";")[0];
    cookie = await signIn(member.id);
    committeeCookie = await signIn(committee.id);
  });

  const file = (content: string | Uint8Array<ArrayBuffer>, name = "valeurs.csv") => {
    const form = new FormData();
    form.set("intent", "preview");
    form.set("fichier", new File([content], name, { type: "text/csv" }));
    return form;
  };

  type Answer = { status: number; data: unknown; location: string | null };
  async function post(body: FormData | URLSearchParams, who = cookie): Promise<Answer> {
    const result: unknown = await action(routeArgs(path, { method: "POST", cookie: who, body, params: { slug: SLUG } }));
    if (result instanceof Response) return { status: result.status, data: null, location: result.headers.get("Location") };
    const wrapped = result as { init?: { status?: number }; data: unknown };
    return { status: wrapped.init?.status ?? 200, data: wrapped.data, location: null };
  }

  type PreviewData = { stage: "preview"; content: string; fileName: string; preview: ImportPreview; notice: string | null };
  async function preview(content: string | Uint8Array<ArrayBuffer>): Promise<PreviewData> {
    const answer = await post(file(content));
    expect(answer.data).toMatchObject({ stage: "preview" });
    return answer.data as PreviewData;
  }

  const commitForm = (shown: PreviewData) => {
    const form = new FormData();
    form.set("intent", "commit");
    form.set("fileName", shown.fileName);
    // Browsers send a form's text back with CRLF line ends.
    form.set("content", shown.content.replace(/\n/g, "\r\n"));
    form.set("fingerprint", shown.preview.fingerprint);
    return form;
  };

  const valuesOf = (indicatorId: string) =>
    db().indicatorValue.findMany({
      where: { indicatorId },
      orderBy: { periodStart: "asc" },
      select: { periodStart: true, value: true, origin: true, revisions: { select: { oldValue: true, newValue: true, reason: true } } },
    });

  it("is for those who may write the product's indicators", async () => {
    const refused = await thrown(loader(routeArgs(path, { cookie: committeeCookie, params: { slug: SLUG } })));
    expect((refused as Response).status).toBe(403);
    const answer = (await thrown(post(file("x"), committeeCookie))) as Response;
    expect(answer.status).toBe(403);
    const page = (await loader(routeArgs(path, { cookie, params: { slug: SLUG } }))) as unknown as { data: { indicators: Array<{ name: string }> } };
    expect(page.data.indicators.map((i) => i.name)).toEqual(["Taux de satisfaction", "Utilisateurs actifs mensuels"]);
  });

  it("previews every kind of row error, and commits nothing while one remains", async () => {
    const content = [
      "indicateur,periode,valeur",
      "Utilisateurs actifs mensuels,2025-01,1000",
      "Utilisateurs inconnus,2025-01,10",
      "Utilisateurs actifs mensuels,2025-03,beaucoup",
      "Utilisateurs actifs mensuels,mars 2025,10",
      "Utilisateurs actifs mensuels,2025-01-15,1001",
      "Utilisateurs actifs mensuels,2099-01,10",
    ].join("\n");
    const shown = await preview(content);
    expect(shown.preview.counts).toEqual({ rows: 6, errors: 5, skipped: 0, created: 1, updated: 0, unchanged: 0 });
    expect(shown.preview.rows.map((r) => [r.line, r.plan.kind, r.plan.kind === "error" ? r.plan.errors[0].message : null])).toEqual([
      [2, "create", null],
      [3, "error", expect.stringMatching(/^Indicateur inconnu/)],
      [4, "error", expect.stringMatching(/^Valeur illisible/)],
      [5, "error", expect.stringMatching(/^Période illisible/)],
      [6, "error", "Doublon : la ligne 2 donne déjà une valeur à « Utilisateurs actifs mensuels » pour la période 2025-01."],
      [7, "error", expect.stringMatching(/^Période à venir \(2099-01\)/)],
    ]);

    const answer = await post(commitForm(shown));
    expect(answer.status).toBe(400);
    expect(answer.data).toMatchObject({ stage: "preview", preview: { counts: { errors: 5 } } });
    expect((await valuesOf(mau.id)).map((v) => isoDay(v.periodStart))).toEqual(["2025-02-01"]);
  });

  it("commits a good file (';', BOM, French numbers) in one go, then a re-import changes nothing", async () => {
    const content =
      "\uFEFFindicateur;periode;valeur;raison\r\n" +
      "utilisateurs actifs MENSUELS;2025-01;1 234,5;\r\n" +
      "Utilisateurs actifs mensuels;2025-02;950;Usagers mobiles oubliés\r\n" +
      "Taux de satisfaction;2025-T1;0,82;\r\n" +
      "Taux de satisfaction;2025-T2;;\r\n";
    const shown = await preview(new TextEncoder().encode(content));
    expect(shown.preview.rows.map((r) => r.plan)).toEqual([
      { kind: "create", to: 1234.5 },
      { kind: "update", from: 900, to: 950 },
      { kind: "create", to: 0.82 },
      { kind: "skipped" },
    ]);

    const answer = await post(commitForm(shown));
    expect(answer).toMatchObject({ status: 302, location: path });
    expect(await valuesOf(mau.id)).toEqual([
      { periodStart: day("2025-01-01"), value: 1234.5, origin: "csv", revisions: [] },
      { periodStart: day("2025-02-01"), value: 950, origin: "csv", revisions: [{ oldValue: 900, newValue: 950, reason: "Usagers mobiles oubliés" }] },
    ]);
    expect((await valuesOf(satisfaction.id)).map((v) => [isoDay(v.periodStart), v.value])).toEqual([["2025-01-01", 0.82]]);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "indicator.csv_imported" }, orderBy: { at: "desc" } });
    expect(audit).toMatchObject({ actorId: userId, data: { fileName: "valeurs.csv", rows: 4, created: 2, updated: 1, unchanged: 0, skipped: 1, errors: 0 } });

    const again = await preview(new TextEncoder().encode(content));
    expect(again.preview.counts).toMatchObject({ created: 0, updated: 0, unchanged: 3, skipped: 1 });
    expect(await post(commitForm(again))).toMatchObject({ status: 302 });
    expect((await valuesOf(mau.id)).flatMap((v) => v.revisions)).toHaveLength(1);
  });

  it("changes a validated value only with a reason, as the entry screen does", async () => {
    await db().indicatorValue.updateMany({ where: { indicatorId: mau.id, periodStart: day("2025-01-01") }, data: { status: "validated", validatedById: userId } });
    const without = await preview("indicateur;periode;valeur\nUtilisateurs actifs mensuels;2025-01;1300\n");
    expect(without.preview.rows[0].plan).toEqual({
      kind: "error",
      errors: [{ field: "reason", message: "La valeur enregistrée (1\u202f234,5) avait été validée : indiquez la raison de sa modification." }],
    });
    const withReason = await preview("indicateur;periode;valeur;raison\nUtilisateurs actifs mensuels;2025-01;1300;Recomptage\n");
    expect(withReason.preview.rows[0].plan).toEqual({ kind: "update", from: 1234.5, to: 1300 });
  });

  it("reads English notation with ',' as separator", async () => {
    const shown = await preview('indicator,period,value\n"Utilisateurs actifs mensuels",2025-03,"1,234.5"\n');
    expect(shown.preview.rows[0].plan).toEqual({ kind: "create", to: 1234.5 });
  });

  it("refuses a commit when values changed since the preview, and shows the new preview", async () => {
    const shown = await preview("indicateur;periode;valeur\nUtilisateurs actifs mensuels;2025-04;300\n");
    await recordValues(db(), [{ indicatorId: mau.id, periodStart: day("2025-04-01"), value: 250 }], { userId, origin: "form" });
    const answer = await post(commitForm(shown));
    expect(answer.status).toBe(409);
    expect(answer.data).toMatchObject({ notice: expect.stringMatching(/ont changé depuis l'aperçu/), preview: { rows: [{ plan: { kind: "update", from: 250, to: 300 } }] } });
    expect((await valuesOf(mau.id)).find((v) => isoDay(v.periodStart) === "2025-04-01")?.value).toBe(250);
  });

  it("answers a bad upload with a French message, never a server error", async () => {
    expect(await post(new FormData())).toMatchObject({ status: 400, data: { error: "Choisissez un fichier CSV à importer." } });
    expect(await post(new URLSearchParams())).toMatchObject({ status: 400 });
    expect(await post(file(new Uint8Array([0x69, 0x6e, 0x64, 0xe9])))).toMatchObject({ status: 400, data: { error: expect.stringMatching(/UTF-8/) } });
    expect(await post(file("valeur;periode\n1;2025-01\n"))).toMatchObject({ status: 400, data: { error: expect.stringMatching(/^Colonne manquante : indicateur/) } });
    const missingContent = new FormData();
    missingContent.set("intent", "commit");
    expect(await post(missingContent)).toMatchObject({ status: 400 });

    const huge = routeArgs(path, { method: "POST", cookie, body: file("x"), params: { slug: SLUG }, headers: { "Content-Length": String(6 * 1024 * 1024) } });
    expect(await action(huge)).toMatchObject({ init: { status: 413 } });
    const garbled = routeArgs(path, { method: "POST", cookie, params: { slug: SLUG }, headers: { "Content-Type": "multipart/form-data; boundary=x" } });
    const request = new Request(garbled.request, { body: "--x\r\nnot a part" });
    expect(await action({ ...garbled, request })).toMatchObject({ init: { status: 400 } });
  });

  it("previews ten thousand rows", async () => {
    const lines = ["indicateur;periode;valeur"];
    for (let i = 0; i < MAX_IMPORT_ROWS; i += 1) lines.push(`Utilisateurs actifs mensuels;${isoDay(new Date(Date.UTC(2001, 0, 1 + i)))};${i}`);
    const shown = await preview(lines.join("\n"));
    // Days of the same month are duplicates: one value per month is created, the other days refused.
    expect(shown.preview.counts.rows).toBe(MAX_IMPORT_ROWS);
    expect(shown.preview.counts.errors).toBeGreaterThan(9000);
  });

  it("offers a template with the product's indicators that reads back", async () => {
    const response = (await templateLoader(routeArgs(`/produits/${SLUG}/indicateurs/modele.csv`, { cookie, params: { slug: SLUG } }))) as Response;
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="valeurs-${SLUG}.csv"`);
    const text = decodeUtf8(new Uint8Array(await response.arrayBuffer()));
    expect(text?.split("\n")[0]).toBe("indicateur;periode;valeur;raison");
    expect(text).toContain("Utilisateurs actifs mensuels;");
    expect(text).not.toContain("Ancien indicateur");
    const shown = await preview(text ?? "");
    expect(shown.preview.counts).toMatchObject({ rows: 2, skipped: 2, errors: 0 });
  });
});
