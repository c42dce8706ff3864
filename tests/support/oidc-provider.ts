// A real OpenID provider (oidc-provider) on loopback, shaped like ProConnect: client_secret_post,
// signed userinfo, the scopes `openid email given_name usual_name`, acr "eidas1", PKCE required.
// Its development login and consent pages stand in for ProConnect's, driven over HTTP as a browser.
import { generateKeyPairSync } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type FindAccount } from "oidc-provider";

export interface TestAccount {
  email?: string;
  given_name: string;
  usual_name: string;
}

export interface TestClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Where the provider may send the browser back after signing out. */
  postLogoutRedirectUri?: string;
  /** "jwt" as ProConnect (application/jwt), "json" as most other providers. */
  userinfo: "jwt" | "json";
}

export interface TestProvider {
  issuer: string;
  discoveryUrl: string;
  /** Accounts by id (the `sub`); tests add and change them at will. */
  accounts: Map<string, TestAccount>;
  /** The Content-Type of each userinfo answer, oldest first. */
  userinfoTypes: string[];
  close(): Promise<void>;
}

export async function startOidcProvider(clients: TestClient[]): Promise<TestProvider> {
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  const userinfoTypes: string[] = [];
  const server = createServer((req, res) => {
    if (req.url === "/me") res.on("finish", () => userinfoTypes.push(String(res.getHeader("Content-Type"))));
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const accounts = new Map<string, TestAccount>();
  const findAccount: FindAccount = (_ctx, id) => {
    const account = accounts.get(id);
    return account && { accountId: id, claims: () => ({ sub: id, ...account }) };
  };
  const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
  const provider = new Provider(issuer, {
    clients: clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: [c.redirectUri],
      ...(c.postLogoutRedirectUri ? { post_logout_redirect_uris: [c.postLogoutRedirectUri] } : {}),
      token_endpoint_auth_method: "client_secret_post",
      ...(c.userinfo === "jwt" ? { userinfo_signed_response_alg: "RS256" } : {}),
    })),
    jwks: { keys: [{ ...signingKey, kid: "cle-de-test", alg: "RS256", use: "sig" }] },
    findAccount,
    claims: { openid: ["sub"], email: ["email"], given_name: ["given_name"], usual_name: ["usual_name"] },
    scopes: ["openid", "email", "given_name", "usual_name"],
    acrValues: ["eidas1"],
    features: { devInteractions: { enabled: true }, jwtUserinfo: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: ["cle-des-cookies-du-fournisseur-de-test"] },
  });
  handle = provider.callback();

  return {
    issuer,
    discoveryUrl: `${issuer}/.well-known/openid-configuration`,
    accounts,
    userinfoTypes,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * Goes through the provider's pages as a browser would, from the authorization URL Jalon redirected
 * to: signs in as `accountId` and consents, or cancels at the first page ("abort"). Resolves with the
 * URL the provider finally sends the browser to (Jalon's callback).
 */
export async function passProvider(authorizationUrl: string, user: { accountId: string } | "abort"): Promise<URL> {
  const jar = new Map<string, string>();
  let url = new URL(authorizationUrl);
  let form: URLSearchParams | undefined;
  for (let step = 0; step < 20; step += 1) {
    const response = await fetch(url, {
      method: form ? "POST" : "GET",
      body: form,
      redirect: "manual",
      headers: { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join("; ") },
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(";");
      const [name, value] = [pair.slice(0, pair.indexOf("=")).trim(), pair.slice(pair.indexOf("=") + 1)];
      const expires = attributes.find((a) => a.trim().toLowerCase().startsWith("expires="));
      const expired = expires && new Date(expires.split("=")[1]).getTime() < Date.now();
      if (expired || value === "") jar.delete(name);
      else jar.set(name, value);
    }
    const location = response.headers.get("Location");
    if (location) {
      const next = new URL(location, url);
      if (next.origin !== url.origin) return next;
      url = next;
      form = undefined;
      continue;
    }
    const page = await response.text();
    const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
    if (!prompt) throw new Error(`unexpected provider page (${response.status}) at ${url}:\n${page.slice(0, 1000)}`);
    if (user === "abort") {
      url = new URL(`${url.pathname}/abort`, url);
      form = undefined;
    } else {
      form = new URLSearchParams(prompt === "login" ? { prompt, login: user.accountId, password: "sans importance" } : { prompt });
    }
  }
  throw new Error("the provider kept redirecting");
}
