// `npm run import`: loads an export into an EMPTY database of the same schema, in one transaction: on
// any problem (a bad line, a refused row, a truncated file, the process killed) the database is left
// as it was. Rows are read as a stream and inserted in batches; PostgreSQL turns each JSON value back
// into its column type (json_populate_recordset), so the types round-trip through the database's own
// input functions.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import type { Db } from "~/db/seed/factories.server";
import type { PrismaClient } from "~/generated/prisma/client";
import { lastMigration, readCatalog, type Catalog, type TableInfo } from "./catalog.server";
import { LONG_TRANSACTION } from "./export.server";
import { checkRow, classifyLine, InstanceExportError, parseHeaderLine, quoteIdent, type ExportHeader } from "./format";

const BATCH_ROWS = 5000;
/**
 * Prisma's debug module keeps the arguments of the last 100 queries (for its crash reports): batches
 * of about a megabyte keep that to ~100 MB, whatever the size of the file.
 */
const BATCH_CHARS = 1_000_000;

export interface ImportSummary {
  schemaMigration: string;
  exportedAt: string;
  rowCounts: Record<string, number>;
}

/**
 * The file's lines (LF or CRLF), read as they are consumed: the stream is paused while a batch is
 * being inserted, so memory holds a batch, not the file.
 */
async function* readLines(file: string): AsyncGenerator<string> {
  let input: Readable = createReadStream(file);
  if (file.endsWith(".gz")) {
    const gunzip = createGunzip();
    input.on("error", (error) => gunzip.destroy(error));
    input = input.pipe(gunzip);
  }
  input.setEncoding("utf8");
  let rest = "";
  for await (const chunk of input as AsyncIterable<string>) {
    const lines = (rest + chunk).split(/\r?\n/);
    rest = lines.pop()!;
    yield* lines;
  }
  if (rest) yield rest;
}

function databaseMessage(error: unknown): string {
  const meta = (error as { meta?: { message?: unknown } }).meta;
  if (typeof meta?.message === "string") return meta.message;
  return error instanceof Error ? (error.message.split("\n").filter(Boolean).at(-1) ?? error.message) : String(error);
}

async function checkTarget(db: Db, header: ExportHeader, catalog: Catalog): Promise<void> {
  const migration = await lastMigration(db);
  if (migration !== header.schemaMigration) {
    throw new InstanceExportError(
      `Le fichier vient d'une base au schéma « ${header.schemaMigration} », la base de destination est au schéma « ${migration ?? "aucun"} » : importez-le avec la version de Jalon qui l'a produit (puis mettez Jalon à jour), ou l'inverse.`,
    );
  }
  const inFile = Object.keys(header.rowCounts);
  const missing = catalog.tables.filter((t) => !inFile.includes(t));
  const unknown = inFile.filter((t) => !catalog.byName.has(t));
  if (missing.length || unknown.length) {
    throw new InstanceExportError(
      `Les tables du fichier ne sont pas celles de la base (${[
        ...missing.map((t) => `${t} absente du fichier`),
        ...unknown.map((t) => `${t} inconnue de la base`),
      ].join(", ")}) : le fichier a été modifié ou ne vient pas de cette version de Jalon.`,
    );
  }
  const sql = catalog.tables
    .map((t) => `SELECT '${t.replace(/'/g, "''")}' AS name FROM ${quoteIdent(t)} HAVING count(*) > 0`)
    .join(" UNION ALL ");
  const filled = await db.$queryRawUnsafe<{ name: string }[]>(sql);
  if (filled.length) {
    throw new InstanceExportError(
      `La base de destination n'est pas vide (${filled.length > 4 ? `${filled.slice(0, 4).map((r) => r.name).join(", ")}…` : filled.map((r) => r.name).join(", ")}) : l'import ne se fait que dans une base neuve, pour ne rien mélanger ni écraser. Créez une base vide (ou choisissez un nouveau dossier JALON_DATA_DIR) puis relancez l'import.`,
    );
  }
}

/** Inserts one table's rows, batch by batch; self-references are set once all its rows exist. */
class TableLoader {
  private batch: string[] = [];
  private batchChars = 0;
  private deferred: string[] = [];
  count = 0;
  readonly columnNames: ReadonlySet<string>;
  private readonly deferredColumns: string[];

  constructor(
    private readonly db: Db,
    readonly table: TableInfo,
    deferredColumns: string[] | undefined,
  ) {
    this.columnNames = new Set(table.columns.map((c) => c.name));
    this.deferredColumns = deferredColumns ?? [];
  }

  async add(json: string, row: Record<string, unknown>): Promise<void> {
    this.count += 1;
    this.batch.push(json);
    this.batchChars += json.length;
    if (this.deferredColumns.some((c) => row[c] !== null)) this.deferred.push(json);
    if (this.batch.length >= BATCH_ROWS || this.batchChars >= BATCH_CHARS) await this.flush();
  }

