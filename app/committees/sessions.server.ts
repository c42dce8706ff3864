// Planning a committee session: when and where, who sits on it (with their seat), and its agenda,
// proposed from the incubator's products due for review and then edited. Each save is one
// transaction that checks, writes the session, its members, the guests' session-scoped role and the
// audit row — or nothing.
import type { FieldErrors, FormValues } from "~/admin/form-parsing";
import { recordAudit } from "~/audit/audit-log.server";
import { findOrInviteUser } from "~/auth/invitations.server";
import { db } from "~/db.server";
import type { Db } from "~/db/seed/factories.server";
import { dueForSession, parisDay } from "~/domain/committee-calendar";
import { currentPhase, isTerminal } from "~/domain/phases";
import type { Prisma } from "~/generated/prisma/client";
import { phaseHistorySelect, toPhaseHistory } from "~/products/phase-history.server";
import { formatDay } from "~/ui/dates";
import type { CommitteeSeat } from "~/generated/prisma/enums";
import { agendaSchedule, DOCTRINE_TIMEBOX, timeboxSelect } from "./agenda";
import { productReviews, type ProductReview } from "./calendar.server";
import { rowField, toDateTimeInput } from "./form-rows";
import { lockSession, refuse, Refusal, transact, type Refused } from "./refusal.server";
import { VOTING_SEATS } from "./session-access.server";
import {
  AGENDA_LIST,
  DOSSIER_DAYS_BEFORE,
  EXTRA_MEMBER_ROWS,
  MEMBER_LIST,
  type AgendaInput,
  type MemberInput,
  type SessionDetails,
  type SessionForm,
} from "./session-forms";

export const SESSION_AUDIT = {
  planned: "committee_session.planned",
  updated: "committee_session.updated",
} as const;

const DAY_MS = 86_400_000;

export type SaveResult = { ok: true; sessionId: string; proposed: number } | Refused;

/** Products on the agenda of another session still to hold are not proposed again. */
const notScheduledElsewhere = (sessionId: string | null): Prisma.ProductWhereInput => ({
  agendaItems: {
    none: { session: { status: "planned", closedAt: null, ...(sessionId ? { id: { not: sessionId } } : {}) } },
  },
});

/**
 * The agenda a session on `sessionDay` should have: the incubator's products overdue on that day or
 * due within 45 days after it, earliest review first.
 */
export async function proposedAgenda(
  incubatorId: string,
  sessionDay: Date,
  sessionId: string | null = null,
): Promise<ProductReview[]> {
  const reviews = await productReviews({ primaryIncubatorId: incubatorId, ...notScheduledElsewhere(sessionId) });
  return reviews
    .filter((r) => r.nextReview && dueForSession(r.nextReview.date, sessionDay))
    .sort((a, b) => (a.nextReview?.date.getTime() ?? 0) - (b.nextReview?.date.getTime() ?? 0));
}

/** People a session form suggests: the incubator's admins and committee, the sponsors' investors, the members. */
export async function memberCandidates(incubatorId: string, sessionId: string | null) {
  return db().user.findMany({
    where: {
      deactivatedAt: null,
      OR: [
        { roles: { some: { incubatorId, role: { in: ["incubator_admin", "committee_member"] } } } },
        {
          roles: {
            some: {
              role: "investor",
              organisation: { sponsorships: { some: { product: { primaryIncubatorId: incubatorId } } } },
            },
          },
        },
        ...(sessionId ? [{ committeeSeats: { some: { sessionId } } }] : []),
      ],
    },
    select: { id: true, name: true, email: true },
    orderBy: { name: "asc" },
  });
}

/** The incubator's products still in an active phase, for adding one to an agenda by hand. */
export async function agendaCandidates(incubatorId: string) {
  const reviews = await productReviews({
    OR: [{ primaryIncubatorId: incubatorId }, { coIncubators: { some: { incubatorId } } }],
  });
  return reviews.filter((r) => r.phase !== null && !isTerminal(r.phase));
}

/** A new session's form: the incubator's admins and committee members already seated, an agenda to propose. */
export async function newSessionValues(incubatorId: string): Promise<FormValues> {
  const roles = await db().roleAssignment.findMany({
    where: { incubatorId, role: { in: ["incubator_admin", "committee_member"] }, user: { deactivatedAt: null } },
    select: { role: true, user: { select: { email: true } } },
    orderBy: [{ role: "asc" }, { createdAt: "asc" }],
  });
  const seats = new Map<string, CommitteeSeat>();
  for (const r of roles) {
    if (!seats.has(r.user.email)) seats.set(r.user.email, r.role === "incubator_admin" ? "incubator_head" : "portfolio_manager");
  }
  const values: FormValues = { title: "Comité d'investissement", proposeAgenda: "on" };
  [...seats].forEach(([email, seat], i) => {
    values[rowField(MEMBER_LIST, i, "email")] = email;
    values[rowField(MEMBER_LIST, i, "seat")] = seat;
  });
  return values;
}

