// ProConnect sign-in end to end: a real OpenID provider (oidc-provider) on loopback, Jalon's routes
// called with real Requests, the provider's login and consent pages driven over HTTP as a browser.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { signedInUser as sessionOf } from "~/auth/session.server";
import { createUser } from "~/db/seed/factories.server";
import { loader as invitationLoader } from "~/routes/connexion_.invitation-requise";
import { action as startAction, loader as startLoader } from "~/routes/connexion_.proconnect";
import { loader as callbackLoader } from "~/routes/connexion_.proconnect.callback";
import { action as signOutAction } from "~/routes/deconnexion";
import { setupTestDatabase } from "./support/db";
import { passProvider, startOidcProvider, type TestProvider } from "./support/oidc-provider";
import { freePort } from "./support/server";
import { routeArgs, thrown } from "./support/routes";

const db = setupTestDatabase();

const CALLBACK = "http://localhost/connexion/proconnect/callback";
let provider: TestProvider;

beforeAll(async () => {
  provider = await startOidcProvider([
    { clientId: "jalon", clientSecret: "secret-de-jalon", redirectUri: CALLBACK, postLogoutRedirectUri: "http://localhost/", userinfo: "jwt" },
    { clientId: "jalon-json", clientSecret: "secret-de-jalon-json", redirectUri: CALLBACK, userinfo: "json" },
  ]);
  // config() reads the environment once, at its first call, which comes later (in a route).
  process.env.APP_URL = "http://localhost";
  process.env.OIDC_DISCOVERY_URL = provider.discoveryUrl;
  process.env.OIDC_CLIENT_ID = "jalon";
  process.env.OIDC_CLIENT_SECRET = "secret-de-jalon";
});
afterAll(() => provider?.close());
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

/** Jalon's route modules as loaded by default, or loaded afresh under another configuration. */
type Routes = {
  start: { action: typeof startAction; loader: typeof startLoader };
  callback: { loader: typeof callbackLoader };
  invitation: { loader: typeof invitationLoader };
};
const routes: Routes = {
  start: { action: startAction, loader: startLoader },
  callback: { loader: callbackLoader },
  invitation: { loader: invitationLoader },
};

/** The routes with a fresh config() (and discovery cache) reading `env` over the file's settings. */
async function routesWith(env: Record<string, string>): Promise<Routes> {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  vi.resetModules();
  return {
    start: await import("~/routes/connexion_.proconnect"),
    callback: await import("~/routes/connexion_.proconnect.callback"),
    invitation: await import("~/routes/connexion_.invitation-requise"),
  };
}

let clients = 0;
/** Each start from its own address unless told, so that the per-address limit stays out of the way. */
function start(fields: Record<string, string> = {}, clientAddress = `198.51.100.${++clients}`, from = routes) {
  return from.start.action(routeArgs("/connexion/proconnect", { body: new URLSearchParams(fields), clientAddress }));
}

/** `name=value` of the cookie a response sets, to send back as a browser would. */
function cookieSet(response: Response, name: string): string | undefined {
  return response.headers
    .getSetCookie()
    .map((header) => header.split(";")[0])
    .find((pair) => pair.startsWith(`${name}=`));
}

/** From Jalon's button to the provider's redirection back: the callback's path and the flow cookie. */
async function throughProvider(user: { accountId: string } | "abort", fields: Record<string, string> = {}, from = routes) {
  const started = await start(fields, undefined, from);
  expect(started.status).toBe(302);
  const flowCookie = cookieSet(started, "jalon_proconnect");
  expect(flowCookie).toBeDefined();
  const back = await passProvider(started.headers.get("Location")!, user);
  expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
  return { callbackPath: `${back.pathname}${back.search}`, flowCookie: flowCookie! };
}

function callback(path: string, cookie: string | undefined, from = routes) {
  return from.callback.loader(routeArgs(path, { cookie }));
}

async function signIn(accountId: string, fields: Record<string, string> = {}, from = routes) {
  const { callbackPath, flowCookie } = await throughProvider({ accountId }, fields, from);
  return callback(callbackPath, flowCookie, from);
}

