// What a signed-in user sees of their own account: roles and the browsers signed in.
import { db } from "~/db.server";
import { roleDescriptionSelect } from "~/ui/role-description";

export async function loadAccount(userId: string) {
  const now = new Date();
  return db().user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      name: true,
      email: true,
      roles: { select: { id: true, ...roleDescriptionSelect } },
      sessions: {
        where: { revokedAt: null, expiresAt: { gt: now } },
        select: { id: true, method: true, createdAt: true, lastSeenAt: true, userAgent: true },
        orderBy: { lastSeenAt: "desc" },
      },
    },
  });
}
