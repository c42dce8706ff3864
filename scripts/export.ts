// npm run export -- <fichier>: writes the whole instance (every table but the short-lived ones, see
// docs/export-format.md) into one JSON file, gzip-compressed when its name ends in .gz. Reads only:
// the database is neither migrated nor changed, and may keep serving meanwhile.
import { existsSync } from "node:fs";
import { StartupError } from "../app/config.server";
import { exportInstance } from "../app/instance-export/export.server";
import { InstanceExportError } from "../app/instance-export/format";
import { formatDuration, printCounts, withDatabase } from "./with-database";

const USAGE = "Usage : npm run export -- <fichier> (terminé par .gz pour le compresser), par exemple npm run export -- jalon.json.gz";

const args = process.argv.slice(2);
if (args.length !== 1 || args[0].startsWith("-")) {
  console.error(USAGE);
  process.exit(2);
}
const [file] = args;

await withDatabase(async ({ prisma }) => {
  if (existsSync(file)) throw new StartupError(`Le fichier ${file} existe déjà : choisissez un autre nom (l'export n'écrase rien).`);
  const started = performance.now();
  const summary = await exportInstance(prisma, file).catch((error: unknown) => {
    throw error instanceof InstanceExportError ? new StartupError(error.message) : error;
  });
  const megabytes = (summary.bytes / 1_048_576).toFixed(1).replace(".", ",");
  console.log(
    `Export écrit dans ${file} en ${formatDuration(performance.now() - started)} (${megabytes} Mo, schéma ${summary.schemaMigration}) :`,
  );
  printCounts(summary.rowCounts);
});
