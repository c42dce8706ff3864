// The main journey of issue 9, in a real browser on a fresh demo database, with the demo personas:
// the incubator admin schedules the next committee for tonight; the intrapreneur enters the month's
// indicators and submits the dossier; a committee member votes; the admin records the move to the
// next phase; the investor reads their portfolio and the product's funding; an anonymous visitor
// reads the public pages. Each main page is screenshotted and passes an axe scan (no serious or
// critical violation), with no console error or failed request on the way.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PERSONAS } from "~/db/seed/demo-catalogue.server";
import { accessibilityViolations, collectProblems, launchBrowser, waitForRemixIdle } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

// The demo's persona scope: Rénov'Diag, in acceleration, is on the agenda of its incubator's next session.
const PRODUCT = { slug: "renov-diag", name: "Rénov'Diag" };
const SESSION_TITLE = "Comité d'investissement – séance avancée";

let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
const dataDir = mkdtempSync(path.join(tmpdir(), "jalon-main-journeys-"));
const screenshots = path.join(process.cwd(), "test-results", "screenshots");
/** Console errors and failed requests of the page in use (one at a time). */
let problems: string[] = [];
let sessionPath = "";

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  server = await startServer({ JALON_DATA_DIR: dataDir, JALON_DEMO_DATA: "1", JALON_DEMO_SIGNIN: "1" });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A fresh page signed in as the named persona (or anonymous), recording its problems. */
async function pageAs(persona: string | null): Promise<Page> {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  problems = collectProblems(page);
  if (persona) {
    await page.goto(`${server.url}/connexion/demo`, { waitUntil: "networkidle" });
    await page.locator(".fr-card", { hasText: persona }).first().getByRole("button", { name: /Se connecter/ }).click();
    await page.waitForURL(`${server.url}/`);
    await expect.poll(() => page.getByRole("button", { name: "Se déconnecter" }).count()).toBe(1);
  }
  return page;
}

/** A full page load, after Remix has settled (a load in the middle of a revalidation aborts it). */
async function open(page: Page, address: string): Promise<void> {
  await waitForRemixIdle(page);
  await page.goto(`${server.url}${address}`, { waitUntil: "networkidle" });
}

/** Saves a screenshot of the page and checks it with axe. */
async function checkPage(page: Page, name: string): Promise<void> {
  await waitForRemixIdle(page);
  await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
  expect({ page: name, violations: await accessibilityViolations(page) }).toEqual({ page: name, violations: [] });
}

async function finish(page: Page): Promise<void> {
  await waitForRemixIdle(page);
  await page.close();
  expect(problems).toEqual([]);
}

/** "2026-11-23T23:59" today in Paris, as a datetime-local field takes it (a run in the last minute of a Paris day fails). */
function tonightInParis(): string {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());
  return `${day}T23:59`;
}

const lead = (page: Page) => page.locator("main");

