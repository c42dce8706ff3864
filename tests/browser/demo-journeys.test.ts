// Trying Jalon with the demo personas in a real browser: sign in as the intrapreneur, reach their
// product and its edit form; every main page passes an axe scan without serious or critical issues.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessibilityViolations, collectProblems, launchBrowser, waitForRemixIdle } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
const dataDir = mkdtempSync(path.join(tmpdir(), "jalon-journeys-"));
const screenshots = path.join(process.cwd(), ".cache", "screenshots");

beforeAll(async () => {
  server = await startServer({ JALON_DATA_DIR: dataDir, JALON_DEMO_DATA: "1", JALON_DEMO_SIGNIN: "1" });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("demo journeys", () => {
  it("signs in as the intrapreneur persona and opens their product's edit form", async () => {
    const page = await browser.context.newPage();
    const problems = collectProblems(page);

    await page.goto(`${server.url}/connexion`, { waitUntil: "networkidle" });
    await page.getByRole("link", { name: /profil de démonstration/i }).click();
    await page.waitForURL(/\/connexion\/demo/);
    const persona = page.locator(".fr-card", { hasText: /intrapreneu/i }).first();
    await persona.getByRole("button", { name: /Se connecter/ }).click();
    await page.waitForURL(`${server.url}/`);
    await expect.poll(() => page.getByRole("button", { name: "Se déconnecter" }).count()).toBe(1);

    await waitForRemixIdle(page);
    await page.goto(`${server.url}/compte`, { waitUntil: "networkidle" });
    const productName = (await page.locator("main li").first().textContent()) ?? "";
    expect(productName).toMatch(/Membre d'équipe/);

    await page.goto(`${server.url}/`, { waitUntil: "networkidle" });
    const teamProduct = productName.split(" — ").at(-1)!.trim();
    await page.getByRole("link", { name: teamProduct, exact: true }).first().click();
    await page.waitForURL(/\/produits\//);
    await page.getByRole("link", { name: /Modifier/ }).first().click();
    await page.waitForURL(/\/modifier$/);
    await page.screenshot({ path: path.join(screenshots, "product-edit.png"), fullPage: true });
    expect(problems).toEqual([]);
  });

  it.each(["/", "/incubateurs", "/connexion", "/connexion/demo", "/accessibilite"])("%s has no serious accessibility violation", async (address) => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}${address}`, { waitUntil: "networkidle" });
    await page.screenshot({ path: path.join(screenshots, `${address.replace(/\W+/g, "-") || "home"}.png`), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});