/** A saved session as its form's initial values. */
export async function sessionValues(sessionId: string): Promise<FormValues> {
  const session = await db().committeeSession.findUniqueOrThrow({
    where: { id: sessionId },
    select: {
      title: true,
      startsAt: true,
      location: true,
      videoUrl: true,
      dossierDeadline: true,
      chairId: true,
      members: { where: { userId: { not: null } }, select: { seat: true, user: { select: { email: true } } }, orderBy: { name: "asc" } },
      agenda: { orderBy: { position: "asc" } },
    },
  });
  const values: FormValues = {
    title: session.title,
    startsAt: toDateTimeInput(session.startsAt),
    location: session.location ?? "",
    videoUrl: session.videoUrl ?? "",
    dossierDeadline: session.dossierDeadline ? toDateTimeInput(session.dossierDeadline) : "",
    chairId: session.chairId ?? "",
  };
  session.members.forEach((m, i) => {
    values[rowField(MEMBER_LIST, i, "email")] = m.user?.email ?? "";
    values[rowField(MEMBER_LIST, i, "seat")] = m.seat;
  });
  session.agenda.forEach((item, i) => {
    values[rowField(AGENDA_LIST, i, "productId")] = item.productId;
    values[rowField(AGENDA_LIST, i, "order")] = String(i + 1);
    values[rowField(AGENDA_LIST, i, "presentationMinutes")] = String(item.presentationMinutes);
    values[rowField(AGENDA_LIST, i, "questionsMinutes")] = String(item.questionsMinutes);
    values[rowField(AGENDA_LIST, i, "deliberationMinutes")] = String(item.deliberationMinutes);
  });
  return values;
}

/** How many member rows a form shows: the rows typed or saved, and a few empty ones. */
export const memberRowsToShow = (filled: number) => filled + EXTRA_MEMBER_ROWS;

interface SeatedMember {
  userId: string;
  name: string;
  seat: CommitteeSeat;
}

/** The accounts behind the typed addresses; an unknown address with a name gets an account (an invitation). */
async function resolveMembers(tx: Prisma.TransactionClient, actorId: string, inputs: readonly MemberInput[]): Promise<SeatedMember[]> {
  const users = await tx.user.findMany({
    where: { email: { in: inputs.map((m) => m.email) } },
    select: { id: true, name: true, email: true, deactivatedAt: true },
  });
  const errors: FieldErrors = {};
  const seated: SeatedMember[] = [];
  for (const input of inputs) {
    const user = users.find((u) => u.email === input.email);
    if (user?.deactivatedAt) {
      errors[rowField(MEMBER_LIST, input.index, "email")] = [
        "Le compte de cette personne est désactivé : réactivez-le d'abord (Administration › Utilisateurs).",
      ];
    } else if (user) {
      seated.push({ userId: user.id, name: user.name, seat: input.seat });
    } else if (!input.name) {
      errors[rowField(MEMBER_LIST, input.index, "name")] = [
        "Cette adresse n'a pas encore de compte Jalon : indiquez le prénom et le nom de la personne pour le lui créer.",
      ];
    } else {
      const invited = await findOrInviteUser(tx, actorId, { email: input.email, name: input.name });
      seated.push({ userId: invited.id, name: input.name, seat: input.seat });
    }
  }
  if (Object.keys(errors).length > 0) throw new Refusal(errors);
  return seated;
}

function checkChair(chairId: string | undefined, members: readonly SeatedMember[]): void {
  if (chairId && !members.some((m) => m.userId === chairId)) {
    throw new Refusal({
      chairId: ["La présidence revient à l'un des membres de la séance : ajoutez la personne à la liste des membres."],
    });
  }
}

function detailsData(details: SessionDetails) {
  return {
    title: details.title,
    startsAt: details.startsAt,
    location: details.location ?? null,
    videoUrl: details.videoUrl ?? null,
    dossierDeadline: details.dossierDeadline ?? new Date(details.startsAt.getTime() - DOSSIER_DAYS_BEFORE * DAY_MS),
    chairId: details.chairId ?? null,
  };
}

/**
 * Voting members who are not on the incubator's committee get a committee_member role for this
 * session only (what `vote.cast` and `session.read` check); members who leave the session, or move
 * to a seat that does not vote, lose it.
 */
