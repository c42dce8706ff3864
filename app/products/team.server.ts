// A product's team as its page shows it, and the changes to it: each in one transaction that reads
// the team, checks the rules (team.ts), writes the membership and its audit row — or nothing.
import type { FieldErrors } from "~/admin/form-parsing";
import { assignmentAuditData, auditedAssignmentSelect } from "~/admin/grants.server";
import { recordAudit } from "~/audit/audit-log.server";
import { findOrInviteUser } from "~/auth/invitations.server";
import { can, type Actor, type ProductScope } from "~/auth/permissions";
import { db } from "~/db.server";
import { today as todayOf } from "~/domain/days";
import type { Prisma } from "~/generated/prisma/client";
import { lockProduct } from "./product-access.server";
import { isCurrent, teamChangeProblems, type Membership, type TeamChange } from "./team";
import type { TeamAction } from "./team-forms";

const membershipSelect = {
  ...auditedAssignmentSelect,
  userId: true,
  isCoach: true,
  user: { select: { name: true, email: true, firstSignInAt: true } },
} satisfies Prisma.RoleAssignmentSelect;

type MembershipRow = Prisma.RoleAssignmentGetPayload<{ select: typeof membershipSelect }>;

const teamWhere = (productId: string) => ({ productId, role: "team_member" as const });

/** A membership as the audit log keeps it: no e-mail address there. */
function auditData({ user: _user, isCoach, ...assignment }: MembershipRow) {
  return { ...assignmentAuditData(assignment), isCoach };
}

function toMembership(row: MembershipRow): Membership {
  const { id, userId, isIntrapreneur, isCoach, title, startDate, endDate } = row;
  return { id, userId, name: row.user.name, isIntrapreneur, isCoach, title, startDate, endDate };
}

const byRoleThenName = (a: Membership, b: Membership) =>
  Number(b.isIntrapreneur) - Number(a.isIntrapreneur) ||
  Number(b.isCoach) - Number(a.isCoach) ||
  a.name.localeCompare(b.name, "fr");

/**
 * Current members (those still to arrive included) and past ones, latest departure first. E-mail
 * addresses and pending invitations are shown to those who manage the team only.
 */
export async function loadTeamPage(productId: string, { showContacts }: { showContacts: boolean }, asOf = new Date()) {
  const today = todayOf(asOf);
  const rows = await db().roleAssignment.findMany({ where: teamWhere(productId), select: membershipSelect });
  const members = rows.map((row) => ({
    ...toMembership(row),
    email: showContacts ? row.user.email : null,
    invitationPending: showContacts && row.user.firstSignInAt === null,
    upcoming: row.startDate !== null && row.startDate > today,
  }));
  return {
    current: members.filter((m) => isCurrent(m, today)).sort(byRoleThenName),
    past: members
      .filter((m) => !isCurrent(m, today))
      .sort((a, b) => (b.endDate?.getTime() ?? 0) - (a.endDate?.getTime() ?? 0) || byRoleThenName(a, b)),
  };
}

/** Thrown inside a transaction to undo everything it wrote (an account just created included). */
class Refusal extends Error {
  constructor(readonly errors: FieldErrors) {
    super("refused");
  }
}

export type TeamResult =
  | {
      ok: true;
      intent: TeamAction["intent"];
      name: string;
      accountCreated: boolean;
      /** The actor's own intrapreneur membership no longer gives them the team from today. */
      endsOwnManagement: boolean;
    }
  | { ok: false; errors: FieldErrors };

const AUDIT_ACTIONS = { add: "team.member_added", update: "team.member_updated", end: "team.member_ended" } as const;

