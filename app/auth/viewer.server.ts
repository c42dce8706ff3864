// The person behind a request, and the guards every loader and action uses.
import { redirect } from "@remix-run/node";
import { db } from "~/db.server";
import { isoDay } from "~/domain/days";
import { can, type Action, type Actor, type Grant, type Permissions } from "./permissions";
import { sessionUserId } from "./session.server";

export interface Viewer extends Actor {
  name: string;
  email: string;
}

const viewers = new WeakMap<Request, Promise<Viewer | null>>();

async function loadViewer(request: Request): Promise<Viewer | null> {
  const userId = await sessionUserId(request);
  if (!userId) return null;
  // One statement where Prisma's relation query took two: every request reads its viewer.
  const [user] = await db().$queryRaw<{ name: string; email: string; grants: Grant[] }[]>`
    SELECT u.name, u.email,
      (SELECT coalesce(json_agg(json_build_object('role', r.role, 'incubatorId', r."incubatorId", 'productId', r."productId",
                'organisationId', r."organisationId", 'committeeSessionId', r."committeeSessionId", 'isIntrapreneur', r."isIntrapreneur")), '[]')
         FROM "RoleAssignment" r
         -- Assignments that ended are history, not rights.
         WHERE r."userId" = u.id AND (r."endDate" IS NULL OR r."endDate" >= ${isoDay(new Date())}::date)) AS grants
    FROM "User" u WHERE u.id = ${userId}::uuid`;
  return user ? { userId, name: user.name, email: user.email, grants: user.grants } : null;
}

/** The signed-in user, or null for the public; read once per request. */
export function getViewer(request: Request): Promise<Viewer | null> {
  let viewer = viewers.get(request);
  if (!viewer) {
    viewer = loadViewer(request);
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
