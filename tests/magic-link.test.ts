// Sign-in by e-mail link, end to end: the /connexion action sends a real e-mail to an SMTP server on
// loopback, the link from that e-mail is opened (GET) and used (POST) as a browser would.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { signedInUser } from "~/auth/session.server";
import { hashToken } from "~/auth/tokens.server";
import { createUser } from "~/db/seed/factories.server";
import { action as requestAction, headers as signInHeaders, loader as signInLoader } from "~/routes/connexion";
import { action as spendAction, loader as linkLoader } from "~/routes/connexion_.lien";
import { setupTestDatabase } from "./support/db";
import { routeArgs } from "./support/routes";
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from "./support/smtp";

const db = setupTestDatabase();

let smtp: TestSmtpServer;
let mails: ReceivedMail[] = [];

beforeAll(async () => {
  smtp = await startSmtpServer();
  mails = smtp.mails;
  // config() reads the environment once, at its first call, which comes later (in a route).
  process.env.SMTP_URL = smtp.url;
  process.env.APP_URL = "https://jalon.test";
});
afterAll(() => smtp?.close());

let clients = 0;
/** Each call from its own address unless told, so that the per-address limit stays out of the way. */
async function askForLink(fields: Record<string, string>, clientAddress = `192.0.2.${++clients}`) {
  const result = await requestAction(routeArgs("/connexion", { body: new URLSearchParams(fields), clientAddress }));
  return { status: result.init?.status ?? 200, headers: new Headers(result.init?.headers), body: result.data };
}

