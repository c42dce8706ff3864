// Protections every response gets, applied by server.js before Remix: security headers (a CSP with a
// per-request nonce for Remix's inline scripts) and the refusal of state-changing requests sent by
// another site (CSRF), whatever route they target.
import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { config } from "~/config.server";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function contentSecurityPolicy(nonce: string): string {
  const { oidc } = config();
  // Submitting the ProConnect form redirects to the provider: browsers check that against form-action.
  const formTargets = ["'self'", oidc ? new URL(oidc.discoveryUrl).origin : null].filter(Boolean).join(" ");
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    // DSFR components set style attributes; no script can be injected through styles.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action ${formTargets}`,
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Whether a state-changing request comes from another site (a browser always says so). */
export function isCrossSiteWrite(method: string, headers: { origin?: string; secFetchSite?: string; host?: string }): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  if (headers.secFetchSite === "cross-site") return true;
  if (!headers.origin) return false;
  if (headers.origin === "null") return true;
  let origin: URL;
  try {
    origin = new URL(headers.origin);
  } catch {
    return true;
  }
  const allowed = new Set([new URL(config().appUrl).host, headers.host]);
  return !allowed.has(origin.host);
}

/**
 * `csp: false` only under Vite's development server, which injects inline scripts of its own.
 */
export function securityMiddleware({ csp }: { csp: boolean }) {
  return (req: Request, res: Response, next: NextFunction) => guard(req, res, next, csp);
}

function guard(req: Request, res: Response, next: NextFunction, csp: boolean): void {
  const production = config().env === "production";
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  if (production && config().appUrl.startsWith("https://")) {
    res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
  if (csp) {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce));
  }
  if (
    isCrossSiteWrite(req.method, {
      origin: req.get("origin"),
      secFetchSite: req.get("sec-fetch-site"),
      host: req.get("host"),
    })
  ) {
    res.status(403).type("text/plain; charset=utf-8").send("Requête refusée : elle ne provient pas de Jalon.");
    return;
  }
  next();
}
