import { Prisma } from "~/generated/prisma/client";

/** Strings as one SQL text[] value, e.g. phase ids to test with `= ANY(...)` or rank with `array_position`. */
export const textArray = (values: readonly string[]) => Prisma.sql`ARRAY[${Prisma.join(values)}]::text[]`;
