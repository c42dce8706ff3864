// Sign-in with ProConnect, the State's OpenID Connect federation for public agents: authorization
// code flow with PKCE, state and nonce. Jalon creates no account here: ProConnect proves who the
// person is, and only an address an administrator invited (or an identity already linked) gets in.
import { redirect } from "@remix-run/node";
import * as client from "openid-client";
import { z } from "zod";
import { recordAudit } from "~/audit/audit-log.server";
import { config, type OidcConfig } from "~/config.server";
import { db } from "~/db.server";
import { hitRateLimit, tooManyRequests, type RateLimit } from "~/security/rate-limit.server";
import { signedCookie } from "~/security/signed-cookie.server";
import { LocalPathSchema } from "./local-path";
import type { OidcErrorCode } from "./oidc-errors";
import { createSession } from "./session.server";
import { notFound } from "./viewer.server";

const CALLBACK_PATH = "/connexion/proconnect/callback";
const INVITATION_REQUIRED_PATH = "/connexion/invitation-requise";

/** Time to get through ProConnect's pages; the flow cookie is refused after it. */
const FLOW_MINUTES = 10;
const PER_CLIENT: RateLimit = { name: "oidc-start:ip", limit: 20, windowSeconds: 10 * 60 };
/** Metadata barely changes; reading it again daily follows a provider's move without a restart. */
const DISCOVERY_TTL_MS = 24 * 60 * 60 * 1000;
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);
/** AgentConnect demanded it; ProConnect accepts it. The lowest level, so it never turns an agent away. */
const ACR = "eidas1";

/** ProConnect's settings, or a 404: on an instance without them, its pages do not exist. */
export function requireOidc(): OidcConfig {
  const { oidc } = config();
  if (!oidc) throw notFound();
  return oidc;
}

// ---------- The provider's metadata ----------

let discovered: { at: number; configuration: Promise<client.Configuration> } | undefined;

function discover(oidc: OidcConfig): Promise<client.Configuration> {
  const documentUrl = new URL(oidc.discoveryUrl);
  // Given the issuer rather than the document's address, openid-client also checks that the
  // document names that issuer.
  const issuer = new URL(documentUrl.href.replace(/\/\.well-known\/openid-configuration$/, ""));
  // Signatures of the ID token and of the signed userinfo are checked against the provider's keys,
  // as ProConnect asks, on top of TLS.
  const execute = [client.enableNonRepudiationChecks];
  // Plain HTTP only for a provider on this machine (tests, a local mock); never across a network.
  if (documentUrl.protocol === "http:" && LOOPBACK_HOSTS.has(documentUrl.hostname)) {
    execute.push(client.allowInsecureRequests);
  }
  // ProConnect authenticates clients with client_secret_post.
  return client.discovery(issuer, oidc.clientId, undefined, client.ClientSecretPost(oidc.clientSecret), {
    execute,
    timeout: 10,
  });
}

/** The provider's configuration, or null when it cannot be reached (tried again next time). */
async function providerConfiguration(oidc: OidcConfig): Promise<client.Configuration | null> {
  if (!discovered || Date.now() - discovered.at > DISCOVERY_TTL_MS) {
    discovered = { at: Date.now(), configuration: discover(oidc) };
  }
  const attempt = discovered;
  try {
    return await attempt.configuration;
  } catch (error) {
    if (discovered === attempt) discovered = undefined;
    console.warn(`ProConnect est injoignable (${oidc.discoveryUrl}) : ${describe(error)}`);
    return null;
  }
}

// ---------- The flow cookie ----------

const StartedSchema = z.object({
  step: z.literal("started"),
  state: z.string(),
  nonce: z.string(),
  codeVerifier: z.string(),
  returnTo: LocalPathSchema,
  expiresAt: z.number(),
});
/** After a refusal, the address ProConnect gave, for the invitation page to show. */
const RefusedSchema = z.object({ step: z.literal("refused"), email: z.string(), expiresAt: z.number() });
const FlowSchema = z.discriminatedUnion("step", [StartedSchema, RefusedSchema]);
type Flow = z.infer<typeof FlowSchema>;

// Lax lets it through on the provider's redirection back, a top-level GET; the invitation page
// under /connexion reads it too.
const flowCookie = signedCookie("jalon_proconnect", { path: "/connexion", maxAgeSeconds: FLOW_MINUTES * 60 });

