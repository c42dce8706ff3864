// Server-side sessions: the cookie carries a random token (signed with the rotating secrets), the
// database keeps its hash with idle and absolute expiry. Revoking a row signs that browser out.
import { recordAudit } from "~/audit/audit-log.server";
import { db } from "~/db.server";
import { signedCookie } from "~/security/signed-cookie.server";
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

/** The signed-in user's id for this request, or null (no cookie, expired, revoked, deactivated). */
export async function sessionUserId(request: Request): Promise<string | null> {
  const token = await readToken(request);
  if (!token) return null;
  const session = await db().session.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, userId: true, expiresAt: true, revokedAt: true, lastSeenAt: true, user: { select: { deactivatedAt: true } } },
  });
  const now = Date.now();
  if (
    !session ||
    session.revokedAt ||
    session.user.deactivatedAt ||
    session.expiresAt.getTime() <= now ||
    session.lastSeenAt.getTime() + SESSION_IDLE_MS <= now
  ) {
    return null;
  }
  if (session.lastSeenAt.getTime() + TOUCH_EVERY_MS <= now) {
    await db().session.update({ where: { id: session.id }, data: { lastSeenAt: new Date(now) } });
  }
  return session.userId;
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
