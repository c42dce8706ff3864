// Inviting a person by e-mail, wherever it happens (the administration, a product's team page): an
// address without an account gets one at once, so that signing in with ProConnect or by e-mail link
// works from then on. Jalon sends no e-mail here; whoever invites tells the person.
import { recordAudit } from "~/audit/audit-log.server";
import type { Prisma } from "~/generated/prisma/client";

export interface Invitee {
  /** Lower-cased, as stored. */
  email: string;
  name: string;
}

/**
 * The account behind this address, created (and audited as `user.invited`) when there is none. An
 * address already known keeps its account and its name. Run inside the caller's transaction, so
 * that the account and the role it is invited for are written together or not at all.
 */
export async function findOrInviteUser(
  tx: Prisma.TransactionClient,
  inviterId: string,
  invitee: Invitee,
): Promise<{ id: string; created: boolean }> {
  const known = await tx.user.findUnique({ where: { email: invitee.email }, select: { id: true } });
  if (known) return { id: known.id, created: false };
  const user = await tx.user.create({
    data: { email: invitee.email, name: invitee.name, invitedById: inviterId },
    select: { id: true },
  });
  await recordAudit(tx, { actorId: inviterId, action: "user.invited", entityType: "User", entityId: user.id });
  return { id: user.id, created: true };
}
