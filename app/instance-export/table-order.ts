// In which order tables are written and read back so that every foreign key points at a row already
// inserted. A table referencing itself (a decision correcting another, a user inviting another) cannot
// be ordered that way: its self-referencing columns are set in a second pass, once all its rows exist.
import { InstanceExportError } from "./format";

export interface ForeignKey {
  table: string;
  columns: string[];
  references: string;
}

export interface TableOrder {
  tables: string[];
  /** Per table, the nullable columns of its self-references, filled after its rows are inserted. */
  deferredColumns: Map<string, string[]>;
}

/** Kahn's algorithm, taking ready tables by name: the same schema always gives the same order. */
export function orderTables(
  tables: readonly string[],
  foreignKeys: readonly ForeignKey[],
  isNullable: (table: string, column: string) => boolean,
): TableOrder {
  const included = new Set(tables);
  const dependsOn = new Map(tables.map((t) => [t, new Set<string>()]));
  const deferredColumns = new Map<string, string[]>();
  for (const key of foreignKeys) {
    if (!included.has(key.table) || !included.has(key.references)) continue;
    if (key.table !== key.references) {
      dependsOn.get(key.table)!.add(key.references);
      continue;
    }
    const notNull = key.columns.find((c) => !isNullable(key.table, c));
    if (notNull) {
      throw new InstanceExportError(
        `La colonne ${key.table}.${notNull} référence sa propre table sans pouvoir être vide : l'import ne sait pas ordonner ces lignes.`,
      );
    }
    deferredColumns.set(key.table, [...(deferredColumns.get(key.table) ?? []), ...key.columns]);
  }
  const ordered: string[] = [];
  const remaining = new Set([...tables].sort());
  while (remaining.size) {
    const ready = [...remaining].find((t) => [...dependsOn.get(t)!].every((d) => !remaining.has(d)));
    if (ready === undefined) {
      throw new InstanceExportError(
        `Les tables ${[...remaining].join(", ")} se référencent en cycle : l'import ne sait pas les ordonner.`,
      );
    }
    ordered.push(ready);
    remaining.delete(ready);
  }
  return { tables: ordered, deferredColumns };
}