function expectRedirect(response: Response, location: string) {
  expect(response.status).toBe(302);
  expect(response.headers.get("Location")).toBe(location);
}

async function signedInUser(response: Response) {
  const session = cookieSet(response, "jalon_session");
  return session ? ((await sessionOf(routeArgs("/", { cookie: session }).request))?.userId ?? null) : null;
}

async function lastFailure() {
  return db().auditLog.findFirst({ where: { action: "auth.sign_in_failed" }, orderBy: { at: "desc" } });
}

function account(id: string, email: string | undefined) {
  provider.accounts.set(id, { email, given_name: "Camille", usual_name: "Durand" });
}

describe("starting a sign-in", () => {
  it("sends the browser to the provider with PKCE, state and nonce kept in a short-lived cookie", async () => {
    const started = await start({ redirectTo: "/incubateurs" });
    expect(started.status).toBe(302);
    const target = new URL(started.headers.get("Location")!);
    expect(`${target.origin}${target.pathname}`).toBe(`${provider.issuer}/auth`);
    const query = Object.fromEntries(target.searchParams);
    expect(query).toMatchObject({
      response_type: "code",
      client_id: "jalon",
      redirect_uri: CALLBACK,
      scope: "openid email given_name usual_name",
      code_challenge_method: "S256",
      acr_values: "eidas1",
    });
    expect(query.code_challenge).toMatch(/^[\w-]{43}$/);
    // ProConnect asks for at least 32 characters of each.
    expect(query.state.length).toBeGreaterThanOrEqual(32);
    expect(query.nonce.length).toBeGreaterThanOrEqual(32);

    const [setCookie] = started.headers.getSetCookie();
    expect(setCookie).toMatch(/^jalon_proconnect=/);
    expect(setCookie).toContain("Max-Age=600");
    expect(setCookie).toContain("Path=/connexion");
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    // Signed, and it does not show the secrets it carries.
    expect(setCookie).not.toContain(query.state);
  });

  it("starts nothing on a GET", async () => {
    const answer = routes.start.loader();
    expectRedirect(answer, "/connexion");
    expect(answer.headers.getSetCookie()).toEqual([]);
  });

  it("is limited to 20 starts per address in 10 minutes", async () => {
    for (let i = 0; i < 20; i += 1) expect((await start({}, "203.0.113.7")).status).toBe(302);
    const refused = await start({}, "203.0.113.7");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await refused.text()).toMatch(/^Trop de tentatives/);
    expect((await start({}, "203.0.113.8")).status).toBe(302);
  });
});

