// Reversibility: `npm run export` writes the whole instance, `npm run import` loads it into an empty
// database, and the round trip loses nothing: the second export is the same file (but its date), and
// Jalon serves the same pages and API answers from both databases. Bad files and non-empty targets
// are refused, changing nothing.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "~/auth/session.server";
import { closeDatabase, installDatabase } from "~/db.server";
import { openDatabase, type Database } from "~/db/connect.server";
import { seedDemoIfEmpty } from "~/db/seed/seed.server";
import { Prisma } from "~/generated/prisma/client";
import { readCatalog } from "~/instance-export/catalog.server";
import { exportInstance } from "~/instance-export/export.server";
import { EXCLUDED_TABLES, exportExpression, FORMAT_VERSION, InstanceExportError } from "~/instance-export/format";
import { importInstance } from "~/instance-export/import.server";
import { orderTables } from "~/instance-export/table-order";
import { projectPath } from "~/project-root.server";
import { copyTemplate, createTestDatabase, type TestDatabase } from "./support/db";
import { startServer, targetEnv, type RunningServer } from "./support/server";

const SECRET = "export-secret-0123456789-abcdefghijklmnop";
process.env.SESSION_SECRETS = SECRET;

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), "jalon-export-"));
const file = (name: string) => path.join(dir, name);

/** The file without its export date: what must be identical from one export of the same data to the next. */
const withoutDate = (text: string) => text.replace(/"exportedAt":"[^"]*"/, '"exportedAt":""');