describe("main journey: from the team's figures to the committee's decision and the public pages", () => {
  it("the incubator admin holds the product's next committee session tonight", async () => {
    const page = await pageAs(PERSONAS.incubatorAdmin.name);
    await open(page, `/produits/${PRODUCT.slug}`);
    const dossierLink = await page.getByRole("link", { name: "Rédiger le dossier" }).getAttribute("href");
    sessionPath = dossierLink!.replace(/\/dossiers\/.*$/, "");
    expect(sessionPath).toMatch(/^\/comites\/[0-9a-f-]{36}$/);

    await open(page, `${sessionPath}/modifier`);
    // The decision is recorded from the session's day on, and the dossier until its deadline.
    await page.getByLabel("Titre de la séance").fill(SESSION_TITLE);
    await page.getByLabel("Date et heure (heure de Paris)").fill(tonightInParis());
    await page.getByLabel("Date limite de dépôt des dossiers").fill(tonightInParis());
    await page.getByRole("button", { name: "Enregistrer la séance" }).click();
    await page.waitForURL(`${server.url}${sessionPath}`);
    await expect.poll(() => lead(page).innerText()).toContain("La séance est enregistrée.");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(SESSION_TITLE);
    await expect.poll(() => page.getByRole("row", { name: new RegExp(PRODUCT.name) }).count()).toBe(1);
    await finish(page);
  });

  it("the intrapreneur enters the month's indicators, then writes and submits the dossier", async () => {
    const page = await pageAs(PERSONAS.intrapreneur.name);
    await checkPage(page, "01-portfolio");

    await open(page, `/produits/${PRODUCT.slug}`);
    await page.getByRole("link", { name: "Saisir les valeurs du mois" }).click();
    await page.waitForURL(/\/indicateurs\/saisie$/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toMatch(/^Saisie des valeurs de /);
    await checkPage(page, "02-indicator-entry");
    const users = page.getByLabel(/^Utilisateurs actifs mensuels/);
    const before = Number((await users.inputValue()).replace(/\s/g, "").replace(",", ".")) || 0;
    const typed = String(before + 1_234);
    await users.fill(typed);
    await page.getByRole("button", { name: "Enregistrer les valeurs" }).click();
    await expect.poll(() => lead(page).innerText()).toMatch(/^1 valeur (modifiée|enregistrée)\.$/m);
    expect(await page.getByLabel(/^Utilisateurs actifs mensuels/).inputValue()).toBe(typed);

    await open(page, `/produits/${PRODUCT.slug}`);
    await page.getByRole("link", { name: "Rédiger le dossier" }).click();
    await page.waitForURL(`${server.url}${sessionPath}/dossiers/${PRODUCT.slug}`);
    await expect.poll(() => page.getByRole("heading", { name: `Dossier de ${PRODUCT.name}` }).count()).toBe(1);
    await checkPage(page, "03-dossier-form");
    const sections: [string, string][] = [
      ["Le problème et ses conséquences", "Les propriétaires se perdent entre audits, artisans et aides."],
      ["Résultats obtenus", `${typed} utilisateurs actifs ce mois-ci, en hausse.`],
      ["Stratégie pour les six prochains mois", "Déployer dans toutes les régions avec les conseillers France Rénov'."],
      ["Taille et profils de l'équipe demandés", "Six personnes : deux développeurs, une designer, un coach, deux déploiements."],
      ["Enveloppe budgétaire pour six mois (en euros)", "450 000"],
      ["Critères de réussite à six mois", "80 000 utilisateurs actifs mensuels."],
    ];
    for (const [label, text] of sections) await page.getByLabel(label).fill(text);
    await page.getByRole("button", { name: "Déposer le dossier" }).click();
    await expect.poll(() => lead(page).innerText()).toContain("La version 1 du dossier a été déposée");
    expect(await lead(page).innerText()).toContain("Déployer dans toutes les régions");
    await checkPage(page, "04-dossier-submitted");
    await finish(page);
  });

  it("a committee member of the incubator votes for the next phase", async () => {
    const page = await pageAs(PERSONAS.committeeMember.name);
    await open(page, sessionPath);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).count()).toBe(1);
    await checkPage(page, "05-committee-session");
    await page.getByRole("link", { name: PRODUCT.name, exact: true }).click();
    await page.waitForURL(`${server.url}${sessionPath}/produits/${PRODUCT.slug}`);
    const choice = page.getByLabel("Votre vote");
    await expect.poll(() => choice.locator("option").count()).toBeGreaterThan(1);
    const nextPhase = (await choice.locator("option").allTextContents()).find((label) => label.startsWith("Passer en phase"));
    expect(nextPhase).toBeDefined();
    await choice.selectOption({ label: nextPhase! });
    await page.getByLabel("Commentaire (facultatif)").fill("Le dossier montre un usage qui progresse.");
    await page.getByRole("button", { name: "Enregistrer mon vote" }).click();
    await expect.poll(() => lead(page).innerText()).toContain("Votre vote est enregistré.");
    await expect.poll(() => page.getByRole("table", { name: "Votes des membres" }).innerText()).toContain(PERSONAS.committeeMember.name);
    await checkPage(page, "06-committee-vote");
    await finish(page);
  });

  it("the incubator admin records the decision and the product changes phase", async () => {
    const page = await pageAs(PERSONAS.incubatorAdmin.name);
    await open(page, `${sessionPath}/produits/${PRODUCT.slug}`);
    const choice = page.getByLabel(/^Décision/);
    await expect.poll(() => choice.locator("option").count()).toBeGreaterThan(1);
    // The admin also sits on the committee: the page holds the vote form and the decision form.
    await checkPage(page, "07-committee-decision-form");
    const nextPhase = (await choice.locator("option").allTextContents()).find((label) => label.startsWith("Passer en phase"))!;
    const phase = /«\s*(.+?)\s*»/.exec(nextPhase)![1];
    await choice.selectOption({ label: nextPhase });
    await page.getByLabel("Budget accordé, en euros").fill("300 000");
    await page.getByLabel("Financeur").selectOption({ label: "Agence de la transition écologique" });
    await page.getByRole("button", { name: "Enregistrer la décision" }).click();
    await expect.poll(() => lead(page).innerText()).toContain("La décision est enregistrée. L'historique des phases du produit est à jour.");
    await checkPage(page, "08-committee-decision");

    await page.getByRole("link", { name: "Voir la fiche du produit" }).click();
    await page.waitForURL(`${server.url}/produits/${PRODUCT.slug}`);
    await expect.poll(() => page.getByRole("row", { name: new RegExp(`${phase} \\(phase actuelle\\)`) }).count()).toBe(1);
    await checkPage(page, "09-product-page");
    await finish(page);
  });

  it("the investor opens their portfolio and reads the product's funding", async () => {
    const page = await pageAs(PERSONAS.investor.name);
    await open(page, "/compte");
    await page.getByRole("link", { name: /^Mon portefeuille/ }).click();
    await page.waitForURL(/\/tableau-de-bord\/organisations\//);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toMatch(/^Mon portefeuille/);
    await expect.poll(() => page.getByRole("table", { name: "Par financeur" }).innerText()).toMatch(/ADEME.*€/);
    await checkPage(page, "10-investor-dashboard");

    await open(page, `/produits/${PRODUCT.slug}/financement`);
    // The envelope the committee granted tonight (French amounts are grouped with narrow spaces).
    const granted = page.getByRole("row", { name: new RegExp(SESSION_TITLE) });
    await expect.poll(() => granted.innerText()).toMatch(/^Agence de la transition écologique \(ADEME\)\s+300\s000,00\s€.*Accordée/);
    await checkPage(page, "11-product-funding");
    await finish(page);
  });

  it("an anonymous visitor reads the public product page, its budget and the open data", async () => {
    const page = await pageAs(null);
    await open(page, `/produits/${PRODUCT.slug}`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(PRODUCT.name);
    expect(await page.getByRole("link", { name: "Rédiger le dossier" }).count()).toBe(0);
    await checkPage(page, "12-public-product");

    await open(page, `/produits/${PRODUCT.slug}/budget`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(`Budget de ${PRODUCT.name}`);
    await expect.poll(() => page.getByRole("table", { name: "AE et CP par année" }).innerText()).toMatch(/€/);
    await checkPage(page, "13-public-budget");

    await open(page, "/donnees");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).count()).toBe(1);
    await checkPage(page, "14-open-data");
    await finish(page);
  });
});