describe("an invited agent", () => {
  it("signs in, has the ProConnect identity linked and lands on the page asked for", async () => {
    const user = await createUser(db(), { email: "camille.durand@culture.gouv.fr" });
    // The provider's address in any case: Jalon keeps addresses lower-cased.
    account("agent-camille", "Camille.Durand@Culture.gouv.fr");

    const answer = await signIn("agent-camille", { redirectTo: "/produits/eco-trace?onglet=impact" });
    expectRedirect(answer, "/produits/eco-trace?onglet=impact");
    expect(await signedInUser(answer)).toBe(user.id);
    expect(answer.headers.getSetCookie().find((c) => c.startsWith("jalon_proconnect="))).toContain("Max-Age=0");
    expect(await db().session.count({ where: { userId: user.id, method: "oidc" } })).toBe(1);
    const stored = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.firstSignInAt).not.toBeNull();
    expect(stored).toMatchObject({ oidcIssuer: provider.issuer, oidcSubject: "agent-camille" });
    expect(await db().auditLog.count({ where: { action: "auth.sign_in", entityId: user.id } })).toBe(1);
    // As ProConnect does, the provider answered userinfo with a signed JWT.
    expect(provider.userinfoTypes.at(-1)).toMatch(/^application\/jwt/);
  });

  it("is then recognised by that identity, even after an address change", async () => {
    const user = await createUser(db(), {
      email: "lea.martin@agriculture.gouv.fr",
      oidcIssuer: provider.issuer,
      oidcSubject: "agent-lea",
      firstSignInAt: new Date("2025-01-06T09:00:00Z"),
    });
    account("agent-lea", "lea.martin-dupont@agriculture.gouv.fr");

    const answer = await signIn("agent-lea");
    expectRedirect(answer, "/");
    expect(await signedInUser(answer)).toBe(user.id);
    expect(await db().user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      email: "lea.martin@agriculture.gouv.fr",
      firstSignInAt: new Date("2025-01-06T09:00:00Z"),
    });
  });

  it("never lands on another site", async () => {
    await createUser(db(), { email: "yanis.petit@interieur.gouv.fr" });
    account("agent-yanis", "yanis.petit@interieur.gouv.fr");
    expectRedirect(await signIn("agent-yanis", { redirectTo: "//evil.example" }), "/");
    expectRedirect(await signIn("agent-yanis", { redirectTo: "https://evil.example/" }), "/");
    expectRedirect(await signIn("agent-yanis", { redirectTo: "/\\evil.example" }), "/");
  });

  it("signs in with a provider answering userinfo in plain JSON", async () => {
    const user = await createUser(db(), { email: "ines.moreau@travail.gouv.fr" });
    account("agent-ines", "ines.moreau@travail.gouv.fr");
    const json = await routesWith({ OIDC_CLIENT_ID: "jalon-json", OIDC_CLIENT_SECRET: "secret-de-jalon-json" });

    const answer = await signIn("agent-ines", {}, json);
    expectRedirect(answer, "/");
    expect(await signedInUser(answer)).toBe(user.id);
    expect(provider.userinfoTypes.at(-1)).toMatch(/^application\/json/);
  });
});