async function importScript(target: Record<string, string>, exportFile: string) {
  const { DATABASE_URL: _url, JALON_DATA_DIR: _dir, ...inherited } = process.env;
  try {
    const { stdout, stderr } = await run(projectPath("node_modules", ".bin", "tsx"), ["scripts/import.ts", exportFile], {
      cwd: projectPath(),
      env: { ...inherited, NODE_ENV: "test", ...target },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** A page's body without what belongs to the request rather than the data: its CSP nonce and the time it was served. */
function requestIndependent(body: string): string {
  const now = Date.now();
  const recent = (ms: number) => Math.abs(ms - now) < 15 * 60_000;
  return body
    .replace(/nonce="[^"]*"/g, 'nonce=""')
    .replace(/\b\d{13}\b/g, (ms) => (recent(Number(ms)) ? "<maintenant>" : ms))
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, (iso) => (recent(Date.parse(iso)) ? "<maintenant>" : iso));
}

/** Where two bodies part, with some context (a readable failure for pages of 100 kB on one line). */
function firstDifference(a: string, b: string): { at: number; copy: string; original: string } | null {
  if (a === b) return null;
  let at = 0;
  while (a[at] === b[at]) at += 1;
  return { at, copy: a.slice(Math.max(0, at - 150), at + 150), original: b.slice(Math.max(0, at - 150), at + 150) };
}

async function rowTotal(database: Database): Promise<number> {
  const catalog = await readCatalog(database.prisma);
  let total = 0;
  for (const table of catalog.tables) {
    const [{ n }] = await database.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${table}"`);
    total += n;
  }
  return total;
}

let source: TestDatabase;
let copy: Awaited<ReturnType<typeof copyTemplate>>;
let sourceText: string;
const marks = { correctionId: "", inviteeId: "", dossierId: "", auditId: "", valueId: "", adminCookie: "", sessionId: "", productSlug: "" };

/** What the demo seed does not create: self-references, a frozen dossier, JSON strings, a float that is not short. */
async function addEdgeCases(prisma: Database["prisma"]) {
  const admin = await prisma.user.findFirstOrThrow({ where: { roles: { some: { role: "platform_admin" } } } });
  const invitee = await prisma.user.create({
    data: { email: "invitee@jalon.example", name: "Personne invitée", invitedById: admin.id },
  });
  const decision = await prisma.decision.findFirstOrThrow({ where: { sessionId: { not: null } }, orderBy: { id: "asc" } });
  const correction = await prisma.decision.create({
    data: {
      productId: decision.productId,
      sessionId: decision.sessionId,
      outcome: decision.outcome,
      decidedOn: decision.decidedOn,
      budgetEuros: new Prisma.Decimal("1234567.89"),
      rationale: "Correction : « guillemets », retour\nà la ligne, \\ barre oblique.",
      correctsId: decision.id,
      recordedById: admin.id,
    },
  });
  const dossier = await prisma.dossier.create({
    data: {
      productId: decision.productId,
      sessionId: decision.sessionId!,
      version: 1,
      status: "submitted",
      sections: { pitch: "Le produit", chiffres: [1, 2.5, null] },
      snapshot: { product: { name: "Nom figé" }, values: [{ period: "2024-01-01", value: 0.1 }] },
      submittedAt: new Date("2024-03-01T09:30:00.123Z"),
      submittedById: admin.id,
    },
  });
  const audit = await prisma.auditLog.create({
    data: { action: "test.edge", entityType: "Test", entityId: "x", data: "une chaîne JSON" },
  });
  const indicator = await prisma.indicator.findFirstOrThrow({ orderBy: { id: "asc" } });
  const value = await prisma.indicatorValue.create({
    data: { indicatorId: indicator.id, periodStart: new Date("2001-01-01"), value: 0.1 + 0.2, origin: "seed" },
  });
  await prisma.apiToken.create({
    data: { tokenHash: "a".repeat(64), prefix: "jal_aaaa", name: "Matomo", productId: decision.productId },
  });
  await prisma.productEvent.create({
    data: { productId: decision.productId, kind: "committee", date: new Date("2023-06-15"), sessionId: decision.sessionId },
  });
  const setCookie = await createSession(admin.id, "demo", new Request("http://localhost/"));
  Object.assign(marks, {
    correctionId: correction.id,
    inviteeId: invitee.id,
    dossierId: dossier.id,
    auditId: audit.id,
    valueId: value.id,
    adminCookie: setCookie.split(";")[0],
    sessionId: (await prisma.session.findFirstOrThrow({ where: { userId: admin.id } })).id,
  });
}

beforeAll(async () => {
  source = await createTestDatabase();
  installDatabase(source.database);
  await seedDemoIfEmpty(source.database.prisma);
  await addEdgeCases(source.database.prisma);
  await exportInstance(source.database.prisma, file("source.json"));
  sourceText = readFileSync(file("source.json"), "utf8");
}, 300_000);

afterAll(async () => {
  await closeDatabase();
  await source?.remove();
  await copy?.remove();
  rmSync(dir, { recursive: true, force: true });
});

describe("the format", () => {
  it("orders tables parents first, defers self-references, and refuses a cycle", () => {
    const nullable = () => true;
    const order = orderTables(
      ["Vote", "Decision", "Product", "User"],
      [
        { table: "Vote", columns: ["productId"], references: "Product" },
        { table: "Vote", columns: ["voterId"], references: "User" },
        { table: "Decision", columns: ["productId"], references: "Product" },
        { table: "Decision", columns: ["correctsId"], references: "Decision" },
      ],
      nullable,
    );
    expect(order.tables).toEqual(["Product", "Decision", "User", "Vote"]);
    expect(order.deferredColumns).toEqual(new Map([["Decision", ["correctsId"]]]));
    const cycle = [
      { table: "A", columns: ["bId"], references: "B" },
      { table: "B", columns: ["aId"], references: "A" },
    ];
    expect(() => orderTables(["A", "B"], cycle, nullable)).toThrow(/se référencent en cycle/);
  });

  it("names a column type it cannot write yet", () => {
    expect(() => exportExpression({ name: "shape", type: "polygon", isEnum: false, nullable: true }, "t")).toThrow(
      /La colonne shape est de type polygon/,
    );
  });
});

describe("npm run export", () => {
  it("writes every table of the schema, but the short-lived ones it names, as valid JSON", async () => {
    const document = JSON.parse(sourceText) as { formatVersion: number; tables: Record<string, unknown[]> };
    expect(document.formatVersion).toBe(FORMAT_VERSION);
    const catalog = await readCatalog(source.database.prisma);
    const exported = Object.keys(document.tables);
    // A new table is exported unless it is named here: neither silently dropped nor forgotten.
    expect([...exported, ...Object.keys(EXCLUDED_TABLES)].sort()).toEqual([...catalog.allTables].sort());
    expect(Object.values(Prisma.ModelName).filter((m) => !exported.includes(m) && !(m in EXCLUDED_TABLES))).toEqual([]);
    expect(exported).not.toContain("Session");
    expect(sourceText).not.toContain(marks.sessionId);
    expect(document.tables.IndicatorValue.length).toBeGreaterThan(1000);
    expect(document.tables.AuditLog.length).toBeGreaterThan(0);
    // Parents come before the rows that reference them.
    expect(exported.indexOf("Product")).toBeLessThan(exported.indexOf("PhaseEntry"));
    expect(exported.indexOf("CommitteeSession")).toBeLessThan(exported.indexOf("Decision"));
  });

  it("writes each type exactly: decimals as strings, dates, timestamps with milliseconds, JSON as JSON", () => {
    const document = JSON.parse(sourceText) as { tables: Record<string, Record<string, unknown>[]> };
    const byId = (table: string, id: string) => document.tables[table].find((row) => row.id === id);
    expect(byId("Decision", marks.correctionId)).toMatchObject({
      budgetEuros: "1234567.89",
      decidedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      outcome: expect.any(String),
      correctsId: expect.any(String),
    });
    expect(byId("Dossier", marks.dossierId)).toMatchObject({
      submittedAt: "2024-03-01T09:30:00.123Z",
      sections: { pitch: "Le produit", chiffres: [1, 2.5, null] },
      snapshot: { product: { name: "Nom figé" } },
    });
    expect(byId("AuditLog", marks.auditId)?.data).toBe("une chaîne JSON");
    expect(byId("IndicatorValue", marks.valueId)?.value).toBe(0.1 + 0.2);
    expect(byId("User", marks.inviteeId)?.invitedById).toEqual(expect.any(String));
  });

  it("writes the same file again for the same data, compressed or not", async () => {
    await exportInstance(source.database.prisma, file("again.json.gz"));
    const again = gunzipSync(readFileSync(file("again.json.gz"))).toString("utf8");
    expect(withoutDate(again)).toBe(withoutDate(sourceText));
  });
});

describe("npm run import", () => {
  it("refuses a damaged file or a file of another version, and leaves the database empty", { timeout: 180_000 }, async () => {
    const lines = sourceText.split("\n");
    const valueLine = lines.findIndex((line) => line.startsWith('"IndicatorValue"'));
    const compressed = readFileSync(file("again.json.gz"));
    const badFiles: [string, string | Buffer, RegExp][] = [
      ["truncated.json.gz", compressed.subarray(0, compressed.length / 2), /compressé est abîmé ou tronqué/],
      ["truncated.json", lines.slice(0, valueLine + 200).join("\n"), /tronqué/],
      ["half-line.json", sourceText.slice(0, Math.floor(sourceText.length / 2)), /abîmé|tronqué/],
      ["version.json", sourceText.replace('"formatVersion":1', '"formatVersion":2'), /version 2.*version 1/],
      ["other.json", '{"hello":"world"}\n', /n'est pas un export Jalon/],
      [
        "older-schema.json",
        sourceText.replace(/"schemaMigration":"[^"]*"/, '"schemaMigration":"20200101000000_ancien"'),
        /au schéma « 20200101000000_ancien », la base de destination est au schéma « \d+_/,
      ],
      [
        "dangling.json",
        lines.map((line, i) => (i === valueLine + 1 ? line.replace(/"indicatorId":"[^"]*"/, `"indicatorId":"${crypto.randomUUID()}"`) : line)).join("\n"),
        /refuse des lignes de la table IndicatorValue.*Rien n'a été importé/,
      ],
      [
        "extra-column.json",
        lines.map((line, i) => (i === valueLine + 1 ? line.replace("{", '{"colour":"red",') : line)).join("\n"),
        /colonne « colour » n'existe pas/,
      ],
    ];
    const target = await createTestDatabase();
    try {
      for (const [name, text, message] of badFiles) {
        writeFileSync(file(name), text);
        const refused = importInstance(target.database.prisma, file(name));
        await expect(refused, name).rejects.toThrow(InstanceExportError);
        await expect(refused, name).rejects.toThrow(message);
        expect(await rowTotal(target.database), name).toBe(0);
      }
    } finally {
      await target.destroy();
    }
  });

  it("loads the file into an empty database: exporting it again gives the same file", { timeout: 240_000 }, async () => {
    copy = await copyTemplate();
    const imported = await importScript(targetEnv(copy.target), file("again.json.gz"));
    expect(imported.stderr).toBe("");
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/Import de .* terminé/);
    const database = openDatabase(copy.target);
    try {
      await exportInstance(database.prisma, file("round-trip.json"));
      expect(withoutDate(readFileSync(file("round-trip.json"), "utf8"))).toBe(withoutDate(sourceText));
      const value = await database.prisma.indicatorValue.findUniqueOrThrow({ where: { id: marks.valueId } });
      expect(value.value).toBe(0.1 + 0.2);
      const correction = await database.prisma.decision.findUniqueOrThrow({ where: { id: marks.correctionId } });
      expect(correction.budgetEuros?.toFixed(2)).toBe("1234567.89");
      expect(correction.correctsId).not.toBeNull();
      // The session stays behind (short-lived); the page comparison below signs the admin in on both.
      const session = await source.database.prisma.session.findUniqueOrThrow({ where: { id: marks.sessionId } });
      await database.prisma.session.create({ data: session });
    } finally {
      await database.close();
    }
  });

  it("refuses a database that is not empty, changing nothing", async () => {
    const database = openDatabase(copy.target);
    try {
      await expect(importInstance(database.prisma, file("source.json"))).rejects.toThrow(
        /^La base de destination n'est pas vide \(.*\) : l'import ne se fait que dans une base neuve/,
      );
      await exportInstance(database.prisma, file("after-refusal.json"));
      expect(withoutDate(readFileSync(file("after-refusal.json"), "utf8"))).toBe(withoutDate(sourceText));
    } finally {
      await database.close();
    }
  });

  it("serves the same pages and API answers as the original", { timeout: 300_000 }, async () => {
    const prisma = source.database.prisma;
    const product = await prisma.product.findFirstOrThrow({
      where: { isPublic: true, decisions: { some: { publishedAt: { not: null } } } },
      orderBy: { slug: "asc" },
    });
    const incubator = await prisma.incubator.findFirstOrThrow({ orderBy: { slug: "asc" } });
    const committee = await prisma.committeeSession.findFirstOrThrow({ where: { status: "held" }, orderBy: { startsAt: "desc" } });
    const anonymous = ["/", `/produits/${product.slug}`, `/incubateurs/${incubator.slug}`, "/api/public/v1/products", `/api/public/v1/products/${product.slug}`];
    const signedIn = ["/", `/produits/${product.slug}`, `/comites/${committee.id}`, "/admin/journal"];
    await closeDatabase();

    const servers: RunningServer[] = [];
    try {
      for (const target of [source.target, copy.target]) {
        servers.push(await startServer({ ...targetEnv(target), SESSION_SECRETS: SECRET, JALON_DEMO_DATA: "0" }));
      }
      const answer = async (server: RunningServer, page: string, cookie?: string) => {
        const response = await fetch(`${server.url}${page}`, { headers: cookie ? { Cookie: cookie } : {} });
        return { status: response.status, etag: response.headers.get("etag"), body: requestIndependent(await response.text()) };
      };
      for (const [page, cookie] of [...anonymous.map((p) => [p]), ...signedIn.map((p) => [p, marks.adminCookie])]) {
        const label = `${page}${cookie ? " (administratrice)" : ""}`;
        const [original, copied] = [await answer(servers[0], page, cookie), await answer(servers[1], page, cookie)];
        expect(original.status, label).toBe(200);
        expect([copied.status, copied.etag], label).toEqual([original.status, original.etag]);
        expect(firstDifference(copied.body, original.body), label).toBeNull();
      }
    } finally {
      for (const server of servers) await server.stop();
    }
  });
});
