// On PostgreSQL, each statement is prepared once per connection under a name drawn from its text
// (app/db/connect.server.ts): the server parses it once, not at every run. PGlite runs in the same
// process and has nothing to save.
import { describe, expect, inject, it } from "vitest";
import { setupTestDatabase } from "./support/db";

describe.skipIf(inject("databaseTemplate").kind !== "postgresql")("statements on PostgreSQL", () => {
  const db = setupTestDatabase();

  it("are prepared once per connection, one name per text", async () => {
    // One transaction: one connection throughout, whose prepared statements the server lists.
    const prepared = await db().$transaction(async (tx) => {
      for (let i = 0; i < 3; i++) await tx.$queryRaw`SELECT ${i}::int AS probe_one`;
      await tx.$queryRaw`SELECT ${"a"}::text AS probe_two`;
      return tx.$queryRaw<{ name: string; statement: string }[]>`
        SELECT name, statement FROM pg_prepared_statements WHERE statement LIKE '%AS probe\\_%' AND statement NOT LIKE '%pg_prepared_statements%'
        ORDER BY statement`;
    });
    expect(prepared.map((p) => p.statement.match(/probe_\w+/)?.[0])).toEqual(["probe_one", "probe_two"]);
    expect(new Set(prepared.map((p) => p.name)).size).toBe(2);
  });
});
