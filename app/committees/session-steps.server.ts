// The steps of a session's life after planning: the chair opens the deliberation (members then see
// each other's votes), attendance is taken, the session is closed once every product on its agenda
// has a decision (the doctrine's first pitfall: ending without a decision), and its minutes are
// published. Each step is audited.
import { recordAudit } from "~/audit/audit-log.server";
import { lockSession, refuse, transact, type Refused } from "./refusal.server";

export const STEP_AUDIT = {
  deliberationOpened: "committee_session.deliberation_opened",
  attendance: "committee_session.attendance_recorded",
  closed: "committee_session.closed",
  minutesPublished: "committee_session.minutes_published",
} as const;

export type StepResult = { ok: true } | Refused;

const audit = (actorId: string, sessionId: string, action: string, data?: Record<string, string | number | null>) => ({
  actorId,
  action,
  entityType: "CommitteeSession",
  entityId: sessionId,
  data,
});

export function openDeliberation(actorId: string, sessionId: string): Promise<StepResult> {
  return transact(async (tx) => {
    await lockSession(tx, sessionId);
    const session = await tx.committeeSession.findUniqueOrThrow({
      where: { id: sessionId },
      select: { closedAt: true, deliberationOpenedAt: true },
    });
    if (session.closedAt) throw refuse("La séance est close.");
    if (session.deliberationOpenedAt) throw refuse("La délibération est déjà ouverte.");
    await tx.committeeSession.update({ where: { id: sessionId }, data: { deliberationOpenedAt: new Date() } });
    await recordAudit(tx, audit(actorId, sessionId, STEP_AUDIT.deliberationOpened));
    return { ok: true as const };
  });
}

/** `attended` by member id: true present, false absent, null not recorded. */
export function recordAttendance(actorId: string, sessionId: string, attended: ReadonlyMap<string, boolean | null>): Promise<StepResult> {
  return transact(async (tx) => {
    await lockSession(tx, sessionId);
    const session = await tx.committeeSession.findUniqueOrThrow({
      where: { id: sessionId },
      select: { closedAt: true, members: { select: { id: true, attended: true } } },
    });
    if (session.closedAt) throw refuse("La séance est close : la liste de présence ne se modifie plus.");
    let changed = 0;
    for (const member of session.members) {
      if (!attended.has(member.id)) continue;
      const value = attended.get(member.id) ?? null;
      if (value === member.attended) continue;
      await tx.committeeMember.update({ where: { id: member.id }, data: { attended: value } });
      changed += 1;
    }
    await recordAudit(tx, audit(actorId, sessionId, STEP_AUDIT.attendance, { changed }));
    return { ok: true as const };
  });
}

/** Closes the session (status held): refused while a product on its agenda has no decision. */
export function closeSession(actorId: string, sessionId: string): Promise<StepResult> {
  return transact(async (tx) => {
    await lockSession(tx, sessionId);
    // One query at a time: a transaction holds a single connection.
    const session = await tx.committeeSession.findUniqueOrThrow({ where: { id: sessionId }, select: { closedAt: true, status: true } });
    const agenda = await tx.agendaItem.findMany({
      where: { sessionId },
      orderBy: { position: "asc" },
      select: { productId: true, product: { select: { name: true } } },
    });
    const decisions = await tx.decision.findMany({ where: { sessionId }, select: { productId: true } });
    if (session.closedAt) throw refuse("La séance est déjà close.");
    if (session.status === "cancelled") throw refuse("La séance a été annulée : elle ne se clôt pas.");
    const decided = new Set(decisions.map((d) => d.productId));
    const undecided = agenda.filter((item) => !decided.has(item.productId)).map((item) => `« ${item.product.name} »`);
    if (undecided.length > 0) {
      throw refuse(
        `La séance ne peut pas être close : ${undecided.length > 1 ? "ces produits n'ont" : "ce produit n'a"} pas encore de décision : ${undecided.join(", ")}. Un comité ne se termine pas sans décision.`,
      );
    }
    await tx.committeeSession.update({ where: { id: sessionId }, data: { closedAt: new Date(), status: "held" } });
    await recordAudit(tx, audit(actorId, sessionId, STEP_AUDIT.closed, { decisions: decisions.length }));
    return { ok: true as const };
  });
}

/** Publishes the minutes of a closed session (public pages then show its public fields). */
export function publishMinutes(actorId: string, sessionId: string): Promise<StepResult> {
  return transact(async (tx) => {
    await lockSession(tx, sessionId);
    const session = await tx.committeeSession.findUniqueOrThrow({
      where: { id: sessionId },
      select: { closedAt: true, minutesPublishedAt: true },
    });
    if (!session.closedAt) throw refuse("Le procès-verbal se publie une fois la séance close.");
    if (session.minutesPublishedAt) throw refuse("Le procès-verbal est déjà publié.");
    await tx.committeeSession.update({ where: { id: sessionId }, data: { minutesPublishedAt: new Date() } });
    await recordAudit(tx, audit(actorId, sessionId, STEP_AUDIT.minutesPublished));
    return { ok: true as const };
  });
}