/** The signed cookie's content, if any and still fresh: a copied cookie is refused after its time too. */
async function readFlow(request: Request): Promise<Flow | null> {
  const parsed = FlowSchema.safeParse(await flowCookie().parse(request.headers.get("Cookie")));
  return parsed.success && parsed.data.expiresAt > Date.now() ? parsed.data : null;
}

function writeFlow(flow: Flow): Promise<string> {
  return flowCookie().serialize(flow);
}

function clearFlow(): Promise<string> {
  return flowCookie().serialize("", { maxAge: 0 });
}

const expiresAt = () => Date.now() + FLOW_MINUTES * 60 * 1000;

// ---------- Sign-in ----------

function callbackUrl(): string {
  return `${config().appUrl}${CALLBACK_PATH}`;
}

/**
 * Sends the browser to ProConnect (or answers 429); `returnTo` is where to land once signed in,
 * kept only if it is a path on this site.
 */
export async function startOidcSignIn(clientAddress: string, returnTo: string | undefined): Promise<Response> {
  const oidc = requireOidc();
  const hit = await hitRateLimit(PER_CLIENT, clientAddress);
  if (!hit.allowed) return tooManyRequests(hit.retryAfterSeconds);
  const provider = await providerConfiguration(oidc);
  if (!provider) return signInError("proconnect-indisponible");

  const codeVerifier = client.randomPKCECodeVerifier();
  const landing = LocalPathSchema.safeParse(returnTo);
  const flow: Flow = {
    step: "started",
    state: client.randomState(),
    nonce: client.randomNonce(),
    codeVerifier,
    returnTo: landing.success ? landing.data : "/",
    expiresAt: expiresAt(),
  };
  const parameters: Record<string, string> = {
    redirect_uri: callbackUrl(),
    scope: oidc.scopes,
    state: flow.state,
    nonce: flow.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
  };
  if (provider.serverMetadata().acr_values_supported?.includes(ACR)) parameters.acr_values = ACR;
  return redirect(client.buildAuthorizationUrl(provider, parameters).href, {
    headers: { "Set-Cookie": await writeFlow(flow) },
  });
}

const ClaimsSchema = z.object({
  sub: z.string().min(1),
  email: z.string().trim().toLowerCase().pipe(z.email()).optional().catch(undefined),
});

type FailureReason =
  | "state_mismatch"
  | "provider_error"
  | "verification_failed"
  | "missing_email"
  | "unknown_email"
  | "deactivated"
  | "subject_mismatch";

/**
 * The provider's redirection back: checks it, matches the person to a Jalon account, opens the
 * session. Always a redirection, and the flow cookie is spent whatever the outcome.
 */
export async function completeOidcSignIn(request: Request): Promise<Response> {
  const oidc = requireOidc();
  const flow = await readFlow(request);
  // No flow, nothing to audit: anyone can call this address, and only flows started here (a
  // rate-limited POST) may write to the audit log.
  if (flow?.step !== "started") return signInError("proconnect-expiree");

  const query = new URL(request.url).searchParams;
  if (query.get("state") !== flow.state) return refuse("proconnect-etat-invalide", "state_mismatch", null);
  const providerError = query.get("error");
  if (providerError) {
    const code = providerError === "access_denied" ? "proconnect-annulee" : "proconnect-erreur";
    return refuse(code, "provider_error", null, { error: providerError.slice(0, 100) });
  }
  const provider = await providerConfiguration(oidc);
  if (!provider) return signInError("proconnect-indisponible");

  let claims: z.infer<typeof ClaimsSchema>;
  let idToken: string | undefined;
  try {
    // The address the provider redirected to, whatever the proxies in front of Jalon rewrote.
    const currentUrl = new URL(callbackUrl());
    currentUrl.search = query.toString();
    const tokens = await client.authorizationCodeGrant(provider, currentUrl, {
      pkceCodeVerifier: flow.codeVerifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
    });
    // Given the nonce, openid-client has already insisted on an ID token; its subject must be the userinfo's.
    const subject = tokens.claims()?.sub;
    if (!subject) throw new Error("réponse sans jeton d'identité");
    idToken = tokens.id_token;
    // ProConnect answers with a signed JWT (application/jwt); openid-client reads plain JSON too.
    claims = ClaimsSchema.parse(await client.fetchUserInfo(provider, tokens.access_token, subject));
  } catch (error) {
    console.warn(`Connexion ProConnect refusée : ${describe(error)}`);
    return refuse("proconnect-erreur", "verification_failed", null, { error: describe(error).slice(0, 200) });
  }
  if (!claims.email) return refuse("proconnect-adresse-manquante", "missing_email", null);

  const issuer = provider.serverMetadata().issuer;
  const match = await matchUser(issuer, claims.sub, claims.email);
  switch (match.outcome) {
    case "signed-in": {
      const headers = new Headers();
      headers.append("Set-Cookie", await createSession(match.userId, "oidc", request, idToken));
      headers.append("Set-Cookie", await clearFlow());
      return redirect(flow.returnTo, { headers });
    }
    case "no-access": {
      await auditFailure(match.reason, match.userId);
      const refused = await writeFlow({ step: "refused", email: claims.email, expiresAt: expiresAt() });
      return redirect(INVITATION_REQUIRED_PATH, { headers: { "Set-Cookie": refused } });
    }
    case "other-identity":
      return refuse("proconnect-compte-different", "subject_mismatch", match.userId);
  }
}

