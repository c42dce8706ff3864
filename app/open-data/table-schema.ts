// The shape of an open dataset, once: its columns, from which the CSV header, the frictionless Table
// Schema (https://specs.frictionlessdata.io/table-schema/), the API's JSON Schema and the /donnees page
// are all derived, so that none of them can say something the others do not.

export type FieldType = "string" | "integer" | "number" | "date" | "datetime" | "boolean";

export interface DatasetField {
  name: string;
  type: FieldType;
  /** Table Schema format: "uuid", "uri"… ("default" when absent). */
  format?: "uuid" | "uri";
  /** A short French label. */
  title: string;
  /** What the column holds, in French. */
  description: string;
  required: boolean;
  enum?: readonly string[];
  example: string | number | boolean | null;
}

export interface DatasetDefinition {
  /** The file's name: /donnees/<id>.csv and /donnees/<id>.schema.json. */
  id: string;
  /** Where the public API pages through the same rows, under /api/public/v1. */
  apiPath: string;
  title: string;
  description: string;
  fields: readonly DatasetField[];
  primaryKey: readonly string[];
  foreignKeys: readonly { fields: string; reference: { resource: string; fields: string } }[];
}

/** A cell as the API gives it: dates as "AAAA-MM-JJ", instants in ISO 8601. */
export type CellValue = string | number | boolean | null;

export const LICENCE = {
  name: "etalab-2.0",
  title: "Licence Ouverte / Etalab 2.0",
  path: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
} as const;

/** The frictionless Table Schema of a dataset. */
export function tableSchema(dataset: DatasetDefinition) {
  return {
    $schema: "https://specs.frictionlessdata.io/schemas/table-schema.json",
    name: dataset.id,
    title: dataset.title,
    description: dataset.description,
    licenses: [LICENCE],
    fields: dataset.fields.map((field) => ({
      name: field.name,
      title: field.title,
      type: field.type,
      format: field.format ?? "default",
      description: field.description,
      example: field.example,
      constraints: {
        required: field.required,
        ...(field.enum ? { enum: [...field.enum] } : {}),
      },
    })),
    // An empty cell is a missing value: the only way CSV says null.
    missingValues: [""],
    primaryKey: dataset.primaryKey.length === 1 ? dataset.primaryKey[0] : [...dataset.primaryKey],
    foreignKeys: dataset.foreignKeys.map((fk) => ({ fields: fk.fields, reference: { ...fk.reference } })),
  };
}

const JSON_TYPES: Record<FieldType, { type: string; format?: string }> = {
  string: { type: "string" },
  integer: { type: "integer" },
  number: { type: "number" },
  date: { type: "string", format: "date" },
  datetime: { type: "string", format: "date-time" },
  boolean: { type: "boolean" },
};

/** The JSON Schema of one row as the API gives it (for the OpenAPI document). */
export function rowJsonSchema(dataset: DatasetDefinition) {
  return {
    type: "object",
    description: dataset.description,
    properties: Object.fromEntries(
      dataset.fields.map((field) => {
        const base = { ...JSON_TYPES[field.type], description: field.description, ...(field.enum ? { enum: [...field.enum] } : {}) };
        return [field.name, field.required ? base : { anyOf: [base, { type: "null" }], description: field.description }];
      }),
    ),
    required: dataset.fields.map((field) => field.name),
    additionalProperties: false,
  };
}

/**
 * One CSV cell (RFC 4180 quoting). A text cell starting with = + - @ (or a tab or carriage return)
 * gets a leading apostrophe, so that a spreadsheet shows it as text rather than running it as a
 * formula; numbers and dates are written as they are.
 */
export function csvCell(field: DatasetField, value: CellValue): string {
  if (value === null) return "";
  const text = String(value);
  const safe = field.type === "string" && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const csvHeader = (dataset: DatasetDefinition) => `${dataset.fields.map((f) => f.name).join(",")}\r\n`;

export const csvRow = (dataset: DatasetDefinition, row: Readonly<Record<string, CellValue>>) =>
  `${dataset.fields.map((field) => csvCell(field, row[field.name] ?? null)).join(",")}\r\n`;
