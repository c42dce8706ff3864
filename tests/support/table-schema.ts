// A small validator of a CSV file against its frictionless Table Schema, for what Jalon's schemas
// use: the header, types and formats (string, uuid, uri, integer, number, date, datetime, boolean),
// required, enum, the primary key's uniqueness; foreign keys are checked by `foreignKeyErrors`.
import { normalizeCsvText, parseCsv } from "~/indicators/csv";
import { parseDay } from "~/domain/days";

export interface TableSchemaField {
  name: string;
  type: string;
  format?: string;
  constraints?: { required?: boolean; enum?: string[] };
}

export interface TableSchema {
  fields: TableSchemaField[];
  missingValues?: string[];
  primaryKey?: string | string[];
  foreignKeys?: { fields: string; reference: { resource: string; fields: string } }[];
}

export type Table = Record<string, string | null>[];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function typeError(field: TableSchemaField, value: string): string | null {
  switch (field.type) {
    case "string":
      if (field.format === "uuid" && !UUID.test(value)) return "not a uuid";
      if (field.format === "uri" && !/^https?:\/\/\S+$/.test(value)) return "not a web address";
      return null;
    case "integer":
      return /^-?\d+$/.test(value) ? null : "not an integer";
    case "number":
      return value.trim() !== "" && Number.isFinite(Number(value)) ? null : "not a number";
    case "date":
      return parseDay(value) ? null : "not a date";
    case "datetime":
      return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value))
        ? null
        : "not a datetime";
    case "boolean":
      return value === "true" || value === "false" ? null : "not a boolean";
    default:
      return `unknown type ${field.type}`;
  }
}

/** The rows of `csv` (missing values as null) and every way they break `schema`. */
export function validateCsv(csv: string, schema: TableSchema): { rows: Table; errors: string[] } {
  const errors: string[] = [];
  const parsed = parseCsv(normalizeCsvText(csv), ",");
  if (!parsed.ok) return { rows: [], errors: [parsed.error] };
  const [header, ...records] = parsed.records;
  const names = schema.fields.map((f) => f.name);
  if (!header || header.fields.join(",") !== names.join(",")) {
    errors.push(`header ${header?.fields.join(",")} is not ${names.join(",")}`);
    return { rows: [], errors };
  }
  const missing = new Set(schema.missingValues ?? [""]);
  const rows: Table = [];
  for (const record of records) {
    if (record.fields.length !== names.length) {
      errors.push(`line ${record.line}: ${record.fields.length} cells for ${names.length} columns`);
      continue;
    }
    const row: Record<string, string | null> = {};
    schema.fields.forEach((field, i) => {
      const value = record.fields[i];
      if (missing.has(value)) {
        row[field.name] = null;
        if (field.constraints?.required) errors.push(`line ${record.line}: ${field.name} is required`);
        return;
      }
      row[field.name] = value;
      const problem = typeError(field, value);
      if (problem) errors.push(`line ${record.line}: ${field.name} « ${value} » is ${problem}`);
      if (field.constraints?.enum && !field.constraints.enum.includes(value)) {
        errors.push(`line ${record.line}: ${field.name} « ${value} » is not one of ${field.constraints.enum.join(", ")}`);
      }
    });
    rows.push(row);
  }
  const key = schema.primaryKey === undefined ? [] : Array.isArray(schema.primaryKey) ? schema.primaryKey : [schema.primaryKey];
  if (key.length > 0) {
    const seen = new Set<string>();
    for (const row of rows) {
      const id = JSON.stringify(key.map((k) => row[k]));
      if (key.some((k) => row[k] === null)) errors.push(`primary key ${id} has an empty part`);
      if (seen.has(id)) errors.push(`primary key ${id} is repeated`);
      seen.add(id);
    }
  }
  return { rows, errors };
}

/** Values of `schema`'s foreign keys that name no row of the referenced table. */
export function foreignKeyErrors(rows: Table, schema: TableSchema, tables: Record<string, Table>): string[] {
  const errors: string[] = [];
  for (const fk of schema.foreignKeys ?? []) {
    const target = tables[fk.reference.resource];
    if (!target) {
      errors.push(`no table ${fk.reference.resource}`);
      continue;
    }
    const known = new Set(target.map((row) => row[fk.reference.fields]));
    for (const row of rows) {
      const value = row[fk.fields];
      if (value !== null && !known.has(value)) errors.push(`${fk.fields} « ${value} » is not a ${fk.reference.resource}.${fk.reference.fields}`);
    }
  }
  return errors;
}
