// The slug proposed from a product's name: what Product_slug_check accepts, readable, stable.
import { describe, expect, it } from "vitest";
import { proposeSlug, SLUG_MAX_LENGTH, SLUG_PATTERN } from "~/products/slugs";

describe("proposeSlug", () => {
  it("lower-cases, drops accents and joins words with hyphens", () => {
    expect(proposeSlug("Éco-trace")).toBe("eco-trace");
    expect(proposeSlug("Aide à l'Écriture : les démarches")).toBe("aide-a-l-ecriture-les-demarches");
    expect(proposeSlug("  Mon   Service  ")).toBe("mon-service");
  });

  it("spells out the letters Unicode does not decompose", () => {
    expect(proposeSlug("Cœur d'Œuvre")).toBe("coeur-d-oeuvre");
    expect(proposeSlug("Ex æquo")).toBe("ex-aequo");
  });

  it("keeps digits and removes leading and trailing separators", () => {
    expect(proposeSlug("— 1000 Jours —")).toBe("1000-jours");
    expect(proposeSlug("France Services 2.0")).toBe("france-services-2-0");
  });

  it("is empty when the name holds no letter or digit", () => {
    expect(proposeSlug("!!! ???")).toBe("");
    expect(proposeSlug("")).toBe("");
  });

  it("always proposes what the database accepts, within the length limit", () => {
    const names = ["Éco-trace", "Ça marche !", "ÀÉÎÕÜ ÿ", "a".repeat(150), `${"mot ".repeat(40)}fin`, "Zoé_Martin.fr"];
    for (const name of names) {
      const slug = proposeSlug(name);
      expect(slug).toMatch(SLUG_PATTERN);
      expect(slug.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
      expect(slug.endsWith("-")).toBe(false);
    }
  });
});
