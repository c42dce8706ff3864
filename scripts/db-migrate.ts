// npm run db:migrate: applies pending migrations to the configured database (the server also does
// this at start-up). Records them in `_prisma_migrations` exactly as `prisma migrate deploy` would.
import { describeTarget } from "../app/config.server";
import { withMigratedDatabase } from "./with-database";

await withMigratedDatabase(async (db, applied) => {
  const where = describeTarget(db.target);
  console.log(applied.length ? `Migrations appliquées (${where}) : ${applied.join(", ")}` : `Aucune migration en attente (${where}).`);
});
