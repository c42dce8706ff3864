// The person behind a request, and the guards every loader and action uses.
import { redirect } from "@remix-run/node";
import { can, type Action, type Permissions } from "./permissions";
import { signedInUser, type SignedInUser } from "./session.server";

export type Viewer = SignedInUser;

const viewers = new WeakMap<Request, Promise<Viewer | null>>();
/**
 * Lookups under way, by Cookie header. Remix hands each loader of a page its own copy of the request,
 * so the root's and the page's loaders, which start together, would each read the session: they
 * share the read instead. A lookup is forgotten as soon as it ends, so a later request reads again.
 */
const pending = new Map<string, Promise<Viewer | null>>();

/** The signed-in user, or null for the public; read once per request. */
export function getViewer(request: Request): Promise<Viewer | null> {
  let viewer = viewers.get(request);
  if (!viewer) {
    const cookie = request.headers.get("Cookie") ?? "";
    viewer = pending.get(cookie);
    if (!viewer) {
      const lookup = signedInUser(request);
      const forget = () => pending.delete(cookie);
      lookup.then(forget, forget);
      pending.set(cookie, lookup);
      viewer = lookup;
    }
    viewers.set(request, viewer);
  }
  return viewer;
}

export function signInRedirect(request: Request): Response {
  const url = new URL(request.url);
  return redirect(`/connexion?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

export function forbidden(): Response {
  return new Response("Accès refusé", { status: 403, statusText: "Forbidden" });
}

export function notFound(): Response {
  return new Response("Page introuvable", { status: 404, statusText: "Not Found" });
}

/** A signed-in user, or a redirection to the sign-in page. */
export async function requireViewer(request: Request): Promise<Viewer> {
  const viewer = await getViewer(request);
  if (!viewer) throw signInRedirect(request);
  return viewer;
}

/**
 * Allows the request or stops it: the public is sent to sign in, a signed-in user without the right
 * gets a 403 page.
 */
export async function requirePermission<A extends Action>(request: Request, action: A, scope: Permissions[A]): Promise<Viewer | null> {
  const viewer = await getViewer(request);
  if (can(viewer, action, scope)) return viewer;
  if (!viewer) throw signInRedirect(request);
  throw forbidden();
}
