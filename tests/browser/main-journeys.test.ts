// The main journey of issue 9, in a real browser on a fresh demo database, with the demo personas
// signing in through the link they receive by e-mail: the incubator admin schedules the product's next
// committee session; the intrapreneur enters the month's indicators and submits the dossier; a
// committee member votes; the admin opens the session and records the move to the next phase; the
// investor reads their portfolio and the product's funding; an anonymous visitor reads the public
// pages. Each main page is screenshotted and passes an axe scan (no serious or critical violation),
// with no console error or failed request on the way.
// The journey runs on one process, then on two processes sharing one PostgreSQL behind a round-robin
// balancer, so that consecutive requests (page loads, form posts, the sign-in link) land on different
// processes (PostgreSQL only: the embedded database admits one process; CI passes JALON_TEST_DATABASE_URL).
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PERSONAS } from "~/db/seed/demo-catalogue.server";
import { startBalancer, type Balancer } from "../support/balancer";
import { accessibilityViolations, collectProblems, launchBrowser, waitForRemixIdle } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";
import { decodedMail, startSmtpServer, type TestSmtpServer } from "../support/smtp";
import { databaseUrl, withAdminClient } from "../support/template";

// The demo's persona scope: Rénov'Diag, in acceleration, is on the agenda of its incubator's next session.
const PRODUCT = { slug: "renov-diag", name: "Rénov'Diag" };
const SESSION_TITLE = "Comité d'investissement – séance avancée";

interface Target {
  /** Where the browser goes: the process, or the balancer in front of both. */
  url: string;
  servers: RunningServer[];
  balancer: Balancer | null;
  stop(): Promise<void>;
}

