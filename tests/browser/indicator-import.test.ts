// A team member feeds the product's indicators: downloads the template, fills one value, previews
// and imports it; then creates an API token, which a script uses at once. In a real browser (the
// file travels back through the preview form), with no console error or failed request on the way.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "~/auth/session.server";
import { installDatabase } from "~/db.server";
import { assignRole, createIncubator, createIndicator, createProduct, createUser } from "~/db/seed/factories.server";
import { collectProblems, launchBrowser, waitForRemixIdle } from "../support/browser";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { startServer, targetEnv, type RunningServer } from "../support/server";

const SECRET = "browser-import-secret-0123456789-abcdefgh";
process.env.SESSION_SECRETS = SECRET;

let testDb: TestDatabase;
let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let sessionCookie: string;
let slug: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  installDatabase(testDb.database);
  const db = testDb.database.prisma;
  const incubator = await createIncubator(db);
  const product = await createProduct(db, { primaryIncubatorId: incubator.id, isPublic: false });
  slug = product.slug;
  await createIndicator(db, { productId: product.id, name: "Taux de satisfaction", level: "useful", frequency: "quarterly" });
  await createIndicator(db, { productId: product.id, name: "Utilisateurs actifs mensuels" });
  const member = await createUser(db);
  await assignRole(db, { userId: member.id, role: "team_member", productId: product.id });
  sessionCookie = (await createSession(member.id, "demo", new Request("http://localhost/"))).split(";")[0];
  // The server process opens the same data: the test process lets go of it first.
  await testDb.database.close();
  server = await startServer({ ...targetEnv(testDb.target), SESSION_SECRETS: SECRET, JALON_DEMO_DATA: "0" });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await testDb?.remove();
});

describe("feeding indicators", () => {
  it("imports a filled template, then pushes the same value through the API", async () => {
    const page = await browser.context.newPage();
    const problems = collectProblems(page);
    const [name, value] = sessionCookie.split("=");
    await browser.context.addCookies([{ name, value, url: server.url }]);

    await page.goto(`${server.url}/produits/${slug}/indicateurs/import`, { waitUntil: "networkidle" });
    const template = await (await page.request.get(`${server.url}/produits/${slug}/indicateurs/modele.csv`)).text();
    const lines = template.split("\r\n");
    expect(lines[0]).toBe("\uFEFFindicateur;periode;valeur;raison");
    const [indicator, period] = lines[1].split(";");
    lines[1] = `${indicator};${period};1 234,5;`;
    await page.setInputFiles('input[name="fichier"]', { name: "mes-valeurs.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\r\n")) });
    await page.getByRole("button", { name: "Voir l'aperçu" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Aperçu de « mes-valeurs.csv »" }).count()).toBe(1);
    expect(await page.getByRole("table").innerText()).toMatch(/Création\s+1\s234,5/i);
    await page.getByRole("button", { name: "Enregistrer 1 valeur" }).click();
    await expect.poll(() => page.getByText("Import de « mes-valeurs.csv » enregistré : 1 valeur créée, 0 modifiée, 0 inchangée.").count()).toBe(1);

    // A full load while Remix still revalidates aborts that fetch (a console error): wait for quiet.
    await waitForRemixIdle(page);
    await page.goto(`${server.url}/produits/${slug}/jetons`, { waitUntil: "networkidle" });
    await page.getByLabel("Nom du jeton").fill("Matomo");
    await page.getByRole("button", { name: "Créer le jeton" }).click();
    const shown = page.locator("input[readonly]");
    await expect.poll(() => shown.count()).toBe(1);
    const token = await shown.inputValue();
    expect(token).toMatch(/^jalon_/);

    const response = await fetch(`${server.url}/api/v1/products/${slug}/indicator-values`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ values: [{ indicator, period, value: 1234.5 }] }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ created: 0, updated: 0, unchanged: 1 });

    // Once the page is left, the token is never shown again.
    await waitForRemixIdle(page);
    await page.reload({ waitUntil: "networkidle" });
    expect(await page.content()).not.toContain(token);
    expect(problems).toEqual([]);
  });
});
