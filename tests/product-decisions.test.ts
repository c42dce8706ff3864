// Decisions on the product page: the public reads published ones only, the incubator reads them all.
import { describe, expect, it } from "vitest";
import { createSession } from "~/auth/session.server";
import { assignRole, createIncubator, createProduct, createUser, recordDecision } from "~/db/seed/factories.server";
import { loader as productLoader } from "~/routes/produits.$slug";
import { setupTestDatabase } from "./support/db";
import { routeArgs } from "./support/routes";

const db = setupTestDatabase();

describe("decisions on the product page", () => {
  it("shows published decisions to the public and every decision to the incubator's coach", async () => {
    const incubator = await createIncubator(db());
    const product = await createProduct(db(), {
      primaryIncubatorId: incubator.id,
      phases: [{ phase: "investigation", start: "2025-01-06", end: "2025-03-03" }, { phase: "construction", start: "2025-03-03" }],
    });
    await recordDecision(db(), {
      productId: product.id,
      outcome: "next_phase",
      targetPhase: "construction",
      decidedOn: "2025-03-03",
      publicRationale: "Le problème est avéré : lancement de la construction.",
      publishedAt: new Date("2025-03-10T10:00:00Z"),
    });
    await recordDecision(db(), { productId: product.id, outcome: "continue", decidedOn: "2025-09-15", rationale: "Note interne" });

    const publicPage = await productLoader(routeArgs(`/produits/${product.slug}`, { params: { slug: product.slug } }));
    expect(publicPage.data.product.decisions.map((d) => [d.outcome, d.publicRationale, d.session])).toEqual([
      ["next_phase", "Le problème est avéré : lancement de la construction.", null],
    ]);

    const coach = await createUser(db());
    await assignRole(db(), { userId: coach.id, role: "coach", incubatorId: incubator.id });
    const cookie = (await createSession(coach.id, "demo", new Request("http://localhost/"))).split(";")[0];
    const coachPage = await productLoader(routeArgs(`/produits/${product.slug}`, { params: { slug: product.slug }, cookie }));
    expect(coachPage.data.product.decisions.map((d) => d.outcome)).toEqual(["continue", "next_phase"]);
    expect(JSON.stringify(publicPage.data)).not.toContain("Note interne");
    expect(JSON.stringify(coachPage.data)).not.toContain("Note interne");
  });
});
