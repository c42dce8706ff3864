// `npm run remind` as an operator runs it: its arguments, and what it prints without SMTP (the
// e-mails themselves, nothing recorded). Sending through SMTP is tested in reminders.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db/connect.server";
import { assignRole, createIncubator, createIndicator, createProduct, createUser, recordDecision } from "~/db/seed/factories.server";
import { parisDay } from "~/domain/committee-calendar";
import { shiftPeriod } from "~/domain/indicator-health";
import { periodStart } from "~/domain/periods";
import { copyTemplate } from "./support/db";
import { runScript } from "./support/scripts";
import { targetEnv } from "./support/server";

function remind(args: string[], env: Record<string, string>) {
  return runScript("scripts/remind.ts", args, { APP_URL: "https://jalon.test", ...env });
}

let copy: Awaited<ReturnType<typeof copyTemplate>>;

beforeAll(async () => {
  copy = await copyTemplate();
  const database = openDatabase(copy.target);
  const db = database.prisma;
  const today = parisDay(new Date());
  const month = (offset: number) => shiftPeriod(periodStart(today, "monthly"), "monthly", offset);
  const incubator = await createIncubator(db, { slug: "ligne-de-commande", name: "Incubateur en ligne de commande" });
  const product = await createProduct(db, {
    slug: "sans-valeur",
    name: "Sans valeur",
    primaryIncubatorId: incubator.id,
    phases: [{ phase: "construction", start: month(-12) }],
  });
  await recordDecision(db, { productId: product.id, decidedOn: month(-5), nextReviewDate: new Date(today.getTime() + 10 * 86_400_000) });
  await createIndicator(db, { productId: product.id, name: "Utilisateurs actifs mensuels", createdAt: month(-12), values: [{ periodStart: month(-2), value: 40 }] });
  const member = await createUser(db, { email: "equipe@exemple.gouv.fr" });
  await assignRole(db, { userId: member.id, role: "team_member", productId: product.id });
  await database.close();
});
afterAll(() => copy?.remove());

describe("npm run remind", () => {
  it("explains its usage on bad arguments", async () => {
    for (const args of [["--incubateur", "x"], ["--incubator", " "]]) {
      const result = await remind(args, { JALON_DATA_DIR: "/nonexistent/never-opened" });
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr.trim()).toBe("Usage : npm run remind -- [--incubator <identifiant de l'incubateur>] [--dry-run]");
    }
  });

  it("names an unknown incubator and stops", async () => {
    const result = await remind(["--incubator", "inconnu"], targetEnv(copy.target));
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe("Aucun incubateur n'a l'identifiant « inconnu ».");
  });

  it("prints the e-mails without SMTP, records nothing, and sums up", async () => {
    const result = await remind(["--incubator", "ligne-de-commande"], targetEnv(copy.target));
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("--- SMTP non configuré : relance de « Sans valeur » (Incubateur en ligne de commande)");
    expect(result.stdout).toContain("À : equipe@exemple.gouv.fr");
    expect(result.stdout).toContain("https://jalon.test/produits/sans-valeur");
    expect(result.stdout).toMatch(/Relances d'indicateurs du .+ \(SMTP_URL n'est pas configurée : courriels affichés, pas envoyés\) :/);
    expect(result.stdout).toContain("  produits à relancer : 1\n  courriels envoyés : 0\n  courriels affichés : 1\n");

    const dryRun = await remind(["--dry-run"], targetEnv(copy.target));
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toContain("--- Simulation : relance de « Sans valeur »");
    expect(dryRun.stdout).toContain("(simulation : aucun courriel envoyé)");

    const database = openDatabase(copy.target);
    try {
      expect(await database.prisma.auditLog.count({ where: { action: "indicator.reminder_sent" } })).toBe(0);
    } finally {
      await database.close();
    }
  });
});