async function oneProcess(smtp: TestSmtpServer): Promise<Target> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "jalon-main-journeys-"));
  const server = await startServer({ JALON_DATA_DIR: dataDir, JALON_DEMO_DATA: "1", SMTP_URL: smtp.url });
  return {
    url: server.url,
    servers: [server],
    balancer: null,
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function twoProcessesBehindABalancer(smtp: TestSmtpServer): Promise<Target> {
  const template = inject("databaseTemplate");
  if (template.kind !== "postgresql") throw new Error("PostgreSQL expected");
  const name = `jalon_journey_${process.pid}_${Date.now()}`;
  await withAdminClient(template.adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const env = { DATABASE_URL: databaseUrl(template.adminUrl, name), JALON_DEMO_DATA: "1", SMTP_URL: smtp.url, TRUST_PROXY: "1" };
  // Started together on the empty database: one migrates and seeds, the other waits for it.
  const servers = await Promise.all([startServer(env), startServer(env)]);
  const balancer = await startBalancer(servers.map((s) => s.url));
  return {
    url: balancer.url,
    servers,
    balancer,
    async stop() {
      await balancer.close();
      await Promise.all(servers.map((s) => s.stop()));
      await withAdminClient(template.adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

const onPostgres = inject("databaseTemplate").kind === "postgresql";
const TARGETS = [
  { name: "one process", start: oneProcess, skip: false },
  {
    name: `two processes on one PostgreSQL behind a round-robin balancer${onPostgres ? "" : " (skipped: needs PostgreSQL, set JALON_TEST_DATABASE_URL)"}`,
    start: twoProcessesBehindABalancer,
    skip: !onPostgres,
  },
];

/** A moment as a datetime-local field takes it, in Paris time, to the minute: "2026-11-23T21:05". */
function parisMinute(date: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone: "Europe/Paris",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

const hoursFromNow = (hours: number) => parisMinute(new Date(Date.now() + hours * 3_600_000));

const lead = (page: Page) => page.locator("main");

for (const { name, start, skip } of TARGETS) describe.skipIf(skip)(`main journey, ${name}: from the team's figures to the committee's decision and the public pages`, () => {
  let target: Target;
  let smtp: TestSmtpServer;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const screenshots = path.join(process.cwd(), "test-results", "screenshots", start.name);
  /** Console errors and failed requests of the page in use (one at a time). */
  let problems: string[] = [];
  let sessionPath = "";

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    smtp = await startSmtpServer();
    target = await start(smtp);
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await target?.stop();
    await smtp?.close();
  });

  /**
   * Signs in through the e-mailed link. Behind the balancer, the link is taken on the other process
   * than the one that sent it (the session cookie, for 127.0.0.1, then reaches both through the balancer).
   */
  async function signIn(page: Page, email: string): Promise<void> {
    await page.goto(`${target.url}/connexion`, { waitUntil: "networkidle" });
    const mailsBefore = smtp.mails.length;
    await page.getByLabel("Adresse électronique").fill(email);
    await page.getByRole("button", { name: "Recevoir le lien" }).click();
    await expect.poll(() => lead(page).innerText()).toContain("un lien de connexion vient de lui être envoyé");
    await expect.poll(() => smtp.mails.slice(mailsBefore).filter((m) => m.to.includes(email)).length).toBe(1);
    const mail = decodedMail(smtp.mails.slice(mailsBefore).find((m) => m.to.includes(email))!.raw);
    const link = /\/connexion\/lien\?jeton=[\w-]+/.exec(mail)?.[0];
    expect(link).toBeDefined();
    let spendAt = target.url;
    if (target.balancer) {
      const sent = target.balancer.log.findLast((r) => r.method === "POST" && /^\/connexion(\.data)?(\?|$)/.test(r.path))!.upstream;
      spendAt = target.servers[(sent + 1) % target.servers.length].url;
    }
    await waitForRemixIdle(page);
    await page.goto(`${spendAt}${link}`, { waitUntil: "networkidle" });
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.waitForURL(`${spendAt}/`);
  }

  /** A fresh page signed in as the persona (or anonymous), recording its problems. */
  async function pageAs(persona: { email: string } | null): Promise<Page> {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    problems = collectProblems(page);
    if (persona) {
      await signIn(page, persona.email);
      await open(page, "/");
      await expect.poll(() => page.getByRole("button", { name: "Se déconnecter" }).count()).toBe(1);
    }
    return page;
  }

  /** A full page load, after Remix has settled (a load in the middle of a revalidation aborts it). */
  async function open(page: Page, address: string): Promise<void> {
    await waitForRemixIdle(page);
    await page.goto(`${target.url}${address}`, { waitUntil: "networkidle" });
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

  /** Saves the session form (open) with this start and dossier deadline. */
  async function scheduleSession(page: Page, startsAt: string, deadline: string): Promise<void> {
    await page.getByLabel("Date et heure (heure de Paris)").fill(startsAt);
    await page.getByLabel("Date limite de dépôt des dossiers").fill(deadline);
    await page.getByRole("button", { name: "Enregistrer la séance" }).click();
    await page.waitForURL(`${target.url}${sessionPath}`);
    await expect.poll(() => lead(page).innerText()).toContain("La séance est enregistrée.");
  }

  it("the incubator admin schedules the product's next committee session in two hours", async () => {
    const page = await pageAs(PERSONAS.incubatorAdmin);
    await open(page, `/produits/${PRODUCT.slug}`);
    const dossierLink = await page.getByRole("link", { name: "Rédiger le dossier" }).getAttribute("href");
    sessionPath = dossierLink!.replace(/\/dossiers\/.*$/, "");
    expect(sessionPath).toMatch(/^\/comites\/[0-9a-f-]{36}$/);

    await open(page, `${sessionPath}/modifier`);
    // The dossier is submitted until its deadline, an hour from now: time enough for the journey.
    await page.getByLabel("Titre de la séance").fill(SESSION_TITLE);
    await scheduleSession(page, hoursFromNow(2), hoursFromNow(1));
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(SESSION_TITLE);
    await expect.poll(() => page.getByRole("row", { name: new RegExp(PRODUCT.name) }).count()).toBe(1);
    await finish(page);
  });

  it("the intrapreneur enters the month's indicators, then writes and submits the dossier", async () => {
    const page = await pageAs(PERSONAS.intrapreneur);
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
    await page.waitForURL(`${target.url}${sessionPath}/dossiers/${PRODUCT.slug}`);
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
    const page = await pageAs(PERSONAS.committeeMember);
    await open(page, sessionPath);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).count()).toBe(1);
    await checkPage(page, "05-committee-session");
    await page.getByRole("link", { name: PRODUCT.name, exact: true }).click();
    await page.waitForURL(`${target.url}${sessionPath}/produits/${PRODUCT.slug}`);
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

  it("the incubator admin opens the session now, records the decision and the product changes phase", async () => {
    const page = await pageAs(PERSONAS.incubatorAdmin);
    // A decision is recorded from the session's day on: a start at this very minute is today's,
    // whatever the hour (even the last minute of a Paris day).
    await open(page, `${sessionPath}/modifier`);
    const now = parisMinute(new Date());
    await scheduleSession(page, now, now);
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
    await page.waitForURL(`${target.url}/produits/${PRODUCT.slug}`);
    await expect.poll(() => page.getByRole("row", { name: new RegExp(`${phase} \\(phase actuelle\\)`) }).count()).toBe(1);
    await checkPage(page, "09-product-page");
    await finish(page);
  });

  it("the investor opens their portfolio and reads the product's funding", async () => {
    const page = await pageAs(PERSONAS.investor);
    await open(page, "/compte");
    await page.getByRole("link", { name: /^Mon portefeuille/ }).click();
    await page.waitForURL(/\/tableau-de-bord\/organisations\//);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toMatch(/^Mon portefeuille/);
    await expect.poll(() => page.getByRole("table", { name: "Par financeur" }).innerText()).toMatch(/ADEME.*€/);
    await checkPage(page, "10-investor-dashboard");

    await open(page, `/produits/${PRODUCT.slug}/financement`);
    // The envelope the committee granted (French amounts are grouped with narrow spaces).
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

  if (start === twoProcessesBehindABalancer) {
    it("was served by both processes, page loads and form posts alike", () => {
      const log = target.balancer!.log;
      for (const upstream of [0, 1]) {
        expect(log.filter((r) => r.document && r.upstream === upstream).length, `pages of process ${upstream}`).toBeGreaterThanOrEqual(3);
        expect(log.filter((r) => r.method === "POST" && r.upstream === upstream).length, `posts of process ${upstream}`).toBeGreaterThanOrEqual(1);
      }
    });
  }
});
