// `prisma generate` only needs the schema, but the CLI first tries to download a native schema
// engine (unreachable offline). Pointing PRISMA_SCHEMA_ENGINE_BINARY at an existing file skips it;
// migrations go through the WebAssembly engine instead (see docs/decisions/003-offline-migrations.md).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const stub = fileURLToPath(new URL("./schema-engine-stub.mjs", import.meta.url));
const result = spawnSync("npx", ["--no-install", "prisma", "generate"], {
  stdio: "inherit",
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: stub, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
});
process.exit(result.status ?? 1);
