// Persona sign-in for trying Jalon: only on a database filled by the demo seed, and never in
// production unless the instance is explicitly a public demo (JALON_DEMO_SIGNIN=1).
import { config } from "~/config.server";
import { db } from "~/db.server";

export async function isDemoSignInEnabled(): Promise<boolean> {
  const { demoSignIn, database } = config();
  if (demoSignIn === "off" || (demoSignIn === "local" && database.kind !== "pglite")) return false;
  const seed = await db().appMeta.findUnique({ where: { key: "seed" }, select: { value: true } });
  return (seed?.value as { kind?: string } | null | undefined)?.kind === "demo";
}