  private async run(sql: string, rows: string[]): Promise<void> {
    try {
      await this.db.$executeRawUnsafe(sql, `[${rows.join(",")}]`);
    } catch (error) {
      throw new InstanceExportError(
        `La base refuse des lignes de la table ${this.table.name} : ${databaseMessage(error)}. Rien n'a été importé.`,
      );
    }
  }

  async flush(): Promise<void> {
    if (!this.batch.length) return;
    const columns = this.table.columns
      .map((c) => c.name)
      .filter((name) => !this.deferredColumns.includes(name))
      .map(quoteIdent);
    const source = `json_populate_recordset(NULL::${quoteIdent(this.table.name)}, $1::json) AS r`;
    await this.run(
      `INSERT INTO ${quoteIdent(this.table.name)} (${columns.join(", ")}) SELECT ${columns.map((c) => `r.${c}`).join(", ")} FROM ${source}`,
      this.batch,
    );
    this.batch = [];
    this.batchChars = 0;
  }

  async finish(): Promise<void> {
    await this.flush();
    if (!this.deferred.length) return;
    const { name, primaryKey } = this.table;
    const set = this.deferredColumns.map((c) => `${quoteIdent(c)} = r.${quoteIdent(c)}`).join(", ");
    const match = primaryKey.map((c) => `t.${quoteIdent(c)} = r.${quoteIdent(c)}`).join(" AND ");
    for (let start = 0; start < this.deferred.length; start += BATCH_ROWS) {
      await this.run(
        `UPDATE ${quoteIdent(name)} AS t SET ${set} FROM json_populate_recordset(NULL::${quoteIdent(name)}, $1::json) AS r WHERE ${match}`,
        this.deferred.slice(start, start + BATCH_ROWS),
      );
    }
    this.deferred = [];
  }
}

async function loadBody(db: Db, lines: AsyncGenerator<string>, header: ExportHeader, catalog: Catalog) {
  const truncated = () =>
    new InstanceExportError("Le fichier s'arrête avant la fin de l'export : il est tronqué. Rien n'a été importé.");
  const seen = new Set<string>();
  let loader: TableLoader | null = null;
  let lineNumber = 1;
  for (;;) {
    const next = await lines.next();
    if (next.done) throw truncated();
    lineNumber += 1;
    const line = classifyLine(next.value);
    if (line.kind === "end") {
      if (loader) throw truncated();
      break;
    }
    if (line.kind === "table") {
      const table = catalog.byName.get(line.table);
      if (loader || !table || seen.has(line.table)) {
        throw new InstanceExportError(`Ligne ${lineNumber} : section de table « ${line.table} » inattendue ; le fichier est abîmé.`);
      }
      seen.add(line.table);
      loader = new TableLoader(db, table, catalog.deferredColumns.get(line.table));
      continue;
    }
    if (!loader) throw new InstanceExportError(`Ligne ${lineNumber} : contenu hors de toute table ; le fichier est abîmé.`);
    if (line.kind === "row") {
      await loader.add(line.json, checkRow(line.json, loader.table.name, loader.columnNames, lineNumber));
      continue;
    }
    await loader.finish();
    const expected = header.rowCounts[loader.table.name];
    if (loader.count !== expected) {
      throw new InstanceExportError(
        `La table ${loader.table.name} compte ${loader.count} ligne(s) dans le fichier, son en-tête en annonce ${expected} : le fichier est abîmé.`,
      );
    }
    loader = null;
  }
  const absent = catalog.tables.filter((t) => !seen.has(t));
  if (absent.length) throw new InstanceExportError(`Le fichier n'a pas de section pour ${absent.join(", ")} : il est abîmé.`);
  for (;;) {
    const rest = await lines.next();
    if (rest.done) break;
    if (rest.value.trim() !== "") throw new InstanceExportError("Du contenu suit la fin de l'export : le fichier est abîmé.");
  }
}

/** Imports `file` into the (empty, migrated) database, all or nothing. */
export async function importInstance(prisma: PrismaClient, file: string): Promise<ImportSummary> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new InstanceExportError(`Le fichier ${file} est introuvable.`);
  const lines = readLines(file);
  try {
    const first = await lines.next();
    const header = parseHeaderLine(first.done ? undefined : first.value);
    await prisma.$transaction(async (tx) => {
      const catalog = await readCatalog(tx);
      await checkTarget(tx, header, catalog);
      await loadBody(tx, lines, header, catalog);
    }, LONG_TRANSACTION);
    return { schemaMigration: header.schemaMigration, exportedAt: header.exportedAt, rowCounts: header.rowCounts };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "Z_BUF_ERROR" || (error as NodeJS.ErrnoException).code === "Z_DATA_ERROR") {
      throw new InstanceExportError("Le fichier compressé est abîmé ou tronqué. Rien n'a été importé.");
    }
    throw error;
  } finally {
    await lines.return(undefined);
  }
}