describe("signing out", () => {
  it("ends the ProConnect session too: the provider's end-session address with the ID token, which Jalon then forgets", async () => {
    const user = await createUser(db(), { email: "sacha.martin@culture.gouv.fr" });
    account("agent-sacha", "sacha.martin@culture.gouv.fr");
    const session = cookieSet(await signIn("agent-sacha"), "jalon_session")!;
    const stored = await db().session.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored.idToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

    const out = await signOutAction(routeArgs("/deconnexion", { cookie: session, body: new URLSearchParams() }));
    expect(out.status).toBe(302);
    const location = new URL(out.headers.get("Location")!);
    expect(`${location.origin}${location.pathname}`).toBe(`${provider.issuer}/session/end`);
    expect(location.searchParams.get("id_token_hint")).toBe(stored.idToken);
    expect(location.searchParams.get("post_logout_redirect_uri")).toBe("http://localhost/");
    expect(location.searchParams.get("state")).toBeTruthy();
    expect(await db().session.findUniqueOrThrow({ where: { id: stored.id } })).toMatchObject({ idToken: null, revokedAt: expect.any(Date) });
    // The provider accepts the request (a wrong token or an undeclared return address is a 400 there).
    const providerPage = await fetch(location, { redirect: "manual" });
    expect(providerPage.status).toBe(200);
    expect(await providerPage.text()).toMatch(/logout/i);

    // A second sign-out with the same cookie has nothing left to end.
    const again = await signOutAction(routeArgs("/deconnexion", { cookie: session, body: new URLSearchParams() }));
    expect(again.headers.get("Location")).toBe("/");
  });

  it("only ends Jalon's session when ProConnect cannot be reached", async () => {
    const user = await createUser(db(), { email: "lou.bernard@culture.gouv.fr" });
    account("agent-lou", "lou.bernard@culture.gouv.fr");
    const session = cookieSet(await signIn("agent-lou"), "jalon_session")!;
    await routesWith({ OIDC_DISCOVERY_URL: `http://127.0.0.1:${await freePort()}/.well-known/openid-configuration` });
    const { action } = await import("~/routes/deconnexion");
    const out = await action(routeArgs("/deconnexion", { cookie: session, body: new URLSearchParams() }));
    expect(out.headers.get("Location")).toBe("/");
    expect(await db().session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
  });
});

describe("someone Jalon does not let in", () => {
  it("with an unknown address gets no session and is asked to request an invitation", async () => {
    account("agent-inconnu", "sacha.bernard@justice.gouv.fr");
    const usersBefore = await db().user.count();

    const answer = await signIn("agent-inconnu");
    expectRedirect(answer, "/connexion/invitation-requise");
    expect(cookieSet(answer, "jalon_session")).toBeUndefined();
    expect(await db().user.count()).toBe(usersBefore);
    expect(await db().session.count({ where: { user: { email: "sacha.bernard@justice.gouv.fr" } } })).toBe(0);
    const failure = await lastFailure();
    expect(failure).toMatchObject({ actorId: null, entityId: "unknown", data: { method: "oidc", reason: "unknown_email" } });
    // The unknown address is shown to its owner, not kept in the audit log.
    expect(JSON.stringify(failure)).not.toContain("sacha.bernard");

    const page = await routes.invitation.loader(
      routeArgs("/connexion/invitation-requise", { cookie: cookieSet(answer, "jalon_proconnect") }),
    );
    expect(page).toEqual({ email: "sacha.bernard@justice.gouv.fr" });
    expect(await routes.invitation.loader(routeArgs("/connexion/invitation-requise"))).toEqual({ email: null });
  });

  it("when deactivated gets no session", async () => {
    const user = await createUser(db(), { email: "ancien.agent@culture.gouv.fr", deactivatedAt: new Date() });
    account("agent-ancien", "ancien.agent@culture.gouv.fr");

    const answer = await signIn("agent-ancien");
    expectRedirect(answer, "/connexion/invitation-requise");
    expect(cookieSet(answer, "jalon_session")).toBeUndefined();
    expect(await db().session.count({ where: { userId: user.id } })).toBe(0);
    expect(await lastFailure()).toMatchObject({ entityId: user.id, data: { method: "oidc", reason: "deactivated" } });
    expect(await db().user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ oidcSubject: null, firstSignInAt: null });
  });

  it("with the address of an account linked to another identity is refused", async () => {
    const user = await createUser(db(), {
      email: "claire.roux@economie.gouv.fr",
      oidcIssuer: provider.issuer,
      oidcSubject: "agent-claire",
    });
    account("agent-claire-bis", "claire.roux@economie.gouv.fr");

    const answer = await signIn("agent-claire-bis");
    expectRedirect(answer, "/connexion?erreur=proconnect-compte-different");
    expect(await db().session.count({ where: { userId: user.id } })).toBe(0);
    expect(await db().user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ oidcSubject: "agent-claire" });
    expect(await lastFailure()).toMatchObject({ entityId: user.id, data: { method: "oidc", reason: "subject_mismatch" } });
  });

  it("without an address from the provider is refused", async () => {
    account("agent-sans-adresse", undefined);
    const answer = await signIn("agent-sans-adresse");
    expectRedirect(answer, "/connexion?erreur=proconnect-adresse-manquante");
    expect(await lastFailure()).toMatchObject({ data: { method: "oidc", reason: "missing_email" } });
  });
});

