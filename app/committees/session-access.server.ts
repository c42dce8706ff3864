// The doors of a committee session's pages: the public is sent to sign in, an unknown session is a
// 404, a signed-in person without the right a 403. Who may do what on a session, in one place.
import { z } from "zod";
import { can, type SessionScope } from "~/auth/permissions";
import { forbidden, notFound, requireViewer, type Viewer } from "~/auth/viewer.server";
import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import type { CommitteeSeat } from "~/generated/prisma/enums";

export const sessionSelect = {
  id: true,
  incubatorId: true,
  title: true,
  startsAt: true,
  location: true,
  videoUrl: true,
  status: true,
  dossierDeadline: true,
  deliberationOpenedAt: true,
  closedAt: true,
  convocationSentAt: true,
  minutesPublishedAt: true,
  chairId: true,
  incubator: { select: { slug: true, name: true, reviewIntervalMonths: true } },
} satisfies Prisma.CommitteeSessionSelect;

export type SessionRow = Prisma.CommitteeSessionGetPayload<{ select: typeof sessionSelect }>;

/** What a viewer may do on one session (the UI shows only these; every action checks again). */
export interface SessionRights {
  read: boolean;
  /** Edit, convene, close, attendance, minutes: the incubator's admins. */
  manage: boolean;
  /** Open the deliberation: the chair or a manager. */
  openDeliberation: boolean;
  /** Record, amend and publish decisions, follow conditions. */
  decide: boolean;
  /** Vote on the session's products. */
  vote: boolean;
}

export interface SessionAccess {
  viewer: Viewer;
  session: SessionRow;
  scope: SessionScope;
  rights: SessionRights;
}

/** Seats that vote; the intrapreneur presents the product. */
export const VOTING_SEATS: readonly CommitteeSeat[] = ["sponsor", "incubator_head", "portfolio_manager", "guest"];

const IdSchema = z.uuid();

/**
 * Voting belongs to the committee: the incubator's committee members and the session's seated
 * members (guests included, who hold a session-scoped committee_member role). A platform admin who
 * does not sit on it does not vote.
 */
function mayVote(viewer: Viewer, scope: SessionScope, seat: CommitteeSeat | null): boolean {
  if (!can(viewer, "vote.cast", scope)) return false;
  if (seat !== null) return VOTING_SEATS.includes(seat);
  return viewer.grants.some(
    (g) => g.role === "committee_member" && (g.incubatorId === scope.incubatorId || g.committeeSessionId === scope.sessionId),
  );
}

export async function sessionRights(viewer: Viewer, session: Pick<SessionRow, "id" | "incubatorId" | "chairId">): Promise<SessionRights> {
  const scope = { sessionId: session.id, incubatorId: session.incubatorId };
  const seat = await db().committeeMember.findFirst({
    where: { sessionId: session.id, userId: viewer.userId },
    select: { seat: true },
  });
  const manage = can(viewer, "session.manage", { incubatorId: session.incubatorId });
  return {
    read: can(viewer, "session.read", scope),
    manage,
    openDeliberation: manage || session.chairId === viewer.userId,
    decide: can(viewer, "decision.record", scope),
    vote: mayVote(viewer, scope, seat?.seat ?? null),
  };
}

/** The session and the viewer's rights on it, once `right` is checked (403 otherwise). */
export async function requireSession(request: Request, id: string | undefined, right: keyof SessionRights = "read"): Promise<SessionAccess> {
  const viewer = await requireViewer(request);
  const parsed = IdSchema.safeParse(id);
  if (!parsed.success) throw notFound();
  const session = await db().committeeSession.findUnique({ where: { id: parsed.data }, select: sessionSelect });
  if (!session) throw notFound();
  const rights = await sessionRights(viewer, session);
  if (!rights.read && !rights.manage) throw forbidden();
  if (!rights[right]) throw forbidden();
  return { viewer, session, scope: { sessionId: session.id, incubatorId: session.incubatorId }, rights };
}

/** The incubator a new session is planned for, once the viewer may manage its sessions. */
export async function requireSessionPlanner(request: Request, slug: string) {
  const viewer = await requireViewer(request);
  const incubator = await db().incubator.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true, reviewIntervalMonths: true },
  });
  if (!incubator) throw notFound();
  if (!can(viewer, "session.manage", { incubatorId: incubator.id })) throw forbidden();
  return { viewer, incubator };
}
