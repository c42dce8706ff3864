// Server-side sessions: the cookie carries a random token (signed with the rotating secrets), the
// database keeps its hash with idle and absolute expiry. Revoking a row signs that browser out.
import { recordAudit } from "~/audit/audit-log.server";
import { db } from "~/db.server";
import { isoDay, today } from "~/domain/days";
import { signedCookie } from "~/security/signed-cookie.server";
import type { Actor } from "./permissions";
import { hashToken, newToken } from "./tokens.server";

export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
/** lastSeenAt is written at most this often, so reading pages does not write on every request. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

export type SignInMethod = "oidc" | "magic-link" | "demo";

const sessionCookie = signedCookie("jalon_session", { path: "/", maxAgeSeconds: SESSION_ABSOLUTE_MS / 1000 });

async function readToken(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

/**
 * Opens a session for a user who just proved who they are; returns the Set-Cookie header. A
 * ProConnect sign-in keeps its ID token until sign-out, when ProConnect needs it to end its own session.
 */
export async function createSession(userId: string, method: SignInMethod, request: Request, idToken?: string): Promise<string> {
  const token = newToken();
  const now = new Date();
  await db().$transaction(async (tx) => {
    await tx.session.create({
      data: {
        tokenHash: hashToken(token),
        userId,
        method,
        expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
        userAgent: request.headers.get("user-agent")?.slice(0, 300) ?? null,
        idToken: idToken ?? null,
      },
    });
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { firstSignInAt: true } });
    await tx.user.update({ where: { id: userId }, data: { lastSeenAt: now, firstSignInAt: user.firstSignInAt ?? now } });
    await recordAudit(tx, { actorId: userId, action: "auth.sign_in", entityType: "User", entityId: userId, data: { method } });
  });
  return sessionCookie().serialize(token);
}

/** Who a valid session signs in: the rights are read with it, since every request needs both. */
export interface SignedInUser extends Actor {
  name: string;
  email: string;
}

/**
 * The signed-in user of this request with their current grants, or null (no cookie, expired, revoked,
 * deactivated). One statement where the session, its user and the user's roles took three.
 */
export async function signedInUser(request: Request): Promise<SignedInUser | null> {
  const token = await readToken(request);
  if (!token) return null;
  const [session] = await db().$queryRaw<
    (SignedInUser & { id: string; expiresAt: Date; revokedAt: Date | null; lastSeenAt: Date; deactivatedAt: Date | null })[]
  >`
    SELECT s.id, s."userId", s."expiresAt", s."revokedAt", s."lastSeenAt", u."deactivatedAt", u.name, u.email,
      (SELECT coalesce(json_agg(json_build_object('role', r.role, 'incubatorId', r."incubatorId", 'productId', r."productId",
                'organisationId', r."organisationId", 'committeeSessionId', r."committeeSessionId", 'isIntrapreneur', r."isIntrapreneur")), '[]')
         FROM "RoleAssignment" r
         -- Assignments that ended are history, not rights.
         WHERE r."userId" = u.id AND (r."endDate" IS NULL OR r."endDate" >= ${isoDay(today())}::date)) AS grants
    FROM "Session" s JOIN "User" u ON u.id = s."userId"
    WHERE s."tokenHash" = ${hashToken(token)}`;
  const now = Date.now();
  if (
    !session ||
    session.revokedAt ||
    session.deactivatedAt ||
    session.expiresAt.getTime() <= now ||
    session.lastSeenAt.getTime() + SESSION_IDLE_MS <= now
  ) {
    return null;
  }
  if (session.lastSeenAt.getTime() + TOUCH_EVERY_MS <= now) {
    await db().session.update({ where: { id: session.id }, data: { lastSeenAt: new Date(now) } });
  }
  const { userId, name, email, grants } = session;
  return { userId, name, email, grants };
}

/**
 * Ends this browser's session; returns the Set-Cookie header that clears the cookie and, for a
 * ProConnect session, its ID token (forgotten here: it serves once, to sign out of ProConnect).
 */
export async function destroySession(request: Request): Promise<{ cookie: string; idToken: string | null }> {
  const token = await readToken(request);
  let idToken: string | null = null;
  if (token) {
    const where = { tokenHash: hashToken(token), revokedAt: null };
    const session = await db().session.findFirst({ where, select: { idToken: true } });
    const { count } = await db().session.updateMany({ where, data: { revokedAt: new Date(), idToken: null } });
    // Of two sign-outs at once, only the one that ended the session signs out of ProConnect.
    if (count === 1) idToken = session?.idToken ?? null;
  }
  return { cookie: await sessionCookie().serialize("", { maxAge: 0 }), idToken };
}

/** Signs a user out of every browser at once (sign out everywhere, deactivation). */
export async function revokeAllSessions(userId: string): Promise<number> {
  const { count } = await db().session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date(), idToken: null } });
  return count;
}
