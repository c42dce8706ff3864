// What the database itself says about its tables: columns, primary keys, foreign keys and the last
// migration applied. Export and import both start here, so a table added by a migration is carried
// without code changes (unless it is listed in EXCLUDED_TABLES).
import type { Db } from "~/db/seed/factories.server";
import { EXCLUDED_TABLES, type ColumnInfo } from "./format";
import { orderTables, type ForeignKey, type TableOrder } from "./table-order";

export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  primaryKey: string[];
}

export interface Catalog extends TableOrder {
  /** Every table of the schema, exported or not. */
  allTables: string[];
  /** The exported tables, by name. */
  byName: Map<string, TableInfo>;
}

interface RawCatalog {
  tables: { name: string; primaryKey: string[] | null }[];
  columns: { table: string; name: string; type: string; isEnum: boolean; nullable: boolean }[];
  foreignKeys: ForeignKey[];
}

// One query returning JSON text: the same answer through both database drivers.
const CATALOG_SQL = `
WITH rel AS (
  SELECT c.oid, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
)
SELECT json_build_object(
  'tables', (SELECT coalesce(json_agg(json_build_object(
      'name', rel.relname,
      'primaryKey', (SELECT json_agg(a.attname ORDER BY k.ord)
        FROM pg_constraint con
        CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
        JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
        WHERE con.conrelid = rel.oid AND con.contype = 'p')
    ) ORDER BY rel.relname), '[]'::json) FROM rel),
  'columns', (SELECT coalesce(json_agg(json_build_object(
      'table', rel.relname,
      'name', a.attname,
      'type', format_type(a.atttypid, a.atttypmod),
      'isEnum', t.typtype = 'e',
      'nullable', NOT a.attnotnull
    ) ORDER BY rel.relname, a.attnum), '[]'::json)
    FROM rel JOIN pg_attribute a ON a.attrelid = rel.oid JOIN pg_type t ON t.oid = a.atttypid
    WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''),
  'foreignKeys', (SELECT coalesce(json_agg(json_build_object(
      'table', rel.relname,
      'references', ref.relname,
      'columns', (SELECT json_agg(a.attname ORDER BY k.ord)
        FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
        JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum)
    ) ORDER BY con.conname), '[]'::json)
    FROM pg_constraint con JOIN rel ON rel.oid = con.conrelid JOIN pg_class ref ON ref.oid = con.confrelid
    WHERE con.contype = 'f')
)::text AS catalog`;

export async function readCatalog(db: Db): Promise<Catalog> {
  const [{ catalog }] = await db.$queryRawUnsafe<{ catalog: string }[]>(CATALOG_SQL);
  const raw = JSON.parse(catalog) as RawCatalog;
  const byName = new Map<string, TableInfo>();
  for (const table of raw.tables) {
    if (table.name in EXCLUDED_TABLES) continue;
    byName.set(table.name, { name: table.name, columns: [], primaryKey: table.primaryKey ?? [] });
  }
  for (const { table, ...column } of raw.columns) byName.get(table)?.columns.push(column);
  const isNullable = (table: string, column: string) =>
    byName.get(table)?.columns.find((c) => c.name === column)?.nullable ?? false;
  const order = orderTables([...byName.keys()], raw.foreignKeys, isNullable);
  return { ...order, allTables: raw.tables.map((t) => t.name), byName };
}

/** The last migration applied to the database: both ends of an import must share it. */
export async function lastMigration(db: Db): Promise<string | null> {
  const rows = await db.$queryRawUnsafe<{ name: string }[]>(
    `SELECT migration_name AS name FROM _prisma_migrations
     WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name DESC LIMIT 1`,
  );
  return rows[0]?.name ?? null;
}
