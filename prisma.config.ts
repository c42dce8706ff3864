// Used by the Prisma CLI for `generate` only: migrations run through Jalon's own offline runner
// (scripts/db-migrate.ts), which reads the same folder.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
