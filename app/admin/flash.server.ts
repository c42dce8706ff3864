// A one-time message carried across the redirection that follows a saved form (post/redirect/get):
// the next page shows it once and clears it. Signed, so that nobody can plant text in Jalon's pages.
import { createCookie, redirect } from "@remix-run/node";
import { config } from "~/config.server";

let cookie: ReturnType<typeof createCookie> | undefined;
function flashCookie() {
  const { sessionSecrets, env } = config();
  cookie ??= createCookie("jalon_flash", {
    httpOnly: true,
    sameSite: "lax",
    secure: env === "production",
    path: "/",
    secrets: sessionSecrets,
    // Read by the very next page: a message that has waited longer is stale.
    maxAge: 60,
  });
  return cookie;
}

export async function redirectWithFlash(to: string, message: string): Promise<Response> {
  return redirect(to, { headers: { "Set-Cookie": await flashCookie().serialize(message) } });
}

/** The waiting message, if any, and the headers that clear it (to return with the page). */
export async function takeFlash(request: Request): Promise<{ flash: string | null; headers: HeadersInit }> {
  const value: unknown = await flashCookie().parse(request.headers.get("Cookie"));
  if (typeof value !== "string" || value === "") return { flash: null, headers: {} };
  return { flash: value, headers: { "Set-Cookie": await flashCookie().serialize("", { maxAge: 0 }) } };
}