/** The sign-in link of an e-mail (quoted-printable decoded). */
function linkIn(raw: string): URL {
  const text = raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  const match = /https:\/\/jalon\.test\/connexion\/lien\?[^\s"<]+/.exec(text);
  if (!match) throw new Error(`no sign-in link in:\n${raw}`);
  return new URL(match[0]);
}

async function mailedLinkFor(email: string, fields: Record<string, string> = {}): Promise<URL> {
  const before = mails.length;
  const answer = await askForLink({ email, ...fields });
  expect(answer.status).toBe(200);
  expect(mails).toHaveLength(before + 1);
  expect(mails[before].to).toEqual([email]);
  return linkIn(mails[before].raw);
}

const open = (link: URL) => linkLoader(routeArgs(link.pathname + link.search));

function spend(link: URL) {
  return spendAction(routeArgs("/connexion/lien", { body: new URLSearchParams([...link.searchParams]) }));
}

/** What a refused link shows: the action's data with its status. */
async function refused(link: URL) {
  const result = await spend(link);
  if (!("init" in result)) throw new Error(`expected a refusal, got ${result.status} ${result.headers.get("Location")}`);
  return { status: result.init?.status, body: result.data };
}

async function lastFailure() {
  return db().auditLog.findFirst({ where: { action: "auth.sign_in_failed" }, orderBy: { at: "desc" } });
}

describe("a link for an active user", () => {
  it("is mailed, opened without being spent, then signs in once", async () => {
    const user = await createUser(db(), { email: "camille.martin@exemple.gouv.fr" });
    const askedAt = Date.now();
    const link = await mailedLinkFor("camille.martin@exemple.gouv.fr");
    const answeredAt = Date.now();
    const mail = mails.at(-1)!.raw;
    expect(mail).toContain("From: Jalon <ne-pas-repondre@jalon.example>");
    expect(mail).toContain("Subject: =?UTF-8?Q?Votre_lien_de_connexion_=C3=A0_Jalon?=");
    expect(mail).toContain("Content-Type: text/html");
    expect(link.pathname).toBe("/connexion/lien");
    const token = link.searchParams.get("jeton")!;
    expect(token).toMatch(/^[\w-]{43}$/);

    const stored = await db().loginToken.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
    expect(stored.email).toBe("camille.martin@exemple.gouv.fr");
    expect(stored.expiresAt.getTime()).toBeGreaterThanOrEqual(askedAt + 15 * 60 * 1000);
    expect(stored.expiresAt.getTime()).toBeLessThanOrEqual(answeredAt + 15 * 60 * 1000);
    expect(await db().loginToken.count({ where: { tokenHash: token } })).toBe(0);
    expect(await db().auditLog.count({ where: { action: "auth.link_requested", entityId: user.id } })).toBe(1);

    // A mail scanner fetching the link must not spend it.
    const page = await open(link);
    expect(page.init?.status).toBe(200);
    expect(page.data).toMatchObject({ jeton: token, invalid: false });
    expect(await db().loginToken.findUniqueOrThrow({ where: { id: stored.id } })).toMatchObject({ usedAt: null });
    expect(await db().session.count({ where: { userId: user.id } })).toBe(0);

    const signedIn = await spend(link);
    if (!(signedIn instanceof Response)) throw new Error("expected a redirection");
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.get("Location")).toBe("/");
    const cookie = signedIn.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/^jalon_session=/);
    expect(await db().session.count({ where: { userId: user.id, method: "magic-link" } })).toBe(1);
    const next = routeArgs("/", { cookie: cookie.split(";")[0] }).request;
    expect((await signedInUser(next))?.userId).toBe(user.id);

    expect(await refused(link)).toEqual({ status: 400, body: { invalid: true } });
    expect(await db().session.count({ where: { userId: user.id } })).toBe(1);
    expect((await lastFailure())?.data).toEqual({ method: "magic-link", reason: "used" });
  });

  it("finds the account whatever the case and spaces of the address typed", async () => {
    await createUser(db(), { email: "lea.durand@exemple.gouv.fr" });
    const before = mails.length;
    expect((await askForLink({ email: "  Lea.DURAND@Exemple.gouv.fr " })).status).toBe(200);
    expect(mails[before].to).toEqual(["lea.durand@exemple.gouv.fr"]);
  });

  it("is refused once expired", async () => {
    await createUser(db(), { email: "expire@exemple.gouv.fr" });
    const link = await mailedLinkFor("expire@exemple.gouv.fr");
    await db().loginToken.update({
      where: { tokenHash: hashToken(link.searchParams.get("jeton")!) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await refused(link)).toEqual({ status: 400, body: { invalid: true } });
    expect((await lastFailure())?.data).toEqual({ method: "magic-link", reason: "expired" });
  });

  it("is refused when altered, unknown or missing", async () => {
    await createUser(db(), { email: "altere@exemple.gouv.fr" });
    const link = await mailedLinkFor("altere@exemple.gouv.fr");
    const token = link.searchParams.get("jeton")!;
    link.searchParams.set("jeton", `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`);
    expect(await refused(link)).toEqual({ status: 400, body: { invalid: true } });
    expect((await lastFailure())?.data).toEqual({ method: "magic-link", reason: "unknown" });

    link.searchParams.set("jeton", "x".repeat(500));
    expect(await refused(link)).toEqual({ status: 400, body: { invalid: true } });

    const withoutToken = await open(new URL("https://jalon.test/connexion/lien"));
    expect(withoutToken.init?.status).toBe(400);
    expect(withoutToken.data).toMatchObject({ invalid: true });
  });

  it("is refused when the account was deactivated after the link was sent", async () => {
    const user = await createUser(db(), { email: "parti@exemple.gouv.fr" });
    const link = await mailedLinkFor("parti@exemple.gouv.fr");
    await db().user.update({ where: { id: user.id }, data: { deactivatedAt: new Date() } });
    expect(await refused(link)).toEqual({ status: 400, body: { invalid: true } });
    expect((await lastFailure())?.data).toEqual({ method: "magic-link", reason: "inactive-user" });
    expect(await db().session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("leads back to the page asked for, and only to a page of Jalon", async () => {
    await createUser(db(), { email: "suite@exemple.gouv.fr" });
    const link = await mailedLinkFor("suite@exemple.gouv.fr", { redirectTo: "/produits/eco-trace?onglet=phases" });
    expect(link.searchParams.get("suite")).toBe("/produits/eco-trace?onglet=phases");
    expect((await open(link)).data).toMatchObject({ suite: "/produits/eco-trace?onglet=phases" });
    const signedIn = await spend(link);
    expect(signedIn instanceof Response && signedIn.headers.get("Location")).toBe("/produits/eco-trace?onglet=phases");

    const elsewhere = await mailedLinkFor("suite@exemple.gouv.fr", { redirectTo: "//ailleurs.example" });
    expect(elsewhere.searchParams.has("suite")).toBe(false);
    elsewhere.searchParams.set("suite", "/\\ailleurs.example");
    const tampered = await spend(elsewhere);
    expect(tampered instanceof Response && tampered.headers.get("Location")).toBe("/");
  });
});

describe("asking for a link", () => {
  it("answers the same for an unknown address, without sending or storing anything", async () => {
    await createUser(db(), { email: "connu@exemple.gouv.fr" });
    const known = await askForLink({ email: "connu@exemple.gouv.fr" });
    const mailsBefore = mails.length;
    const auditBefore = await db().auditLog.count();
    const unknown = await askForLink({ email: "inconnu@exemple.gouv.fr" });

    expect(unknown).toEqual(known);
    expect(unknown.body).toEqual({
      outcome: "sent",
      message: "Si cette adresse a accès à Jalon, un lien de connexion vient de lui être envoyé. Il est valable 15 minutes.",
    });
    expect(mails).toHaveLength(mailsBefore);
    expect(await db().loginToken.count({ where: { email: "inconnu@exemple.gouv.fr" } })).toBe(0);
    expect(await db().auditLog.count()).toBe(auditBefore);
    const counters = await db().rateLimitCounter.findMany({ select: { key: true } });
    expect(counters.some((c) => c.key.includes("inconnu"))).toBe(false);
  });

  it("sends nothing to a deactivated account", async () => {
    await createUser(db(), { email: "desactive@exemple.gouv.fr", deactivatedAt: new Date() });
    const mailsBefore = mails.length;
    expect((await askForLink({ email: "desactive@exemple.gouv.fr" })).status).toBe(200);
    expect(mails).toHaveLength(mailsBefore);
    expect(await db().loginToken.count({ where: { email: "desactive@exemple.gouv.fr" } })).toBe(0);
  });

  it("refuses an invalid address with a French message, writing nothing", async () => {
    const tokens = await db().loginToken.count();
    const counters = await db().rateLimitCounter.count();
    const answer = await askForLink({ email: "prenom.nom@" });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      outcome: "invalid",
      errors: { email: ["Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.gouv.fr."] },
    });
    expect((await askForLink({ email: " " })).body).toMatchObject({ errors: { email: ["Saisissez votre adresse électronique."] } });
    expect(await db().loginToken.count()).toBe(tokens);
    expect(await db().rateLimitCounter.count()).toBe(counters);
  });

  it("limits requests per address and per client, with Retry-After", async () => {
    await createUser(db(), { email: "presse@exemple.gouv.fr" });
    for (let i = 0; i < 3; i++) expect((await askForLink({ email: "presse@exemple.gouv.fr" })).status).toBe(200);
    const mailsBefore = mails.length;
    const fourth = await askForLink({ email: "presse@exemple.gouv.fr" });
    expect(fourth.status).toBe(429);
    expect(fourth.body).toEqual({ outcome: "refused", message: "Trop de tentatives. Réessayez dans 15 minutes." });
    const retryAfter = Number(fourth.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(mails).toHaveLength(mailsBefore);
    // The page itself carries the wait, not only the data.
    const pageHeaders = new Headers(
      typeof signInHeaders === "function"
        ? signInHeaders({ actionHeaders: fourth.headers, loaderHeaders: new Headers(), parentHeaders: new Headers(), errorHeaders: undefined })
        : signInHeaders,
    );
    expect(pageHeaders.get("Retry-After")).toBe(String(retryAfter));

    for (let i = 0; i < 10; i++) expect((await askForLink({ email: `visiteur${i}@exemple.gouv.fr` }, "198.51.100.7")).status).toBe(200);
    expect((await askForLink({ email: "visiteur10@exemple.gouv.fr" }, "198.51.100.7")).status).toBe(429);
  });

  it("says so, without a server error, when the e-mail cannot be sent", async () => {
    await createUser(db(), { email: "refus@exemple.gouv.fr" });
    const logged = vi.mocked(console.error).mockImplementationOnce(() => undefined);
    const answer = await askForLink({ email: "refus@exemple.gouv.fr" });
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ outcome: "refused", message: expect.stringContaining("n'a pas pu être envoyé") });
    const line = String(logged.mock.lastCall?.[0]);
    expect(line).toContain("Le lien de connexion n'a pas pu être envoyé");
    expect(line).toContain("550");
    expect(line).not.toContain("refus@exemple.gouv.fr");
    expect(line).not.toContain("jeton=");
  });
});

describe("the sign-in page", () => {
  it("keeps a local redirectTo and drops any other", async () => {
    const local = await signInLoader(routeArgs("/connexion?redirectTo=%2Fproduits%2Feco-trace"));
    expect(local).toMatchObject({ redirectTo: "/produits/eco-trace", proConnect: false, proConnectError: null, demo: false });
    expect(await signInLoader(routeArgs("/connexion?redirectTo=https%3A%2F%2Failleurs.example"))).toMatchObject({ redirectTo: null });
    expect(await signInLoader(routeArgs("/connexion?erreur=constructor"))).toMatchObject({ proConnectError: null });
  });
});
