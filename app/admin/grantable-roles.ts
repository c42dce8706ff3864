// Which roles an administrator may grant, and on which scope. Pure: the server resolves the
// incubators a scope belongs to, then asks. Removing a role and deactivating an account follow the
// same answer, so that nobody can take away what they could not have given.
import type { Actor } from "~/auth/permissions";
import { Role } from "~/generated/prisma/enums";

/** What an actor administers: the whole platform, or some incubators. */
export interface AdminScope {
  platform: boolean;
  incubatorIds: readonly string[];
}

/**
 * A role on its scope, as these rules see it: the incubators the scope belongs to — the incubator
 * itself, a product's primary and co-incubators, a committee session's incubator — and none for an
 * organisation or the platform.
 */
export interface ScopedRole {
  role: Role;
  incubatorIds: readonly string[];
}

/** Roles that live inside an incubator: the only ones an incubator admin hands out. */
const INCUBATOR_ROLES: readonly Role[] = ["incubator_admin", "coach", "committee_member", "team_member"];

export function adminScope(actor: Actor): AdminScope {
  return {
    platform: actor.grants.some((g) => g.role === "platform_admin"),
    incubatorIds: actor.grants.filter((g) => g.role === "incubator_admin" && g.incubatorId).map((g) => g.incubatorId!),
  };
}

export function administersAnything(scope: AdminScope): boolean {
  return scope.platform || scope.incubatorIds.length > 0;
}

/** The roles to offer in a form; the server still checks each grant with `mayGrant`. */
export function grantableRoles(scope: AdminScope): Role[] {
  if (scope.platform) return Object.values(Role);
  return scope.incubatorIds.length > 0 ? [...INCUBATOR_ROLES] : [];
}

export function mayGrant(scope: AdminScope, target: ScopedRole): boolean {
  if (scope.platform) return true;
  return INCUBATOR_ROLES.includes(target.role) && target.incubatorIds.some((id) => scope.incubatorIds.includes(id));
}

/**
 * Deactivating shuts a person out of everything, so an incubator admin may do it only to someone
 * whose every role they could have granted (never to a platform admin or another incubator's coach).
 */
export function mayManageAccount(scope: AdminScope, roles: readonly ScopedRole[]): boolean {
  if (scope.platform) return true;
  return roles.length > 0 && roles.every((role) => mayGrant(scope, role));
}
