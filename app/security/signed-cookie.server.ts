// Jalon's cookies differ only by name, path and lifetime: all are signed with the rotating
// SESSION_SECRETS, hidden from scripts, Lax, and Secure in production.
import { createCookie, type Cookie } from "@remix-run/node";
import { config } from "~/config.server";

/** The cookie, created at first use: config() must not be read when a module is imported. */
export function signedCookie(name: string, options: { path: string; maxAgeSeconds: number }): () => Cookie {
  let cookie: Cookie | undefined;
  return () => {
    const { sessionSecrets, env } = config();
    cookie ??= createCookie(name, {
      httpOnly: true,
      sameSite: "lax",
      secure: env === "production",
      path: options.path,
      secrets: sessionSecrets,
      maxAge: options.maxAgeSeconds,
    });
    return cookie;
  };
}