// ---------- Sign-out ----------

/**
 * Where to send the browser after Jalon's own sign-out so that ProConnect ends its session too (on
 * a shared computer, the next person would otherwise be signed in as this agent with one click):
 * the provider's end-session address with the ID token, or null when there is none to reach (an
 * instance without ProConnect, a provider down: Jalon's own session is ended all the same).
 * ProConnect sends the browser back to `<APP_URL>/`, to be declared as the post-logout address.
 */
export async function providerSignOutUrl(idToken: string): Promise<string | null> {
  const { oidc, appUrl } = config();
  const provider = oidc && (await providerConfiguration(oidc));
  if (!provider?.serverMetadata().end_session_endpoint) return null;
  return client.buildEndSessionUrl(provider, {
    id_token_hint: idToken,
    post_logout_redirect_uri: `${appUrl}/`,
    state: client.randomState(),
  }).href;
}

type Match =
  | { outcome: "signed-in"; userId: string }
  | { outcome: "no-access"; reason: "unknown_email" | "deactivated"; userId: string | null }
  /** The address's account is linked to another ProConnect identity. */
  | { outcome: "other-identity"; userId: string };

async function matchUser(issuer: string, subject: string, email: string): Promise<Match> {
  const select = { id: true, deactivatedAt: true } as const;
  // The linked identity first: it stays the same when the agent's address changes.
  const linked = await db().user.findUnique({
    where: { oidcIssuer_oidcSubject: { oidcIssuer: issuer, oidcSubject: subject } },
    select,
  });
  const user = linked ?? (await db().user.findUnique({ where: { email }, select }));
  if (!user) return { outcome: "no-access", reason: "unknown_email", userId: null };
  if (user.deactivatedAt) return { outcome: "no-access", reason: "deactivated", userId: user.id };
  if (linked) return { outcome: "signed-in", userId: user.id };
  // An invitation's first ProConnect sign-in links the identity for good. Conditional, so that an
  // account already linked to another identity is never re-linked by whoever holds its address.
  const { count } = await db().user.updateMany({
    where: { id: user.id, oidcSubject: null },
    data: { oidcIssuer: issuer, oidcSubject: subject },
  });
  return count === 1 ? { outcome: "signed-in", userId: user.id } : { outcome: "other-identity", userId: user.id };
}

/** The invitation page's address: the one ProConnect gave at the last refusal, if recent. */
export async function refusedAddress(request: Request): Promise<string | null> {
  const flow = await readFlow(request);
  return flow?.step === "refused" ? flow.email : null;
}

async function signInError(code: OidcErrorCode): Promise<Response> {
  return redirect(`/connexion?erreur=${code}`, { headers: { "Set-Cookie": await clearFlow() } });
}

async function refuse(
  code: OidcErrorCode,
  reason: FailureReason,
  userId: string | null,
  details: Record<string, string> = {},
): Promise<Response> {
  await auditFailure(reason, userId, details);
  return signInError(code);
}

// The address is not recorded: an address without an account is not kept (as for e-mail links).
function auditFailure(reason: FailureReason, userId: string | null, details: Record<string, string> = {}) {
  return recordAudit(db(), {
    actorId: null,
    action: "auth.sign_in_failed",
    entityType: "User",
    entityId: userId ?? "unknown",
    data: { method: "oidc", reason, ...details },
  });
}

/** An error's gist for logs and audit: the OAuth error code or message, never a token. */
function describe(error: unknown): string {
  if (error instanceof client.ResponseBodyError || error instanceof client.AuthorizationResponseError) {
    return error.error;
  }
  return error instanceof Error ? error.message : String(error);
}
