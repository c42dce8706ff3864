// npm run import -- <fichier>: loads an export (npm run export) into the configured database, which
// must be empty; applies the migrations first. All or nothing: on any problem the database is left
// as it was.
import { StartupError } from "../app/config.server";
import { InstanceExportError } from "../app/instance-export/format";
import { importInstance } from "../app/instance-export/import.server";
import { formatDuration, printCounts, withMigratedDatabase } from "./with-database";

const USAGE = "Usage : npm run import -- <fichier>, le fichier produit par npm run export (.json ou .json.gz)";

const args = process.argv.slice(2);
if (args.length !== 1 || args[0].startsWith("-")) {
  console.error(USAGE);
  process.exit(2);
}
const [file] = args;

await withMigratedDatabase(async ({ prisma }) => {
  const started = performance.now();
  const summary = await importInstance(prisma, file).catch((error: unknown) => {
    throw error instanceof InstanceExportError ? new StartupError(error.message) : error;
  });
  console.log(
    `Import de ${file} (exporté le ${summary.exportedAt}) terminé en ${formatDuration(performance.now() - started)} :`,
  );
  printCounts(summary.rowCounts);
});
