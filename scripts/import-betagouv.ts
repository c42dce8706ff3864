// npm run import:betagouv -- <dossier>: imports the public portfolio of beta.gouv.fr (the `content/`
// folder of the betagouv/beta.gouv.fr repository, a clone of it, or the network's `startups.json`
// export) into the configured database, after applying migrations. Everything is written in one
// transaction; running it again with the same source changes nothing and says so.
import { StartupError } from "../app/config.server";
import { describeImportReport } from "../app/import/betagouv/betagouv-report";
import { ImportSourceError } from "../app/import/betagouv/betagouv-format";
import { importBetagouv, locateSource } from "../app/import/betagouv/import.server";
import { withMigratedDatabase } from "./with-database";

const USAGE =
  "Usage : npm run import:betagouv -- <dossier>, où <dossier> est le dossier content/ du dépôt betagouv/beta.gouv.fr (ou le dépôt lui-même), ou un export startups.json.";

const args = process.argv.slice(2);
const folder = args.length === 1 && !args[0]?.startsWith("-") ? args[0] : undefined;
if (folder === undefined) {
  console.error(USAGE);
  process.exit(2);
}

// A wrong folder is told before the database is opened (and migrated) for nothing.
try {
  locateSource(folder);
} catch (error) {
  console.error(error instanceof ImportSourceError ? error.message : error);
  process.exit(1);
}

await withMigratedDatabase(async () => {
  try {
    const report = await importBetagouv(folder);
    console.log(describeImportReport(report, folder));
  } catch (error) {
    if (error instanceof ImportSourceError) throw new StartupError(error.message);
    throw new StartupError(
      `L'import a échoué et n'a rien modifié (tout est annulé) : ${error instanceof Error ? error.message : String(error)}`,
    );
  }
});
