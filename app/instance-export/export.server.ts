// `npm run export`: the whole instance in one file (docs/export-format.md). Everything is read in one
// REPEATABLE READ transaction, so the file is a consistent picture even while Jalon keeps running,
// and streamed through a server-side cursor, so memory stays flat whatever the size of the instance.
import { createWriteStream } from "node:fs";
import { rename, rm, stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import type { Db } from "~/db/seed/factories.server";
import type { PrismaClient } from "~/generated/prisma/client";
import { lastMigration, readCatalog, type Catalog, type TableInfo } from "./catalog.server";
import {
  exportExpression,
  FILE_CLOSING,
  FORMAT,
  FORMAT_VERSION,
  headerLine,
  InstanceExportError,
  quoteIdent,
  rowSeparator,
  tableClosing,
  tableOpening,
  type ExportHeader,
} from "./format";

/** Rows fetched from the cursor at a time. */
const BATCH = 5000;
/** Large instances take minutes; the transaction must outlive them. */
export const LONG_TRANSACTION = { maxWait: 60_000, timeout: 6 * 60 * 60_000 };

export interface ExportSummary {
  file: string;
  schemaMigration: string;
  rowCounts: Record<string, number>;
  bytes: number;
}

const COLLATABLE = /^(text|character varying.*)$/;

/** One JSON line per row, in primary key order (bytewise for texts), so that two exports of the same data are identical. */
function rowsQuery(table: TableInfo): string {
  const values = table.columns.map((c) => `${exportExpression(c, "t")} AS ${quoteIdent(c.name)}`).join(", ");
  const order = table.primaryKey.length
    ? table.primaryKey
        .map((name) => {
          const column = table.columns.find((c) => c.name === name)!;
          return `t.${quoteIdent(name)}${COLLATABLE.test(column.type) ? ' COLLATE "C"' : ""}`;
        })
        .join(", ")
    : '1 COLLATE "C"';
  return `SELECT row_to_json(r)::text AS line FROM ${quoteIdent(table.name)} AS t CROSS JOIN LATERAL (SELECT ${values}) AS r ORDER BY ${order}`;
}

/**
 * PostgreSQL writes both a JSON null and a missing value (SQL NULL) as `null`: they could not be told
 * apart on import. Jalon never stores the former; refuse rather than lose the difference.
 */
async function refuseJsonNulls(db: Db, catalog: Catalog): Promise<void> {
  for (const table of catalog.byName.values()) {
    for (const column of table.columns.filter((c) => c.type === "json" || c.type === "jsonb")) {
      const ref = quoteIdent(column.name);
      const [{ n }] = await db.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM ${quoteIdent(table.name)} WHERE jsonb_typeof(${ref}::jsonb) = 'null'`,
      );
      if (n > 0) {
        throw new InstanceExportError(
          `${n} ligne(s) de ${table.name} contiennent la valeur JSON null dans ${column.name}, que le format ne distingue pas d'une valeur absente : corrigez-les (NULL) avant d'exporter.`,
        );
      }
    }
  }
}

async function countRows(db: Db, tables: string[]): Promise<Record<string, number>> {
  const sql = tables
    .map((t) => `SELECT ${`'${t.replace(/'/g, "''")}'`} AS name, count(*)::int AS n FROM ${quoteIdent(t)}`)
    .join(" UNION ALL ");
  const rows = await db.$queryRawUnsafe<{ name: string; n: number }[]>(sql);
  const counts = new Map(rows.map((r) => [r.name, r.n]));
  return Object.fromEntries(tables.map((t) => [t, counts.get(t) ?? 0]));
}

async function* fileText(db: Db, catalog: Catalog, header: ExportHeader): AsyncGenerator<string> {
  yield headerLine(header);
  for (const [index, name] of catalog.tables.entries()) {
    yield tableOpening(name);
    await db.$executeRawUnsafe(`DECLARE jalon_export NO SCROLL CURSOR FOR ${rowsQuery(catalog.byName.get(name)!)}`);
    let written = 0;
    for (;;) {
      const rows = await db.$queryRawUnsafe<{ line: string }[]>(`FETCH ${BATCH} FROM jalon_export`);
      if (!rows.length) break;
      yield (written ? rowSeparator : "") + rows.map((r) => r.line).join(rowSeparator);
      written += rows.length;
    }
    await db.$executeRawUnsafe("CLOSE jalon_export");
    yield tableClosing(written, index === catalog.tables.length - 1);
  }
  yield FILE_CLOSING;
}

/** Writes the export to `file` (gzip-compressed when it ends in .gz); nothing is left behind on failure. */
export async function exportInstance(prisma: PrismaClient, file: string, now = new Date()): Promise<ExportSummary> {
  const partial = `${file}.partiel`;
  try {
    const { schemaMigration, rowCounts } = await prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      const migration = await lastMigration(tx);
      if (!migration) throw new InstanceExportError("Cette base n'a aucune migration appliquée : il n'y a rien à exporter.");
      const catalog = await readCatalog(tx);
      await refuseJsonNulls(tx, catalog);
      const header: ExportHeader = {
        format: FORMAT,
        formatVersion: FORMAT_VERSION,
        exportedAt: now.toISOString(),
        schemaMigration: migration,
        rowCounts: await countRows(tx, catalog.tables),
      };
      const text = Readable.from(fileText(tx, catalog, header));
      if (file.endsWith(".gz")) await pipeline(text, createGzip(), createWriteStream(partial));
      else await pipeline(text, createWriteStream(partial));
      return header;
    }, LONG_TRANSACTION);
    await rename(partial, file);
    return { file, schemaMigration, rowCounts, bytes: (await stat(file)).size };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
