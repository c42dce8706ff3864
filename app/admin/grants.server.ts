// Granting roles: the scope a role lands on, resolved to the incubators it belongs to so that
// `mayGrant` can decide, and the writing of the assignment with its audit row.
import { recordAudit } from "~/audit/audit-log.server";
import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { formatDay } from "~/ui/dates";
import { organisationName } from "~/ui/organisation-name";
import type { FieldErrors } from "./form-parsing";
import { grantableRoles, type AdminScope, type ScopedRole } from "./grantable-roles";
import type { RequestedGrant, RoleChoices } from "./user-forms";

type Tx = Prisma.TransactionClient;

/** Products incubated (primary or co-incubation) by one of these incubators. */
function productsOfIncubatorsWhere(incubatorIds: readonly string[]): Prisma.ProductWhereInput {
  const ids = [...incubatorIds];
  return { OR: [{ primaryIncubatorId: { in: ids } }, { coIncubators: { some: { incubatorId: { in: ids } } } }] };
}

/** Role assignments whose scope belongs to one of these incubators (products and sessions included). */
export function rolesInIncubatorsWhere(incubatorIds: readonly string[]): Prisma.RoleAssignmentWhereInput {
  const ids = [...incubatorIds];
  return {
    OR: [
      { incubatorId: { in: ids } },
      { product: productsOfIncubatorsWhere(ids) },
      { committeeSession: { incubatorId: { in: ids } } },
    ],
  };
}

/** What `toScopedRole` needs to know about an assignment. */
export const scopedRoleSelect = {
  role: true,
  incubatorId: true,
  product: { select: { primaryIncubatorId: true, coIncubators: { select: { incubatorId: true } } } },
  committeeSession: { select: { incubatorId: true } },
} satisfies Prisma.RoleAssignmentSelect;

export function toScopedRole(a: Prisma.RoleAssignmentGetPayload<{ select: typeof scopedRoleSelect }>): ScopedRole {
  const incubatorIds = a.incubatorId
    ? [a.incubatorId]
    : a.product
    ? [a.product.primaryIncubatorId, ...a.product.coIncubators.map((c) => c.incubatorId)]
    : a.committeeSession
    ? [a.committeeSession.incubatorId]
    : [];
  return { role: a.role, incubatorIds };
}

/**
 * The requested grant as the rules see it, or field errors when what it names no longer exists (the
 * lists were read when the page opened).
 */
export async function resolveGrant(tx: Tx, grant: RequestedGrant): Promise<ScopedRole | { errors: FieldErrors }> {
  // `undefined` where the grant names nothing of that kind; `null` where what it names is gone.
  const [incubator, product, organisation, session] = await Promise.all([
    grant.incubatorId ? tx.incubator.findUnique({ where: { id: grant.incubatorId }, select: { id: true } }) : undefined,
    grant.productId
      ? tx.product.findUnique({
          where: { id: grant.productId },
          select: { primaryIncubatorId: true, coIncubators: { select: { incubatorId: true } } },
        })
      : undefined,
    grant.organisationId
      ? tx.organisation.findUnique({ where: { id: grant.organisationId }, select: { id: true } })
      : undefined,
    grant.committeeSessionId
      ? tx.committeeSession.findUnique({ where: { id: grant.committeeSessionId }, select: { incubatorId: true } })
      : undefined,
  ]);
  const errors: FieldErrors = {};
  if (incubator === null) errors.incubatorId = ["Cet incubateur n'existe plus."];
  if (product === null) errors.productId = ["Ce produit n'existe plus."];
  if (organisation === null) errors.organisationId = ["Cette organisation n'existe plus."];
  if (session === null) errors.committeeSessionId = ["Cette séance n'existe plus."];
  if (Object.keys(errors).length > 0) return { errors };
  return toScopedRole({
    role: grant.role,
    incubatorId: grant.incubatorId,
    product: product ?? null,
    committeeSession: session ?? null,
  });
}

/** An assignment as the audit log keeps it: enough to know what was granted or removed. */
export const auditedAssignmentSelect = {
  id: true,
  role: true,
  incubatorId: true,
  productId: true,
  organisationId: true,
  committeeSessionId: true,
  isIntrapreneur: true,
  title: true,
  startDate: true,
  endDate: true,
  createdAt: true,
} satisfies Prisma.RoleAssignmentSelect;

export function assignmentAuditData(a: Prisma.RoleAssignmentGetPayload<{ select: typeof auditedAssignmentSelect }>) {
  return {
    ...a,
    startDate: a.startDate?.toISOString() ?? null,
    endDate: a.endDate?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
  };
}

/** Writes the assignment unless the person already holds this very role; audited as `role.granted`. */
export async function writeGrant(
  tx: Tx,
  actorId: string,
  userId: string,
  grant: RequestedGrant,
): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
  const { isIntrapreneur, title, ...sameRole } = grant;
  // An assignment that has ended is history: the role can be granted again.
  const current = { OR: [{ endDate: null }, { endDate: { gte: new Date() } }] };
  const existing = await tx.roleAssignment.findFirst({
    where: { userId, ...sameRole, ...current },
    select: { id: true },
  });
  if (existing) return { ok: false, errors: { role: ["Cette personne a déjà ce rôle sur ce périmètre."] } };
  const assignment = await tx.roleAssignment.create({
    data: { userId, ...sameRole, isIntrapreneur, title },
    select: auditedAssignmentSelect,
  });
  await recordAudit(tx, {
    actorId,
    action: "role.granted",
    entityType: "User",
    entityId: userId,
    data: { assignment: assignmentAuditData(assignment) },
  });
  return { ok: true };
}

/** The choices of a role form, limited to what this admin may grant. */
export async function grantOptions(scope: AdminScope): Promise<RoleChoices> {
  const roles = grantableRoles(scope);
  const incubatorIds = [...scope.incubatorIds];
  const [incubators, products, organisations, sessions] = await Promise.all([
    db().incubator.findMany({
      where: scope.platform ? {} : { id: { in: incubatorIds } },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    }),
    db().product.findMany({
      where: scope.platform ? {} : productsOfIncubatorsWhere(incubatorIds),
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    }),
    roles.includes("investor")
      ? db().organisation.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, acronym: true } })
      : [],
    // Guests are invited to sessions still to come.
    db().committeeSession.findMany({
      where: { status: "planned", ...(scope.platform ? {} : { incubatorId: { in: incubatorIds } }) },
      orderBy: { startsAt: "asc" },
      select: { id: true, title: true, startsAt: true, incubator: { select: { name: true } } },
    }),
  ]);
  const option = (value: string, label: string) => ({ value, label });
  return {
    roles,
    incubators: incubators.map((i) => option(i.id, i.name)),
    products: products.map((p) => option(p.id, p.name)),
    organisations: organisations.map((o) => option(o.id, organisationName(o))),
    sessions: sessions.map((s) => option(s.id, `${s.incubator.name} — ${s.title} (${formatDay(s.startsAt)})`)),
  };
}