async function syncGuestRoles(
  tx: Prisma.TransactionClient,
  session: { id: string; incubatorId: string },
  members: readonly SeatedMember[],
  formerUserIds: readonly string[],
) {
  const voting = members.filter((m) => VOTING_SEATS.includes(m.seat)).map((m) => m.userId);
  const now = new Date();
  const permanent = await tx.roleAssignment.findMany({
    where: {
      userId: { in: voting },
      role: "committee_member",
      incubatorId: session.incubatorId,
      OR: [{ endDate: null }, { endDate: { gte: now } }],
    },
    select: { userId: true },
  });
  const existing = await tx.roleAssignment.findMany({
    where: { role: "committee_member", committeeSessionId: session.id },
    select: { id: true, userId: true },
  });
  const covered = new Set([...permanent, ...existing].map((r) => r.userId));
  const granted = voting.filter((userId) => !covered.has(userId));
  if (granted.length > 0) {
    await tx.roleAssignment.createMany({
      data: granted.map((userId) => ({
        userId,
        role: "committee_member" as const,
        committeeSessionId: session.id,
        title: "invité·e de la séance du comité",
      })),
    });
  }
  const leaving = existing.filter((r) => formerUserIds.includes(r.userId) && !voting.includes(r.userId));
  if (leaving.length > 0) await tx.roleAssignment.deleteMany({ where: { id: { in: leaving.map((r) => r.id) } } });
  return { granted: granted.length, revoked: leaving.length };
}

/** Plans a session; with `proposeAgenda`, its agenda is the incubator's products due in its window. */
export async function createSession(actorId: string, incubatorId: string, form: SessionForm): Promise<SaveResult> {
  // Read before the transaction: a new session's agenda is empty, nothing it writes changes the proposal.
  const due = form.details.proposeAgenda ? await proposedAgenda(incubatorId, parisDay(form.details.startsAt)) : [];
  return transact(async (tx) => {
    const members = await resolveMembers(tx, actorId, form.members);
    checkChair(form.details.chairId, members);
    const details = detailsData(form.details);
    const session = await tx.committeeSession.create({
      data: {
        incubatorId,
        ...details,
        members: { create: members.map((m) => ({ userId: m.userId, name: m.name, seat: m.seat })) },
      },
      select: { id: true, incubatorId: true },
    });
    if (due.length > 0) {
      await tx.agendaItem.createMany({
        data: due.map((r, position) => ({ sessionId: session.id, productId: r.id, position, ...DOCTRINE_TIMEBOX })),
      });
    }
    const roles = await syncGuestRoles(tx, session, members, []);
    await recordAudit(tx, {
      actorId,
      action: SESSION_AUDIT.planned,
      entityType: "CommitteeSession",
      entityId: session.id,
      data: { startsAt: details.startsAt.toISOString(), members: members.length, agenda: due.length, guestRoles: roles },
    });
    return { ok: true as const, sessionId: session.id, proposed: due.length };
  });
}

/** A session's agenda in order: each product with its timebox. */
function agendaItems(client: Db, sessionId: string) {
  return client.agendaItem.findMany({
    where: { sessionId },
    orderBy: { position: "asc" },
    select: { productId: true, ...timeboxSelect, product: { select: { name: true } } },
  });
}

/** The agenda once the form is applied: kept rows in their new order, then the product added. */
async function plannedAgenda(
  tx: Prisma.TransactionClient,
  session: { id: string; incubatorId: string },
  rows: readonly AgendaInput[],
  removed: readonly string[],
  added: string | undefined,
): Promise<AgendaInput[]> {
  const current = await agendaItems(tx, session.id);
  if (removed.length > 0) {
    const decided = await tx.decision.findMany({ where: { sessionId: session.id, productId: { in: [...removed] } }, select: { productId: true } });
    const voted = await tx.vote.findMany({ where: { sessionId: session.id, productId: { in: [...removed] } }, select: { productId: true } });
    const locked = new Set([...decided, ...voted].map((r) => r.productId));
    const names = current.filter((c) => locked.has(c.productId)).map((c) => `« ${c.product.name} »`);
    if (names.length > 0) {
      throw refuse(`Des votes ou une décision existent déjà pour ${names.join(", ")} : ce produit reste à l'ordre du jour.`);
    }
  }
  // Rows for products no longer on the agenda are ignored; items the form did not know (added by
  // someone else meanwhile) keep their place at the end.
  const onAgenda = new Set(current.map((c) => c.productId));
  const kept = rows
    .filter((r, i) => onAgenda.has(r.productId) && rows.findIndex((other) => other.productId === r.productId) === i)
    .sort((a, b) => a.order - b.order);
  const mentioned = new Set([...rows.map((r) => r.productId), ...removed]);
  const untouched = current
    .filter((c) => !mentioned.has(c.productId))
    .map(({ product: _product, ...item }, i) => ({ ...item, order: kept.length + i + 1 }));
  const next: AgendaInput[] = [...kept, ...untouched];
  if (added) {
    if (onAgenda.has(added)) {
      throw new Refusal({ addProductId: ["Ce produit est déjà à l'ordre du jour."] });
    }
    const candidate = await tx.product.findFirst({
      where: { id: added, OR: [{ primaryIncubatorId: session.incubatorId }, { coIncubators: { some: { incubatorId: session.incubatorId } } }] },
      select: { phases: { select: phaseHistorySelect } },
    });
    const phase = candidate && currentPhase(toPhaseHistory(candidate.phases));
    if (!phase || isTerminal(phase)) {
      throw new Refusal({ addProductId: ["Choisissez un produit en cours de l'incubateur dans la liste."] });
    }
    next.push({ productId: added, order: next.length + 1, ...DOCTRINE_TIMEBOX });
  }
  return next;
}

