// Shared by Jalon's OpenAPI documents: schemas generated from the zod schemas the server uses.
import { z } from "zod";

export const schemaRef = (id: string) => ({ $ref: `#/components/schemas/${id}` });

/** The `components.schemas` of a document, from zod schemas named by id. */
export function componentSchemas(named: Record<string, z.ZodType>, io: "input" | "output"): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { io, uri: (id) => schemaRef(id).$ref });
  // Each schema is a component of the document, not a document of its own.
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _schema, $id: _id, ...rest } = schema;
      return [id, rest];
    }),
  );
}
