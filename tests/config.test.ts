import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeTarget, loadConfig } from "~/config.server";
import { projectPath } from "~/project-root.server";

describe("configuration", () => {
  it("defaults to the embedded database with demo data on port 3000", () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ kind: "pglite", dataDir: projectPath("data") });
    expect(config.demoData).toBe(true);
  });

  it("uses PostgreSQL when DATABASE_URL is set, without demo data unless asked", () => {
    const config = loadConfig({ DATABASE_URL: "postgresql://jalon:secret@db.internal:6543/jalon", PORT: "8080" });
    expect(config.database).toEqual({ kind: "postgresql", url: "postgresql://jalon:secret@db.internal:6543/jalon" });
    expect(config.demoData).toBe(false);
    expect(config.port).toBe(8080);
    expect(describeTarget(config.database)).toBe("PostgreSQL db.internal:6543/jalon");
    expect(loadConfig({ DATABASE_URL: "postgres://x@h/db", JALON_DEMO_DATA: "1" }).demoData).toBe(true);
  });

  it("resolves a relative data folder from the project root", () => {
    expect(loadConfig({ JALON_DATA_DIR: "var/db" }).database).toEqual({ kind: "pglite", dataDir: path.join(projectPath(), "var/db") });
  });

  it.each([
    [{ PORT: "abc" }, "La variable PORT vaut « abc » : indiquez un numéro de port entre 1 et 65535."],
    [{ PORT: "70000" }, "La variable PORT vaut « 70000 » : indiquez un numéro de port entre 1 et 65535."],
    [{ DATABASE_URL: "mysql://root@localhost/x" }, "La variable DATABASE_URL doit être une adresse PostgreSQL de la forme postgresql://utilisateur@hôte:5432/base."],
    [{ JALON_DEMO_DATA: "oui" }, "La variable JALON_DEMO_DATA vaut « oui » : utilisez 0 ou 1."],
  ])("refuses %j with one sentence", (env, message) => {
    expect(() => loadConfig(env)).toThrowError(message);
  });

  it("never shows a password in messages", () => {
    expect(describeTarget({ kind: "postgresql", url: "postgresql://u:hunter2@h/db" })).not.toContain("hunter2");
  });
});
