// A session as its page and its minutes show it: details, members and attendance, the agenda timed
// 15/15/20 from the start, and each product's state (votes received, decision, tally).
import { db } from "~/db.server";
import { latestDecision } from "~/domain/committee-calendar";
import { phaseDecidedFrom } from "~/domain/outcomes";
import { currentPhase, isPhase } from "~/domain/phases";
import { tally } from "~/domain/tally";
import { phaseHistorySelect, toPhaseHistory } from "~/products/phase-history.server";
import { agendaSchedule, timeboxSelect } from "./agenda";
import { VOTING_SEATS, type SessionAccess } from "./session-access.server";
import { sessionDecisions, type DecisionView } from "./session-product.server";

async function sessionContents(access: SessionAccess) {
  const { session, viewer } = access;
  const [members, agenda, votes, decisions, chair] = await Promise.all([
    db().committeeMember.findMany({
      where: { sessionId: session.id },
      select: { id: true, userId: true, name: true, seat: true, attended: true, user: { select: { email: true } } },
      orderBy: [{ seat: "asc" }, { name: "asc" }],
    }),
    db().agendaItem.findMany({
      where: { sessionId: session.id },
      orderBy: { position: "asc" },
      select: {
        ...timeboxSelect,
        product: { select: { id: true, slug: true, name: true, phases: { select: phaseHistorySelect } } },
      },
    }),
    db().vote.findMany({
      where: { sessionId: session.id },
      select: {
        productId: true,
        voterId: true,
        choice: true,
        targetPhase: true,
        withConditions: true,
        conflictOfInterest: true,
        voter: { select: { name: true } },
      },
    }),
    sessionDecisions({ sessionId: session.id }),
    session.chairId ? db().user.findUnique({ where: { id: session.chairId }, select: { name: true } }) : null,
  ]);
  const schedule = agendaSchedule(session.startsAt, agenda);
  const votingMembers = new Set(members.filter((m) => m.userId && VOTING_SEATS.includes(m.seat)).map((m) => m.userId)).size;
  const items = agenda.map((item, i) => {
    const own = votes
      .filter((v) => v.productId === item.product.id)
      .map((v) => ({ ...v, targetPhase: v.targetPhase && isPhase(v.targetPhase) ? v.targetPhase : null }));
    const chain = decisions.filter((d) => d.productId === item.product.id);
    const decision = (latestDecision(chain) as DecisionView | null) ?? null;
    const history = toPhaseHistory(item.product.phases);
    // The phase the product was reviewed in: before its decision's phase change, if any.
    const phase = decision ? phaseDecidedFrom(history, decision) : currentPhase(history);
    return {
      product: { slug: item.product.slug, name: item.product.name, phase },
      timebox: {
        presentationMinutes: item.presentationMinutes,
        questionsMinutes: item.questionsMinutes,
        deliberationMinutes: item.deliberationMinutes,
      },
      startsAt: schedule.items[i].startsAt,
      endsAt: schedule.items[i].endsAt,
      votes: own,
      voted: own.some((v) => v.voterId === viewer.userId),
      decisions: chain,
      decision,
    };
  });
  return { members, items, schedule, votingMembers, chair: chair?.name ?? null };
}

export async function loadSessionPage(access: SessionAccess) {
  const { session, rights } = access;
  const { members, items, schedule, votingMembers, chair } = await sessionContents(access);
  return {
    chair,
    endsAt: schedule.endsAt,
    members: members.map((m) => ({
      id: m.id,
      name: m.name,
      seat: m.seat,
      attended: m.attended,
      isChair: m.userId !== null && m.userId === session.chairId,
      // Addresses are for those who convene the committee.
      email: rights.manage ? (m.user?.email ?? null) : null,
    })),
    votingMembers,
    agenda: items.map(({ votes, decisions: _decisions, ...item }) => ({ ...item, voteCount: votes.length })),
    undecided: items.filter((i) => !i.decision).length,
  };
}

export async function loadMinutes(access: SessionAccess) {
  const { session } = access;
  const { members, items, votingMembers, chair } = await sessionContents(access);
  const closed = session.closedAt !== null;
  return {
    chair,
    closed,
    members: members.map((m) => ({ id: m.id, name: m.name, seat: m.seat, attended: m.attended })),
    items: items.map((item) => {
      // While a product's vote is still secret, the minutes do not show it either.
      const visible = closed || item.decision !== null || session.deliberationOpenedAt !== null;
      return {
        product: item.product,
        startsAt: item.startsAt,
        decisions: item.decisions,
        decision: item.decision,
        tally: visible ? tally(item.votes, votingMembers) : null,
        conflicts: visible ? item.votes.filter((v) => v.conflictOfInterest).map((v) => v.voter.name) : [],
      };
    }),
  };
}
