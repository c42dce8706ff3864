// Who may do what, in one place. Pure: the server loads the actor's grants and the resource's scope,
// then asks `can`. The UI asks the same question to hide what a user cannot do, but only the
// server's answer counts.
import type { Role } from "~/generated/prisma/enums";

/** One role assignment, with its scope (see RoleAssignment in prisma/schema.prisma). */
export interface Grant {
  role: Role;
  incubatorId: string | null;
  productId: string | null;
  organisationId: string | null;
  committeeSessionId: string | null;
  isIntrapreneur: boolean;
}

/** A signed-in user; the public is `null`. */
export interface Actor {
  userId: string;
  grants: readonly Grant[];
}

export interface ProductScope {
  productId: string;
  /** Primary incubator and co-incubators. */
  incubatorIds: readonly string[];
  /** Sponsoring organisations (the investors). */
  sponsorIds: readonly string[];
  isPublic: boolean;
}

export interface IncubatorScope {
  incubatorId: string;
}

export interface SessionScope {
  sessionId: string;
  incubatorId: string;
}

export interface OrganisationScope {
  organisationId: string;
}

/** Every action Jalon authorizes, with the scope it is checked against. */
export interface Permissions {
  /** Public fields of a product. */
  "product.read": ProductScope;
  /** Team, funding, dossiers, unpublished decisions, non-public indicators. */
  "product.readInternal": ProductScope;
  "product.create": IncubatorScope;
  /** Every field, incubators, sponsors and visibility included. */
  "product.edit": ProductScope;
  /** Pitch, description, links and quality flags: what the team keeps current. */
  "product.editProfile": ProductScope;
  /** Correcting the phase history outside a committee decision (with a reason). */
  "product.correctHistory": ProductScope;
  "team.manage": ProductScope;
  "indicator.write": ProductScope;
  "indicator.validate": ProductScope;
  "dossier.write": ProductScope;
  /** Envelopes, budget statements and runway, beyond what a public product publishes. */
  "funding.read": ProductScope;
  /** Envelopes and budget statements. */
  "funding.edit": ProductScope;
  "session.read": SessionScope;
  "session.manage": IncubatorScope;
  "vote.cast": SessionScope;
  "decision.record": SessionScope;
  /** The incubator's internal views: its whole portfolio, calendar, dashboards. */
  "incubator.portfolio": IncubatorScope;
  /** "Mon portefeuille": the products an organisation funds. */
  "organisation.portfolio": OrganisationScope;
  /** Users and roles of one incubator. */
  "incubator.admin": IncubatorScope;
  /** Ministries, organisations, incubators, every user, the audit log. */
  "platform.admin": Record<string, never>;
}
export type Action = keyof Permissions;

const isPlatformAdmin = (actor: Actor) => actor.grants.some((g) => g.role === "platform_admin");

const hasIncubatorRole = (actor: Actor, incubatorIds: readonly string[], roles: readonly Role[]) =>
  actor.grants.some((g) => roles.includes(g.role) && g.incubatorId !== null && incubatorIds.includes(g.incubatorId));

const STAFF: readonly Role[] = ["incubator_admin", "coach"];
const ADMIN: readonly Role[] = ["incubator_admin"];
const INCUBATOR_READERS: readonly Role[] = ["incubator_admin", "coach", "committee_member"];

const isTeamMember = (actor: Actor, productId: string) =>
  actor.grants.some((g) => g.role === "team_member" && g.productId === productId);

const isIntrapreneur = (actor: Actor, productId: string) =>
  actor.grants.some((g) => g.role === "team_member" && g.productId === productId && g.isIntrapreneur);

const fundsProduct = (actor: Actor, sponsorIds: readonly string[]) =>
  actor.grants.some((g) => g.role === "investor" && g.organisationId !== null && sponsorIds.includes(g.organisationId));

const sitsOnCommittee = (actor: Actor, session: SessionScope) =>
  actor.grants.some(
    (g) =>
      g.role === "committee_member" &&
      (g.incubatorId === session.incubatorId || g.committeeSessionId === session.sessionId),
  );

type Rules = { [A in Action]: (actor: Actor, scope: Permissions[A]) => boolean };

/** What a signed-in actor may do besides being a platform admin (who may do everything). */
const RULES: Rules = {
  "product.read": (a, p) => p.isPublic || RULES["product.readInternal"](a, p),
  "product.readInternal": (a, p) =>
    hasIncubatorRole(a, p.incubatorIds, INCUBATOR_READERS) || isTeamMember(a, p.productId) || fundsProduct(a, p.sponsorIds),
  "product.create": (a, i) => hasIncubatorRole(a, [i.incubatorId], STAFF),
  "product.edit": (a, p) => hasIncubatorRole(a, p.incubatorIds, STAFF),
  "product.editProfile": (a, p) => hasIncubatorRole(a, p.incubatorIds, STAFF) || isTeamMember(a, p.productId),
  "product.correctHistory": (a, p) => hasIncubatorRole(a, p.incubatorIds, ADMIN),
  "team.manage": (a, p) => hasIncubatorRole(a, p.incubatorIds, STAFF) || isIntrapreneur(a, p.productId),
  "indicator.write": (a, p) => hasIncubatorRole(a, p.incubatorIds, STAFF) || isTeamMember(a, p.productId),
  "indicator.validate": (a, p) => hasIncubatorRole(a, p.incubatorIds, STAFF),
  "dossier.write": (a, p) => hasIncubatorRole(a, p.incubatorIds, STAFF) || isTeamMember(a, p.productId),
  "funding.read": (a, p) =>
    hasIncubatorRole(a, p.incubatorIds, INCUBATOR_READERS) || isTeamMember(a, p.productId) || fundsProduct(a, p.sponsorIds),
  "funding.edit": (a, p) => hasIncubatorRole(a, p.incubatorIds, STAFF) || isTeamMember(a, p.productId),
  "session.read": (a, s) => hasIncubatorRole(a, [s.incubatorId], INCUBATOR_READERS) || sitsOnCommittee(a, s),
  "session.manage": (a, i) => hasIncubatorRole(a, [i.incubatorId], ADMIN),
  "vote.cast": (a, s) => sitsOnCommittee(a, s),
  "decision.record": (a, s) => hasIncubatorRole(a, [s.incubatorId], ADMIN),
  "incubator.portfolio": (a, i) => hasIncubatorRole(a, [i.incubatorId], INCUBATOR_READERS),
  "organisation.portfolio": (a, o) => a.grants.some((g) => g.role === "investor" && g.organisationId === o.organisationId),
  "incubator.admin": (a, i) => hasIncubatorRole(a, [i.incubatorId], ADMIN),
  "platform.admin": () => false,
};

export function can<A extends Action>(actor: Actor | null, action: A, scope: Permissions[A]): boolean {
  if (actor === null) return action === "product.read" && (scope as ProductScope).isPublic;
  return isPlatformAdmin(actor) || RULES[action](actor, scope);
}

/** The incubators, products and organisations an actor sees internal data of (for list queries). */
export function readableScopes(actor: Actor | null): {
  all: boolean;
  incubatorIds: string[];
  productIds: string[];
  organisationIds: string[];
} {
  const grants = actor?.grants ?? [];
  return {
    all: actor !== null && isPlatformAdmin(actor),
    incubatorIds: grants.filter((g) => g.incubatorId && INCUBATOR_READERS.includes(g.role)).map((g) => g.incubatorId!),
    productIds: grants.filter((g) => g.role === "team_member" && g.productId).map((g) => g.productId!),
    organisationIds: grants.filter((g) => g.role === "investor" && g.organisationId).map((g) => g.organisationId!),
  };
}
