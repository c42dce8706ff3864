// npm run db:seed [-- --scale N]: replaces the demo portfolio with N copies of its products (default 1;
// copies share incubators by groups of seven), after applying migrations. Refuses to touch a database
// whose products or accounts do not come from the seed.
import { parseArgs } from "node:util";
import { StartupError } from "../app/config.server";
import { resetPortfolio, seedMeta, seedPortfolio } from "../app/db/seed/seed.server";
import { formatDuration, printCounts, withMigratedDatabase } from "./with-database";

const USAGE =
  "Usage : npm run db:seed -- [--scale N], où N est un nombre entier de 1 à 500 (1 par défaut : le portefeuille de démonstration).";
const MAX_SCALE = 500;

function parseScale(args: string[]): number | null {
  try {
    const { values } = parseArgs({ args, options: { scale: { type: "string" } }, strict: true });
    const raw = values.scale ?? "1";
    const scale = Number(raw);
    return /^\d+$/.test(raw) && scale >= 1 && scale <= MAX_SCALE ? scale : null;
  } catch {
    return null;
  }
}

const scale = parseScale(process.argv.slice(2));
if (scale === null) {
  console.error(USAGE);
  process.exit(2);
}

await withMigratedDatabase(async ({ prisma }) => {
  // Resetting empties every table: only a database filled by the seed (or still empty) may be reset.
  const [products, users] = await Promise.all([prisma.product.count(), prisma.user.count()]);
  if (products + users > 0 && !(await seedMeta(prisma))) {
    throw new StartupError(
      `La base contient ${products} produit(s) et ${users} compte(s) qui ne viennent pas du jeu de démonstration : ce sont de vraies données, le seed refuse de les effacer.`,
    );
  }
  const started = performance.now();
  await resetPortfolio(prisma);
  const counts = await seedPortfolio(prisma, { scale });
  // Statistics of the fresh rows: until autovacuum gets to them, the planner would guess from empty tables.
  // VACUUM also marks the pages all-visible, so that lookups answered by an index alone (the portfolio's)
  // do not visit the table, as on a database autovacuum has seen.
  await prisma.$executeRaw`VACUUM ANALYZE`;
  const elapsed = performance.now() - started;
  console.log(`Portefeuille de démonstration chargé à l'échelle ${scale} en ${formatDuration(elapsed)} :`);
  printCounts(counts);
});
