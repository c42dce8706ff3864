// Builders for consistent records, shared by the demo seed and the tests: each takes only what a
// caller cares about and fills the rest with valid values.
import type { Phase } from "~/domain/phases";
import { day } from "~/domain/days";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { BudgetNature, OrganisationType, Role } from "~/generated/prisma/enums";
import type { BudgetActivity, BudgetResource } from "~/domain/budget-taxonomy";
import { centsToDecimal, toCents } from "~/domain/money";

export type Db = PrismaClient | Prisma.TransactionClient;

let counter = 0;
function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid.toString(36)}-${counter}`;
}

const asDay = (value: string | Date) => (typeof value === "string" ? day(value) : value);

export function createMinistry(db: Db, data: Partial<Prisma.MinistryUncheckedCreateInput> = {}) {
  const slug = data.slug ?? unique("ministere");
  return db.ministry.create({ data: { slug, name: `Ministère ${slug}`, shortName: slug, ...data } });
}

export function createOrganisation(
  db: Db,
  data: Partial<Prisma.OrganisationUncheckedCreateInput> & { type?: OrganisationType } = {},
) {
  const slug = data.slug ?? unique("organisation");
  return db.organisation.create({ data: { slug, name: `Administration ${slug}`, ...data } });
}

export function createIncubator(db: Db, data: Partial<Prisma.IncubatorUncheckedCreateInput> = {}) {
  const slug = data.slug ?? unique("incubateur");
  return db.incubator.create({ data: { slug, name: `Incubateur ${slug}`, ...data } });
}

export interface PhaseInput {
  phase: Phase;
  start: string | Date;
  end?: string | Date | null;
  comment?: string;
}

export interface ProductInput
  extends Partial<
    Omit<Prisma.ProductUncheckedCreateInput, "primaryIncubatorId" | "phases" | "sponsors" | "coIncubators">
  > {
  primaryIncubatorId: string;
  coIncubatorIds?: string[];
  sponsorIds?: string[];
  phases?: PhaseInput[];
}

export function createProduct(db: Db, input: ProductInput) {
  const { coIncubatorIds = [], sponsorIds = [], phases = [], ...data } = input;
  const slug = data.slug ?? unique("produit");
  return db.product.create({
    data: {
      slug,
      name: `Produit ${slug}`,
      pitch: `Le service ${slug} simplifie une démarche administrative.`,
      ...data,
      coIncubators: { create: coIncubatorIds.map((incubatorId) => ({ incubatorId })) },
      sponsors: { create: sponsorIds.map((organisationId) => ({ organisationId })) },
      phases: {
        create: phases.map((p) => ({
          phase: p.phase,
          startDate: asDay(p.start),
          endDate: p.end ? asDay(p.end) : null,
          comment: p.comment,
        })),
      },
    },
  });
}

export function createUser(db: Db, data: Partial<Prisma.UserUncheckedCreateInput> = {}) {
  const handle = unique("agent");
  return db.user.create({ data: { email: `${handle}@exemple.gouv.fr`, name: `Agent ${handle}`, ...data } });
}

export function assignRole(
  db: Db,
  data: Omit<Prisma.RoleAssignmentUncheckedCreateInput, "role"> & { role: Role },
) {
  return db.roleAssignment.create({ data });
}

export interface IndicatorInput
  extends Partial<Omit<Prisma.IndicatorUncheckedCreateInput, "productId" | "values">> {
  productId: string;
  values?: Array<{ periodStart: string | Date; value: number }>;
}

/** An indicator (by default monthly active users, an impact indicator of level "used") with its values. */
export function createIndicator(db: Db, input: IndicatorInput) {
  const { values = [], ...data } = input;
  return db.indicator.create({
    data: {
      name: unique("Utilisateurs actifs mensuels"),
      level: "used",
      unit: "utilisateurs",
      ...data,
      values: { create: values.map((v) => ({ periodStart: asDay(v.periodStart), value: v.value })) },
    },
  });
}

/** An amount in euros as a caller writes it: a number (100_000.5) or an exact decimal string ("100000.50"). */
export type EurosInput = number | string;

/** The exact DECIMAL literal of an amount, without going through floating-point arithmetic for strings. */
function decimal(euros: EurosInput): string {
  if (typeof euros === "number") {
    if (!Number.isFinite(euros)) throw new RangeError(`Not an amount: ${euros}`);
    return centsToDecimal(Math.round(euros * 100));
  }
  return centsToDecimal(toCents(euros));
}

export interface FundingEnvelopeInput
  extends Partial<Omit<Prisma.FundingEnvelopeUncheckedCreateInput, "amount" | "startDate" | "endDate">> {
  productId: string;
  funderId: string;
  amount?: EurosInput;
  start?: string | Date;
  end?: string | Date;
}

/** A funding envelope (by default granted by the sponsor's budget: 250 000 € for the first half of 2025). */
export function createFundingEnvelope(db: Db, input: FundingEnvelopeInput) {
  const { amount = 250_000, start = "2025-01-01", end = "2025-06-30", ...data } = input;
  return db.fundingEnvelope.create({
    data: { ...data, amount: decimal(amount), startDate: asDay(start), endDate: asDay(end) },
  });
}

export interface BudgetStatementInput {
  productId: string;
  year: number;
  nature: BudgetNature;
  /** Cells of the budget taxonomy: committed = AE, paid = CP, in euros. */
  lines: Array<{ activity: BudgetActivity; resource: BudgetResource; committed: EurosInput; paid: EurosInput }>;
  revision?: number;
  origin?: string;
  comment?: string | null;
  enteredById?: string | null;
  enteredAt?: Date;
  supersededAt?: Date | null;
}

/** A budget statement (revision 1, current unless `supersededAt` is given) with its lines. */
export function createBudgetStatement(db: Db, input: BudgetStatementInput) {
  const { lines, revision = 1, origin = "seed", ...data } = input;
  return db.budgetStatement.create({
    data: {
      ...data,
      revision,
      origin,
      lines: {
        create: lines.map((line) => ({
          activity: line.activity,
          resource: line.resource,
          committed: decimal(line.committed),
          paid: decimal(line.paid),
        })),
      },
    },
    include: { lines: true },
  });
}

export interface CommitteeSessionInput
  extends Partial<Omit<Prisma.CommitteeSessionUncheckedCreateInput, "incubatorId" | "agenda">> {
  incubatorId: string;
  /** Products on the agenda, in order. */
  productIds?: string[];
}

export function createCommitteeSession(db: Db, input: CommitteeSessionInput) {
  const { productIds = [], ...data } = input;
  return db.committeeSession.create({
    data: {
      title: "Comité d'investissement",
      startsAt: new Date("2025-03-11T08:30:00Z"),
      ...data,
      agenda: { create: productIds.map((productId, position) => ({ productId, position })) },
    },
  });
}

export interface DecisionInput
  extends Partial<
    Omit<Prisma.DecisionUncheckedCreateInput, "productId" | "decidedOn" | "nextReviewDate" | "conditions">
  > {
  productId: string;
  decidedOn: string | Date;
  nextReviewDate?: string | Date | null;
  conditions?: Array<
    Omit<Prisma.DecisionConditionUncheckedCreateWithoutDecisionInput, "dueDate"> & { dueDate?: string | Date }
  >;
}

/** A decision (by default: continue for six more months) with its conditions. */
export function recordDecision(db: Db, input: DecisionInput) {
  const { decidedOn, nextReviewDate, conditions = [], ...data } = input;
  return db.decision.create({
    data: {
      outcome: "continue",
      ...data,
      decidedOn: asDay(decidedOn),
      nextReviewDate: nextReviewDate ? asDay(nextReviewDate) : null,
      conditions: { create: conditions.map((c) => ({ ...c, dueDate: c.dueDate ? asDay(c.dueDate) : null })) },
    },
    include: { conditions: true },
  });
}