describe("a callback that does not check out", () => {
  it("is refused when its state was altered", async () => {
    await createUser(db(), { email: "etat@culture.gouv.fr" });
    account("agent-etat", "etat@culture.gouv.fr");
    const { callbackPath, flowCookie } = await throughProvider({ accountId: "agent-etat" });
    const url = new URL(callbackPath, "http://localhost");
    url.searchParams.set("state", `${url.searchParams.get("state")}x`);

    const answer = await callback(`${url.pathname}${url.search}`, flowCookie);
    expectRedirect(answer, "/connexion?erreur=proconnect-etat-invalide");
    expect(cookieSet(answer, "jalon_session")).toBeUndefined();
    expect(await lastFailure()).toMatchObject({ data: { method: "oidc", reason: "state_mismatch" } });
  });

  it("is refused without its flow cookie, or with an altered one", async () => {
    await createUser(db(), { email: "cookie@culture.gouv.fr" });
    account("agent-cookie", "cookie@culture.gouv.fr");
    const { callbackPath, flowCookie } = await throughProvider({ accountId: "agent-cookie" });
    const failuresBefore = await db().auditLog.count({ where: { action: "auth.sign_in_failed" } });

    expectRedirect(await callback(callbackPath, undefined), "/connexion?erreur=proconnect-expiree");
    const [name, value] = flowCookie.split("=");
    const forged = `${name}=${value.startsWith("e") ? "f" : "e"}${value.slice(1)}`;
    expectRedirect(await callback(callbackPath, forged), "/connexion?erreur=proconnect-expiree");
    // Nobody's flow: such calls do not fill the audit log.
    expect(await db().auditLog.count({ where: { action: "auth.sign_in_failed" } })).toBe(failuresBefore);
  });

  it("is refused once the flow is older than 10 minutes", async () => {
    await createUser(db(), { email: "lent@culture.gouv.fr" });
    account("agent-lent", "lent@culture.gouv.fr");
    const { callbackPath, flowCookie } = await throughProvider({ accountId: "agent-lent" });

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 10 * 60 * 1000 + 1000);
    const answer = await callback(callbackPath, flowCookie);
    expectRedirect(answer, "/connexion?erreur=proconnect-expiree");
    expect(cookieSet(answer, "jalon_session")).toBeUndefined();
  });

  it("cannot be replayed: an authorization code serves once", async () => {
    const user = await createUser(db(), { email: "rejeu@culture.gouv.fr" });
    account("agent-rejeu", "rejeu@culture.gouv.fr");
    const { callbackPath, flowCookie } = await throughProvider({ accountId: "agent-rejeu" });

    expect(await signedInUser(await callback(callbackPath, flowCookie))).toBe(user.id);
    // Even with a copy of the flow cookie the browser was told to delete.
    const replay = await callback(callbackPath, flowCookie);
    expectRedirect(replay, "/connexion?erreur=proconnect-erreur");
    expect(cookieSet(replay, "jalon_session")).toBeUndefined();
    expect(await db().session.count({ where: { userId: user.id } })).toBe(1);
    expect(await lastFailure()).toMatchObject({
      data: { method: "oidc", reason: "verification_failed", error: "invalid_grant" },
    });
  });

  it("tells that the agent cancelled at the provider", async () => {
    const { callbackPath, flowCookie } = await throughProvider("abort");
    expect(new URL(callbackPath, "http://localhost").searchParams.get("error")).toBe("access_denied");

    const answer = await callback(callbackPath, flowCookie);
    expectRedirect(answer, "/connexion?erreur=proconnect-annulee");
    expect(await lastFailure()).toMatchObject({ data: { method: "oidc", reason: "provider_error", error: "access_denied" } });
  });
});

describe("the instance's configuration", () => {
  it("shows a message, not an error page, when the provider cannot be reached", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const unreachable = await routesWith({
      OIDC_DISCOVERY_URL: `http://127.0.0.1:${await freePort()}/.well-known/openid-configuration`,
    });
    const answer = await start({}, undefined, unreachable);
    expectRedirect(answer, "/connexion?erreur=proconnect-indisponible");
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^ProConnect est injoignable/));
    warn.mockRestore();
  });

  it("talks plain HTTP to a provider on this machine only", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const remote = await routesWith({ OIDC_DISCOVERY_URL: "http://proconnect.invalid/api/v2/.well-known/openid-configuration" });
    expectRedirect(await start({}, undefined, remote), "/connexion?erreur=proconnect-indisponible");
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/HTTPS/));
    warn.mockRestore();
  });

  it("makes the ProConnect pages answer 404 when ProConnect is not configured", async () => {
    const none = await routesWith({ OIDC_DISCOVERY_URL: "", OIDC_CLIENT_ID: "", OIDC_CLIENT_SECRET: "" });
    const notFound = (error: unknown) => expect((error as Response).status).toBe(404);
    notFound(await thrown(start({}, undefined, none)));
    notFound(await thrown(Promise.resolve().then(() => none.start.loader())));
    notFound(await thrown(callback("/connexion/proconnect/callback?code=x&state=y", undefined, none)));
    notFound(await thrown(none.invitation.loader(routeArgs("/connexion/invitation-requise"))));
  });
});
