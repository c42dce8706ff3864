// A new user's first minute: the portfolio, then a product and its phase timeline, in a real
// browser, with no console error, hydration warning or failed request on the way.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectProblems, launchBrowser } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
const dataDir = mkdtempSync(path.join(tmpdir(), "jalon-browser-"));

beforeAll(async () => {
  server = await startServer({ JALON_DATA_DIR: dataDir, JALON_DEMO_DATA: "1" });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("first visit", () => {
  it("shows the French portfolio, then a product's phase timeline", async () => {
    const page = await browser.context.newPage();
    const problems = collectProblems(page);

    await page.goto(`${server.url}/`, { waitUntil: "networkidle" });
    expect(await page.getAttribute("html", "lang")).toBe("fr");
    await expect.poll(() => page.locator("h1").first().textContent()).toMatch(/Portefeuille/);
    await page.screenshot({ path: path.join(tmpdir(), "jalon-portfolio.png"), fullPage: false });

    // The first Tab reaches the skip link, which takes keyboard users to the main content.
    await page.keyboard.press("Tab");
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? "")).toBe("Contenu");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("contenu");

    const firstProduct = page.locator('main a[href^="/produits/"]').first();
    const name = (await firstProduct.textContent())?.trim();
    await firstProduct.click();
    await page.waitForURL(/\/produits\//);
    await expect.poll(() => page.locator("h1").first().textContent()).toContain(name);
    await expect.poll(() => page.getByText(/Investigation/).count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(tmpdir(), "jalon-product.png"), fullPage: true });

    expect(problems).toEqual([]);
  });
});
