// People and their access: who an admin sees, inviting, granting and removing roles, deactivating.
// Platform admins see everyone; an incubator admin sees the people holding a role in their
// incubators (on the incubator, one of its products or one of its committee sessions).
import { recordAudit } from "~/audit/audit-log.server";
import { findOrInviteUser } from "~/auth/invitations.server";
import { revokeAllSessions } from "~/auth/session.server";
import { forbidden, notFound } from "~/auth/viewer.server";
import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { accountState } from "./account-state";
import type { FieldErrors } from "./form-parsing";
import type { Role } from "~/generated/prisma/enums";
import { mayGrant, mayManageAccount } from "./grantable-roles";
import {
  assignmentAuditData,
  auditedAssignmentSelect,
  resolveGrant,
  rolesInIncubatorsWhere,
  scopedRoleSelect,
  toScopedRole,
  writeGrant,
} from "./grants.server";
import type { Admin } from "./guards.server";
import { describeRole } from "~/ui/role-description";
import type { Invitation, RequestedGrant, UserAction } from "./user-forms";

type Tx = Prisma.TransactionClient;

export type ChangeResult = { ok: true } | { ok: false; errors: FieldErrors };

function usersInScopeWhere({ scope }: Admin): Prisma.UserWhereInput {
  return scope.platform ? {} : { roles: { some: rolesInIncubatorsWhere(scope.incubatorIds) } };
}

/** A role to show, with what `toScopedRole` needs to tell whether this admin may manage it. */
const describedRoleSelect = {
  id: true,
  role: true,
  isIntrapreneur: true,
  title: true,
  endDate: true,
  incubatorId: true,
  incubator: { select: { name: true } },
  product: { select: { name: true, primaryIncubatorId: true, coIncubators: { select: { incubatorId: true } } } },
  organisation: { select: { name: true, acronym: true } },
  committeeSession: {
    select: { title: true, startsAt: true, incubatorId: true, incubator: { select: { name: true } } },
  },
} satisfies Prisma.RoleAssignmentSelect;

/** The people an admin sees, with their roles in that admin's scope. */
export async function listUsers(admin: Admin) {
  const users = await db().user.findMany({
    where: usersInScopeWhere(admin),
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      email: true,
      lastSeenAt: true,
      firstSignInAt: true,
      deactivatedAt: true,
      roles: {
        where: admin.scope.platform ? {} : rolesInIncubatorsWhere(admin.scope.incubatorIds),
        select: describedRoleSelect,
      },
    },
  });
  return users.map(({ firstSignInAt, deactivatedAt, roles, ...user }) => ({
    ...user,
    state: accountState({ firstSignInAt, deactivatedAt }),
    roles: roles.map(describeRole),
  }));
}

/** After a role is removed, an incubator admin may no longer see the person. */
export async function isUserInScope(admin: Admin, userId: string): Promise<boolean> {
  return (await db().user.count({ where: { id: userId, ...usersInScopeWhere(admin) } })) > 0;
}

/** One person's page, or null when this admin may not see them. */
export async function loadUserAdminPage(admin: Admin, userId: string) {
  const user = await db().user.findFirst({
    where: { id: userId, ...usersInScopeWhere(admin) },
    select: {
      id: true,
      name: true,
      email: true,
      createdAt: true,
      lastSeenAt: true,
      firstSignInAt: true,
      deactivatedAt: true,
      invitedBy: { select: { name: true } },
      roles: { orderBy: { createdAt: "asc" }, select: describedRoleSelect },
    },
  });
  if (!user) return null;
  const { roles, firstSignInAt, deactivatedAt, ...shown } = user;
  const isSelf = user.id === admin.viewer.userId;
  // An incubator admin sees only the roles they could grant: the others may name products they cannot read.
  const visible = roles.filter((r) => mayGrant(admin.scope, toScopedRole(r)));
  return {
    user: { ...shown, state: accountState({ firstSignInAt, deactivatedAt }) },
    roles: visible.map((r) => ({
      id: r.id,
      label: describeRole(r),
      ended: r.endDate !== null && r.endDate < new Date(),
      removable: !(isSelf && administers(r)),
    })),
    otherRoleCount: roles.length - visible.length,
    isSelf,
    mayManageAccount: !isSelf && mayManageAccount(admin.scope, roles.map(toScopedRole)),
  };
}

/** An admin keeps the roles that make them one: removing them is someone else's call. */
const administers = (role: { role: Role }) => role.role === "platform_admin" || role.role === "incubator_admin";

async function checkGrant(tx: Tx, admin: Admin, grant: RequestedGrant): Promise<FieldErrors | null> {
  const target = await resolveGrant(tx, grant);
  if ("errors" in target) return target.errors;
  if (!mayGrant(admin.scope, target)) throw forbidden();
  return null;
}

