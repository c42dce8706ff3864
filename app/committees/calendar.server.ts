// The committee calendar: which products are due for review (overdue, or within 45 days), and the
// sessions of the incubators a viewer follows. The rule itself is app/domain/committee-calendar.ts;
// here, the rows it needs. Also a product's own next review, for the portfolio and the product page.
import { can, readableScopes } from "~/auth/permissions";
import type { Viewer } from "~/auth/viewer.server";
import { db } from "~/db.server";
import {
  nextReview,
  parisDay,
  reviewStatus,
  type DecisionLike,
  type NextReview,
  type ReviewStatus,
} from "~/domain/committee-calendar";
import { currentPhase, type Phase } from "~/domain/phases";
import type { Prisma } from "~/generated/prisma/client";
import { phaseHistorySelect, toPhaseHistory } from "~/products/phase-history.server";

const reviewSelect = {
  id: true,
  slug: true,
  name: true,
  primaryIncubatorId: true,
  primaryIncubator: { select: { reviewIntervalMonths: true } },
  phases: { select: phaseHistorySelect },
  decisions: { select: { id: true, outcome: true, decidedOn: true, nextReviewDate: true, correctsId: true, createdAt: true } },
} satisfies Prisma.ProductSelect;

export interface ProductReview {
  id: string;
  slug: string;
  name: string;
  incubatorId: string;
  phase: Phase | null;
  /** Null for an ended product, or one without a history. */
  nextReview: NextReview | null;
  status: ReviewStatus | null;
}

/** The next review of each product matching `where`, as of `asOf` (days in Paris time). */
export async function productReviews(where: Prisma.ProductWhereInput, asOf: Date = new Date()): Promise<ProductReview[]> {
  const today = parisDay(asOf);
  const products = await db().product.findMany({ where, select: reviewSelect, orderBy: { name: "asc" } });
  return products.map((p) => {
    const history = toPhaseHistory(p.phases);
    const next = nextReview(history, p.decisions, p.primaryIncubator.reviewIntervalMonths, today);
    return {
      id: p.id,
      slug: p.slug,
      name: p.name,
      incubatorId: p.primaryIncubatorId,
      phase: currentPhase(history, today),
      nextReview: next,
      status: next && reviewStatus(next.date, today),
    };
  });
}

/** What the next review rests on: the phase history, the decisions (corrections included) and the incubator's rhythm. */
export interface ReviewSources {
  phases: readonly Prisma.PhaseEntryGetPayload<{ select: typeof phaseHistorySelect }>[];
  decisions: readonly DecisionLike[];
  reviewIntervalMonths: number;
}

export type ReviewSummary = { date: Date; basis: NextReview["basis"]; overdue: boolean; soon: boolean; days: number };

/**
 * A product's next review and whether it is overdue, from rows its page already read (null when the
 * product has ended or has no history).
 */
export function reviewSummary(sources: ReviewSources, asOf: Date = new Date()): ReviewSummary | null {
  const today = parisDay(asOf);
  const next = nextReview(toPhaseHistory(sources.phases), sources.decisions, sources.reviewIntervalMonths, today);
  if (!next) return null;
  const status = reviewStatus(next.date, today);
  return { date: next.date, basis: next.basis, overdue: status.urgency === "overdue", soon: status.urgency === "soon", days: status.days };
}

const sessionSummarySelect = {
  id: true,
  incubatorId: true,
  title: true,
  startsAt: true,
  status: true,
  closedAt: true,
  _count: { select: { agenda: true, decisions: true } },
} satisfies Prisma.CommitteeSessionSelect;

type SessionSummaryRow = Prisma.CommitteeSessionGetPayload<{ select: typeof sessionSummarySelect }>;

function summary(s: SessionSummaryRow) {
  return {
    id: s.id,
    title: s.title,
    startsAt: s.startsAt,
    status: s.status,
    closed: s.closedAt !== null,
    products: s._count.agenda,
    decisions: s._count.decisions,
  };
}

export type SessionSummary = ReturnType<typeof summary>;

/** Past sessions shown per incubator; older ones are on the incubator's page. */
const PAST_SESSIONS = 6;

/**
 * What the calendar page shows: for each incubator the viewer follows (every one for a platform
 * admin), the products due for review and the sessions; and the sessions the viewer is a guest of.
 */
export async function loadCalendar(viewer: Viewer, asOf: Date = new Date()) {
  const scopes = readableScopes(viewer);
  const incubators = await db().incubator.findMany({
    where: scopes.all ? {} : { id: { in: scopes.incubatorIds } },
    select: { id: true, slug: true, name: true },
    orderBy: { name: "asc" },
  });
  const followed = incubators.filter((i) => can(viewer, "incubator.portfolio", { incubatorId: i.id }));
  const ids = followed.map((i) => i.id);
  const today = parisDay(asOf);
  const [reviews, sessions, scheduled] = await Promise.all([
    productReviews({ primaryIncubatorId: { in: ids } }, asOf),
    db().committeeSession.findMany({
      where: { incubatorId: { in: ids } },
      select: sessionSummarySelect,
      orderBy: { startsAt: "asc" },
    }),
    // Where each due product is already on the agenda of a session still to hold.
    db().agendaItem.findMany({
      where: { session: { incubatorId: { in: ids }, closedAt: null, status: "planned" } },
      select: { productId: true, session: { select: { id: true, title: true, startsAt: true } } },
    }),
  ]);
  const scheduledFor = new Map(scheduled.map((item) => [item.productId, item.session]));
  const isUpcoming = (s: SessionSummaryRow) => s.status === "planned" && s.closedAt === null;

  const guestGrants = viewer.grants.filter((g) => g.role === "committee_member" && g.committeeSessionId !== null);
  const guestSessions = await db().committeeSession.findMany({
    where: { id: { in: guestGrants.map((g) => g.committeeSessionId as string) }, incubatorId: { notIn: ids } },
    select: sessionSummarySelect,
    orderBy: { startsAt: "asc" },
  });

  return {
    today,
    incubators: followed.map((incubator) => {
      const own = sessions.filter((s) => s.incubatorId === incubator.id);
      return {
        ...incubator,
        mayPlan: can(viewer, "session.manage", { incubatorId: incubator.id }),
        due: reviews
          .filter((r) => r.incubatorId === incubator.id && r.nextReview && r.status && r.status.urgency !== "later")
          .sort((a, b) => (a.nextReview?.date.getTime() ?? 0) - (b.nextReview?.date.getTime() ?? 0))
          .map((r) => ({
            slug: r.slug,
            name: r.name,
            phase: r.phase,
            reviewDate: r.nextReview?.date ?? today,
            basis: r.nextReview?.basis ?? "decision",
            urgency: r.status?.urgency ?? "later",
            days: r.status?.days ?? 0,
            scheduledIn: scheduledFor.get(r.id) ?? null,
          })),
        upcoming: own.filter(isUpcoming).map(summary),
        past: own
          .filter((s) => !isUpcoming(s))
          .reverse()
          .slice(0, PAST_SESSIONS)
          .map(summary),
      };
    }),
    guestSessions: guestSessions.map(summary),
  };
}