/** Saves the session's details, members and agenda; refused once the session is closed. */
export async function updateSession(actorId: string, sessionId: string, form: SessionForm): Promise<SaveResult> {
  return transact(async (tx) => {
    await lockSession(tx, sessionId);
    const session = await tx.committeeSession.findUniqueOrThrow({
      where: { id: sessionId },
      select: { id: true, incubatorId: true, closedAt: true, members: { select: { id: true, userId: true } } },
    });
    if (session.closedAt) throw refuse("La séance est close : elle ne se modifie plus.");
    const members = await resolveMembers(tx, actorId, form.members);
    checkChair(form.details.chairId, members);

    // Members keep their row (and attendance) when they stay; members without an account are left alone.
    const stay = new Map(members.map((m) => [m.userId, m]));
    const leaving = session.members.filter((m) => m.userId !== null && !stay.has(m.userId));
    if (leaving.length > 0) await tx.committeeMember.deleteMany({ where: { id: { in: leaving.map((m) => m.id) } } });
    for (const member of members) {
      const row = session.members.find((m) => m.userId === member.userId);
      const data = { name: member.name, seat: member.seat };
      if (row) await tx.committeeMember.update({ where: { id: row.id }, data });
      else await tx.committeeMember.create({ data: { sessionId, userId: member.userId, ...data } });
    }

    const agenda = form.agenda ? await plannedAgenda(tx, session, form.agenda, form.removed, form.details.addProductId) : null;
    if (agenda) {
      // Positions are unique per session: the agenda is written afresh, in its new order.
      await tx.agendaItem.deleteMany({ where: { sessionId } });
      await tx.agendaItem.createMany({
        data: agenda.map(({ order: _order, ...item }, position) => ({ sessionId, position, ...item })),
      });
    }
    const details = detailsData(form.details);
    await tx.committeeSession.update({ where: { id: sessionId }, data: details });
    const former = session.members.map((m) => m.userId).filter((id): id is string => id !== null);
    const roles = await syncGuestRoles(tx, session, members, former);
    await recordAudit(tx, {
      actorId,
      action: SESSION_AUDIT.updated,
      entityType: "CommitteeSession",
      entityId: sessionId,
      data: {
        startsAt: details.startsAt.toISOString(),
        members: members.length,
        agenda: agenda?.length ?? null,
        guestRoles: roles,
      },
    });
    return { ok: true as const, sessionId, proposed: 0 };
  });
}

/** What the edit form shows beside the values: the agenda's products timed, and the products one may add. */
export async function sessionEditChoices(session: { id: string; incubatorId: string; startsAt: Date }) {
  const [items, candidates, due] = await Promise.all([
    agendaItems(db(), session.id),
    agendaCandidates(session.incubatorId),
    proposedAgenda(session.incubatorId, parisDay(session.startsAt), session.id),
  ]);
  const schedule = agendaSchedule(session.startsAt, items);
  const phases = new Map(candidates.map((c) => [c.id, c.phase]));
  const onAgenda = new Set(items.map((i) => i.productId));
  const dueIds = new Set(due.map((d) => d.id));
  const addable = candidates
    .filter((c) => !onAgenda.has(c.id))
    .sort((a, b) => Number(dueIds.has(b.id)) - Number(dueIds.has(a.id)) || a.name.localeCompare(b.name, "fr"));
  return {
    agendaProducts: items.map((item, i) => ({
      id: item.productId,
      name: item.product.name,
      phase: phases.get(item.productId) ?? null,
      startsAt: schedule.items[i].startsAt,
    })),
    addOptions: addable.map((c) => ({
      value: c.id,
      label:
        dueIds.has(c.id) && c.nextReview
          ? `${c.name} (${c.status?.urgency === "overdue" ? "revue en retard" : "à revoir"} : ${formatDay(c.nextReview.date)})`
          : c.name,
    })),
  };
}
