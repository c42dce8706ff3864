// npm run remind [-- --incubator <slug>] [-- --dry-run]: e-mails the teams of active products whose
// indicators lack their last value while their committee is near (45 days) or past. Without SMTP
// (SMTP_URL), prints the e-mails instead; --dry-run prints them and records nothing. A product's
// team gets at most one reminder a day, whatever the number of runs; of runs started together (cron on
// several hosts), one works and the others say they are skipped (a JobLock lease).
import { parseArgs } from "node:util";
import { StartupError } from "../app/config.server";
import { describeReminderSummary, describeSkippedRun, runScheduledReminders } from "../app/indicators/reminders.server";
import { withMigratedDatabase } from "./with-database";

const USAGE = "Usage : npm run remind -- [--incubator <identifiant de l'incubateur>] [--dry-run]";

function parseOptions(args: string[]): { incubatorSlug?: string; dryRun: boolean } | null {
  try {
    const { values } = parseArgs({
      args,
      options: { incubator: { type: "string" }, "dry-run": { type: "boolean", default: false } },
      strict: true,
      allowPositionals: false,
    });
    if (values.incubator !== undefined && values.incubator.trim() === "") return null;
    return { incubatorSlug: values.incubator?.trim(), dryRun: values["dry-run"] ?? false };
  } catch {
    return null;
  }
}

const options = parseOptions(process.argv.slice(2));
if (options === null) {
  console.error(USAGE);
  process.exit(2);
}

await withMigratedDatabase(async () => {
  const asOf = new Date();
  const run = await runScheduledReminders({ ...options, asOf, print: (text) => console.log(text) });
  if (!run.ran) {
    // Not a failure: cron on another host got there first.
    console.log(describeSkippedRun(run));
    return;
  }
  const summary = run.value;
  console.log(describeReminderSummary(summary, asOf));
  if (summary.failed > 0) throw new StartupError(`${summary.failed} relance(s) n'ont pas pu être envoyées : voyez les messages ci-dessus.`);
});