/**
 * Invites a person by e-mail: creates the account if the address is new (signing in with ProConnect
 * or by e-mail link then works at once), and grants the role. An address already known keeps its
 * account and name and only receives the role.
 */
export async function inviteUser(
  admin: Admin,
  invitation: Invitation,
): Promise<{ ok: true; userId: string; created: boolean } | { ok: false; errors: FieldErrors }> {
  return db().$transaction(async (tx) => {
    const errors = await checkGrant(tx, admin, invitation.grant);
    if (errors) return { ok: false, errors };
    const user = await findOrInviteUser(tx, admin.viewer.userId, invitation);
    const granted = await writeGrant(tx, admin.viewer.userId, user.id, invitation.grant);
    return granted.ok ? { ok: true, userId: user.id, created: user.created } : granted;
  });
}

/** The person, if this admin may see them; else the page does not exist for them. */
async function requireUserInScope(tx: Tx, admin: Admin, userId: string) {
  const user = await tx.user.findFirst({
    where: { id: userId, ...usersInScopeWhere(admin) },
    select: { id: true, deactivatedAt: true, roles: { select: scopedRoleSelect } },
  });
  if (!user) throw notFound();
  return user;
}

function grantRole(admin: Admin, userId: string, grant: RequestedGrant): Promise<ChangeResult> {
  return db().$transaction(async (tx) => {
    await requireUserInScope(tx, admin, userId);
    const errors = await checkGrant(tx, admin, grant);
    if (errors) return { ok: false, errors };
    return writeGrant(tx, admin.viewer.userId, userId, grant);
  });
}

/** Removes a role: the row goes, the audit log keeps what it was, who removed it and when. */
function revokeRole(admin: Admin, userId: string, assignmentId: string): Promise<ChangeResult> {
  return db().$transaction(async (tx) => {
    await requireUserInScope(tx, admin, userId);
    const assignment = await tx.roleAssignment.findFirst({
      where: { id: assignmentId, userId },
      select: { ...auditedAssignmentSelect, ...scopedRoleSelect },
    });
    if (!assignment) throw notFound();
    const role = toScopedRole(assignment);
    if (!mayGrant(admin.scope, role)) throw forbidden();
    if (userId === admin.viewer.userId && administers(role)) {
      return {
        ok: false,
        errors: {
          form: [
            "Vous ne pouvez pas retirer vos propres droits d'administration : demandez-le à une autre personne qui administre Jalon.",
          ],
        },
      };
    }
    await tx.roleAssignment.delete({ where: { id: assignment.id } });
    const { product: _product, committeeSession: _session, ...removed } = assignment;
    await recordAudit(tx, {
      actorId: admin.viewer.userId,
      action: "role.revoked",
      entityType: "User",
      entityId: userId,
      data: { assignment: assignmentAuditData(removed) },
    });
    return { ok: true };
  });
}

/**
 * Deactivates (or reactivates) an account. A deactivated account cannot sign in, and its open
 * sessions are revoked at once rather than left to expire.
 */
async function setAccountActive(admin: Admin, userId: string, active: boolean, reason?: string): Promise<ChangeResult> {
  if (!active && userId === admin.viewer.userId) {
    return { ok: false, errors: { form: ["Vous ne pouvez pas désactiver votre propre compte."] } };
  }
  const result = await db().$transaction(async (tx): Promise<ChangeResult> => {
    const user = await requireUserInScope(tx, admin, userId);
    if (!mayManageAccount(admin.scope, user.roles.map(toScopedRole))) throw forbidden();
    if ((user.deactivatedAt === null) === active) return { ok: true };
    await tx.user.update({ where: { id: userId }, data: { deactivatedAt: active ? null : new Date() } });
    await recordAudit(tx, {
      actorId: admin.viewer.userId,
      action: active ? "user.reactivated" : "user.deactivated",
      entityType: "User",
      entityId: userId,
      reason,
    });
    return { ok: true };
  });
  // After the commit: from then on signedInUser refuses the account anyway, this ends the rows too.
  if (result.ok && !active) await revokeAllSessions(userId);
  return result;
}

/** Applies one of the user page's forms. */
export function changeUser(admin: Admin, userId: string, change: UserAction): Promise<ChangeResult> {
  switch (change.intent) {
    case "grant":
      return grantRole(admin, userId, change.grant);
    case "revoke":
      return revokeRole(admin, userId, change.assignmentId);
    case "deactivate":
      return setAccountActive(admin, userId, false, change.reason);
    case "reactivate":
      return setAccountActive(admin, userId, true);
  }
}