/** Applies one of the team page's forms; `actorId` has been allowed `team.manage` on `scope`. */
export async function changeTeam(
  actorId: string,
  scope: ProductScope,
  action: TeamAction,
  asOf = new Date(),
): Promise<TeamResult> {
  const today = todayOf(asOf);
  try {
    return await db().$transaction(async (tx) => {
      await lockProduct(tx, scope.productId);
      const [rows, incubatorStaff] = await Promise.all([
        tx.roleAssignment.findMany({ where: teamWhere(scope.productId), select: membershipSelect }),
        tx.roleAssignment.count({
          where: {
            role: { in: ["incubator_admin", "coach"] },
            incubatorId: { in: [...scope.incubatorIds] },
            OR: [{ endDate: null }, { endDate: { gte: today } }],
          },
        }),
      ]);
      const team = rows.map(toMembership);
      const check = (change: Omit<TeamChange, "others" | "actorId" | "incubatorStaff" | "today">) => {
        const others = team.filter((m) => m.id !== change.before?.id);
        const errors = teamChangeProblems({ ...change, others, actorId, incubatorStaff, today });
        if (errors) throw new Refusal(errors);
      };
      const audit = (before: MembershipRow | null, after: MembershipRow) =>
        recordAudit(tx, {
          actorId,
          action: AUDIT_ACTIONS[action.intent],
          entityType: "Product",
          entityId: scope.productId,
          data: { userId: after.userId, before: before && auditData(before), after: auditData(after) },
        });

      if (action.intent === "add") {
        const { intent: _intent, name, email, ...fields } = action;
        const user = await findOrInviteUser(tx, actorId, { email, name });
        const title = fields.title ?? null;
        check({ kind: "add", before: null, after: { id: "", userId: user.id, name, ...fields, title, endDate: null } });
        const created = await tx.roleAssignment.create({
          data: { ...teamWhere(scope.productId), userId: user.id, ...fields, title },
          select: membershipSelect,
        });
        await audit(null, created);
        return {
          ok: true,
          intent: action.intent,
          name: created.user.name,
          accountCreated: user.created,
          endsOwnManagement: false,
        };
      }

      const row = rows.find((r) => r.id === action.assignmentId);
      if (!row) throw new Refusal({ form: ["Cette personne ne fait pas (ou plus) partie de l'équipe : rechargez la page."] });
      const before = toMembership(row);
      let changed: Pick<Membership, "isIntrapreneur" | "isCoach" | "title" | "startDate" | "endDate">;
      if (action.intent === "end") {
        if (!isCurrent(before, today) || (before.endDate !== null && before.endDate <= today)) {
          throw new Refusal({ form: [`La participation de ${before.name} est déjà terminée.`] });
        }
        changed = { ...before, endDate: today };
      } else {
        const { intent: _intent, assignmentId: _id, ...fields } = action;
        changed = { ...fields, title: fields.title ?? null, startDate: fields.startDate ?? null, endDate: fields.endDate ?? null };
      }
      const after = { ...before, ...changed };
      check({ kind: action.intent, before, after });
      const { isIntrapreneur, isCoach, title, startDate, endDate } = changed;
      const updated = await tx.roleAssignment.update({
        where: { id: row.id },
        data: { isIntrapreneur, isCoach, title, startDate, endDate },
        select: membershipSelect,
      });
      await audit(row, updated);
      const managedBefore = before.isIntrapreneur && isCurrent(before, today);
      return {
        ok: true,
        intent: action.intent,
        name: before.name,
        accountCreated: false,
        endsOwnManagement: before.userId === actorId && managedBefore && !(after.isIntrapreneur && isCurrent(after, today)),
      };
    });
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, errors: error.errors };
    throw error;
  }
}

/** Whether the actor may still manage the team once `result` is written (their grants were read before). */
export function stillManagesTeam(actor: Actor, scope: ProductScope, result: Extract<TeamResult, { ok: true }>): boolean {
  const grants = result.endsOwnManagement
    ? actor.grants.filter((g) => !(g.role === "team_member" && g.productId === scope.productId))
    : actor.grants;
  return can({ ...actor, grants }, "team.manage", scope);
}
