// Calling a loader or an action as a signed-in person, and reading what it answered.
import { createSession } from "~/auth/session.server";
import { routeArgs, thrown } from "./routes";

/** The session cookie of a new session for this user ("name=value"). */
export async function signIn(userId: string): Promise<string> {
  const setCookie = await createSession(userId, "demo", new Request("http://localhost/"));
  return setCookie.split(";")[0];
}

/** A form submission; `cookie` null for the public. */
export const post = (path: string, cookie: string | null, body: Record<string, string>, params: Record<string, string> = {}) =>
  routeArgs(path, { method: "POST", cookie: cookie ?? undefined, body: new URLSearchParams(body), params });

/** The status of what a loader or action returned: a Response (redirect) or `data(…, { status })`. */
export function outcome(result: unknown): { status: number; location: string | null; data: unknown } {
  if (result instanceof Response) return { status: result.status, location: result.headers.get("Location"), data: null };
  const wrapped = result as { init?: { status?: number } | null; data?: unknown };
  return { status: wrapped.init?.status ?? 200, location: null, data: wrapped.data ?? result };
}

/** The status of the Response a loader or action threw (403, 404, a redirection…). */
export async function thrownStatus(promise: Promise<unknown>): Promise<{ status: number; location: string | null }> {
  const error = await thrown(promise);
  if (!(error instanceof Response)) throw error;
  return { status: error.status, location: error.headers.get("Location") };
}
