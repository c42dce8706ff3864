// Builds the rows of one "unit" of the demo portfolio: its products (history, team, indicators and
// values, funding) and their place in committee sessions (agenda, votes, decisions). Unit 0 is the
// demo itself; units 1…N−1 are regional variants for load tests. Units share incubators by groups of
// seven: a real network has about 50 incubators for 2,000 products (40 each), so at scale 50 the 2,200
// products sit in 56 incubators (44 each) rather than 350 (which would inflate every incubator filter).
// The first unit of a group (its "anchor") creates the incubators, their staff and calendars; the
// other units put their products into them and onto their committee sessions.
import { isoDay } from "~/domain/days";
import type { BudgetActivity, BudgetResource } from "~/domain/budget-taxonomy";
import { isTerminal } from "~/domain/phases";
import type { Outcome } from "~/generated/prisma/enums";
import {
  CONDITIONS,
  GUESTS,
  INCUBATORS,
  PERSONA_SCOPE,
  PERSONAS,
  PRODUCTS,
  TEAM_TITLES,
  VOTE_COMMENTS,
  type IncubatorSeed,
  type PersonaSeed,
  type ProductSeed,
} from "./demo-catalogue.server";
import {
  expectedActiveUsers,
  expectedEase,
  expectedValueGenerated,
  indicatorDefinitions,
  indicatorSeries,
  monthlyRate,
  monthlySpend,
  productModel,
  type IndicatorDefinition,
  type MetricCode,
  type MonthlySpend,
  type Point,
  type ProductModel,
} from "./demo-metrics";
import { emptyRows, type DemoRow, type DemoRows } from "./demo-tables.server";
import {
  committeeCalendar,
  DEMO_ANCHOR,
  phaseOn,
  planLife,
  type LifePlan,
  type Review,
  type SessionSlot,
} from "./demo-timeline";
import { decisionWording, frenchMonth, phaseComment } from "./demo-wording.server";
import type { Person, People } from "./demo-people.server";
import { createRandom, hashSeed, type Random } from "./random";

export interface DemoReference {
  ministries: ReadonlyMap<string, string>;
  organisations: ReadonlyMap<string, string>;
  /** The investor of each organisation (the person who sits on committees for it). */
  investors: ReadonlyMap<string, Person>;
  /** The platform administrator persona. */
  adminId: string;
}

/** Regions that name the variants of units 1…N−1. */
const REGIONS = [
  "Auvergne-Rhône-Alpes",
  "Bourgogne-Franche-Comté",
  "Bretagne",
  "Centre-Val de Loire",
  "Corse",
  "Grand Est",
  "Hauts-de-France",
  "Île-de-France",
  "Normandie",
  "Nouvelle-Aquitaine",
  "Occitanie",
  "Pays de la Loire",
  "Provence-Alpes-Côte d'Azur",
  "Guadeloupe",
  "Martinique",
  "Guyane",
  "La Réunion",
  "Mayotte",
];

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const addDays = (date: Date, days: number) => new Date(date.getTime() + days * DAY_MS);
const earliest = (a: Date, b: Date) => (a < b ? a : b);
const roundTo = (value: number, step: number) => Math.round(value / step) * step;
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** Values older than this were checked by a coach; newer ones are still as declared. */
const VALIDATED_BEFORE = addDays(DEMO_ANCHOR, -92);

/**
 * The number of consecutive units that share the incubators of the first of them: a unit brings 44
 * products to 7 incubators, a group 44 to each, about what a real incubator follows.
 */
export const UNITS_PER_INCUBATOR_GROUP = 7;

/** A session's items that come from the unit being built. */
interface SessionDraft {
  slot: SessionSlot;
  id: string;
  items: Array<{ productId: string; intrapreneur: Person; investor: Person | null; decision: Outcome | null }>;
}

/**
 * A session of an incubator as the whole group of units fills it: how many agenda items each unit
 * brings (planned up front from the products' plans, so that the first unit writes the session row
 * with its final length and later units number their items after the earlier ones), and the sponsors
 * already seated.
 */
interface SharedSession {
  itemsPerUnit: number[];
  seatedInvestors: Set<string>;
}

interface IncubatorContext {
  seed: IncubatorSeed;
  id: string;
  slug: string;
  calendar: SessionSlot[];
  head: Person;
  coaches: Person[];
  portfolioManager: Person;
  member: Person;
  /** The group's sessions by calendar index. */
  sessions: Map<number, SharedSession>;
  /** The anchor unit that created the incubator: its ids and names derive from it. */
  unit: number;
}

interface UnitContext {
  unit: number;
  ref: DemoReference;
  people: People;
  rows: DemoRows;
  incubators: Map<string, IncubatorContext>;
  /** This unit's items, per incubator and calendar index. */
  drafts: Map<IncubatorContext, Map<number, SessionDraft>>;
}

function variantSuffix(unit: number): string | null {
  if (unit === 0) return null;
  const region = REGIONS[(unit - 1) % REGIONS.length];
  const round = Math.floor((unit - 1) / REGIONS.length);
  return round === 0 ? region : `${region} ${round + 1}`;
}

/**
 * Builds the units of a portfolio of `scale` units, one call per unit in order (0, 1, 2…): each call
 * returns that unit's rows, to insert before the next call. Only the incubators of the current group
 * are kept between calls, so memory stays bounded whatever the scale.
 */
export function createPortfolio(ref: DemoReference, people: People, scale: number): (unit: number) => DemoRows {
  let expected = 0;
  let incubators = new Map<string, IncubatorContext>();
  return (unit) => {
    if (unit !== expected || unit >= scale) throw new RangeError(`Unit ${unit} out of order (expected ${expected})`);
    expected += 1;
    const ctx: UnitContext = { unit, ref, people, rows: emptyRows(), incubators, drafts: new Map() };
    if (unit % UNITS_PER_INCUBATOR_GROUP === 0) {
      ctx.incubators = incubators = new Map();
      for (const seed of INCUBATORS) ctx.incubators.set(seed.key, addIncubator(ctx, seed));
      const last = Math.min(unit + UNITS_PER_INCUBATOR_GROUP, scale) - 1;
      planSessions(ctx.incubators, unit, last);
    }
    for (const seed of PRODUCTS) addProduct(ctx, seed);
    for (const incubator of ctx.incubators.values()) addSessions(ctx, incubator);
    if (unit === 0) addAuditLog(ctx);
    return ctx.rows;
  };
}

/** The start of a product's stream: its id and life plan, the same whether planned or built. */
function startProduct(unit: number, seed: ProductSeed, incubator: IncubatorContext) {
  const rng = createRandom(hashSeed("product", unit, seed.slug));
  const id = rng.uuid();
  const plan = planLife(rng, seed.path, incubator.calendar);
  return { rng, id, plan };
}

function incubatorOf(incubators: ReadonlyMap<string, IncubatorContext>, seed: ProductSeed): IncubatorContext {
  const incubator = incubators.get(seed.incubator);
  if (!incubator) throw new Error(`Unknown incubator ${seed.incubator} for ${seed.slug}`);
  return incubator;
}

/** Counts, for every session of a group's incubators, the agenda items each unit of the group brings. */
function planSessions(incubators: ReadonlyMap<string, IncubatorContext>, first: number, last: number): void {
  for (let unit = first; unit <= last; unit++) {
    for (const seed of PRODUCTS) {
      const incubator = incubatorOf(incubators, seed);
      const { plan } = startProduct(unit, seed, incubator);
      const slots = plan.reviews.map((review) => review.slot);
      if (plan.upcoming) slots.push(plan.upcoming);
      for (const slot of slots) {
        let session = incubator.sessions.get(slot.index);
        if (!session) {
          session = { itemsPerUnit: Array.from({ length: last - first + 1 }, () => 0), seatedInvestors: new Set() };
          incubator.sessions.set(slot.index, session);
        }
        session.itemsPerUnit[unit - first] += 1;
      }
    }
  }
}

function addUser(ctx: UnitContext, person: Person, since: Date): void {
  ctx.rows.User.push({ id: person.id, email: person.email, name: person.name, createdAt: since, lastSeenAt: null });
}

function role(
  rng: Random,
  userId: string,
  fields: Partial<DemoRow<"RoleAssignment">> & Pick<DemoRow<"RoleAssignment">, "role">,
): DemoRow<"RoleAssignment"> {
  return {
    id: rng.uuid(),
    userId,
    incubatorId: null,
    productId: null,
    organisationId: null,
    isIntrapreneur: false,
    title: null,
    startDate: null,
    endDate: null,
    ...fields,
  };
}

function addIncubator(ctx: UnitContext, seed: IncubatorSeed): IncubatorContext {
  const rng = createRandom(hashSeed("incubator", ctx.unit, seed.key));
  const suffix = variantSuffix(ctx.unit);
  const id = rng.uuid();
  const slug = suffix ? `${seed.key}-${ctx.unit + 1}` : seed.key;
  const since = new Date(Date.UTC(2019, rng.int(0, 11), 1));
  ctx.rows.Incubator.push({
    id,
    slug,
    name: suffix ? `${seed.name} – antenne ${suffix}` : seed.name,
    description: seed.description,
    website: seed.website,
    ministryId: ctx.ref.ministries.get(seed.ministry) ?? null,
    ownerOrganisationId: ctx.ref.organisations.get(seed.owner) ?? null,
    createdAt: since,
  });
  const personas = ctx.unit === 0 && seed.key === PERSONA_SCOPE.incubator;
  const staff = (persona: PersonaSeed | null) => (persona ? ctx.people.persona(rng, persona) : ctx.people.person(rng));
  const head = staff(personas ? PERSONAS.incubatorAdmin : null);
  const coaches = [staff(personas ? PERSONAS.coach : null), staff(null)];
  const portfolioManager = staff(null);
  const member = staff(personas ? PERSONAS.committeeMember : null);
  const assignments: Array<[Person, DemoRow<"RoleAssignment">["role"], string]> = [
    [head, "incubator_admin", "responsable de l'incubateur"],
    [coaches[0], "coach", "coach"],
    [coaches[1], "coach", "coach"],
    [portfolioManager, "committee_member", "responsable de portefeuille"],
    [
      member,
      "committee_member",
      member.feminine ? "cheffe de bureau, membre du comité" : "chef de bureau, membre du comité",
    ],
  ];
  for (const [person, name, title] of assignments) {
    addUser(ctx, person, since);
    ctx.rows.RoleAssignment.push(role(rng, person.id, { role: name, incubatorId: id, title, startDate: since }));
  }
  return {
    seed,
    id,
    slug,
    calendar: committeeCalendar(rng, seed.committeeWeek, new Date(Date.UTC(2027, 8, 1))),
    head,
    coaches,
    portfolioManager,
    member,
    sessions: new Map(),
    unit: ctx.unit,
  };
}

function sessionFor(ctx: UnitContext, incubator: IncubatorContext, slot: SessionSlot): SessionDraft {
  let drafts = ctx.drafts.get(incubator);
  if (!drafts) {
    drafts = new Map();
    ctx.drafts.set(incubator, drafts);
  }
  let session = drafts.get(slot.index);
  if (!session) {
    // Keyed by the anchor unit: every unit of the group meets in the same session.
    const id = createRandom(hashSeed("session", incubator.unit, incubator.seed.key, slot.index)).uuid();
    session = { slot, id, items: [] };
    drafts.set(slot.index, session);
  }
  return session;
}

interface ProductContext {
  ctx: UnitContext;
  rng: Random;
  seed: ProductSeed;
  incubator: IncubatorContext;
  id: string;
  plan: LifePlan;
  model: ProductModel;
  spend: MonthlySpend[];
  series: Map<MetricCode, Point[]>;
  intrapreneur: Person;
  team: Person[];
  investor: Person | null;
}

function addProduct(ctx: UnitContext, seed: ProductSeed): void {
  const incubator = incubatorOf(ctx.incubators, seed);
  const { rng, id, plan } = startProduct(ctx.unit, seed, incubator);
  const model = productModel(rng, seed, plan);
  const spend = monthlySpend(rng, model);
  const reachedAcceleration = seed.path.includes("acceleration");
  const definitions = seed.path.includes("abandon-investigation")
    ? []
    : indicatorDefinitions(seed, reachedAcceleration);
  const series = indicatorSeries(rng, model, spend, new Set(definitions.map((d) => d.code)));
  const personaProduct = ctx.unit === 0 && seed.slug === PERSONA_SCOPE.product;
  const intrapreneur = personaProduct ? ctx.people.persona(rng, PERSONAS.intrapreneur) : ctx.people.person(rng);
  const sponsor = seed.sponsors[0];
  const p: ProductContext = {
    ctx,
    rng,
    seed,
    incubator,
    id,
    plan,
    model,
    spend,
    series,
    intrapreneur,
    team: [intrapreneur],
    investor: sponsor ? ctx.ref.investors.get(sponsor) ?? null : null,
  };
  addProductRow(p);
  addTeam(p);
  addIndicators(p, definitions);
  const decisions = addReviews(p);
  addFunding(p, decisions);
}

function addProductRow(p: ProductContext): void {
  const { ctx, rng, seed, plan, incubator } = p;
  const suffix = variantSuffix(ctx.unit);
  const slug = suffix ? `${seed.slug}-${ctx.unit + 1}` : seed.slug;
  const built = seed.path.includes("construction");
  const grown = seed.path.includes("acceleration");
  const website = built ? `https://${slug}.beta.gouv.fr` : null;
  const openSource = built && rng.chance(0.9);
  const start = plan.phases[0].start;
  ctx.rows.Product.push({
    id: p.id,
    slug,
    name: suffix ? `${seed.name} – ${suffix}` : seed.name,
    pitch: seed.pitch,
    description: `Le problème : ${lowerFirst(seed.problem)}\n\nLa solution : ${lowerFirst(
      seed.solution,
    )}\n\nPour qui : ${seed.market.label}.`,
    websiteUrl: website,
    repositoryUrl: openSource ? `${incubator.seed.codeHost}/${seed.slug}` : null,
    statsUrl: website && (grown || rng.chance(0.6)) ? `${website}/stats` : null,
    budgetUrl: website && grown ? `${website}/budget` : null,
    accessibilityStatus: !built
      ? "inconnu"
      : grown
      ? rng.pick(["partiellement_conforme", "partiellement_conforme", "totalement_conforme", "non_conforme"] as const)
      : rng.pick(["non_conforme", "partiellement_conforme"] as const),
    securityApproach: grown
      ? rng.pick(["Homologation prononcée (MonServiceSécurisé)", "Analyse de risques réalisée, homologation en cours"])
      : built && rng.chance(0.5)
      ? "Analyse de risques réalisée"
      : null,
    openSource,
    usesDsfr: built && rng.chance(0.85),
    isPublic: built || rng.chance(0.5),
    primaryIncubatorId: incubator.id,
    createdAt: start,
    updatedAt: addDays(plan.activeUntil, -rng.int(1, 20)),
  });
  const since = plan.phases.find((ph) => ph.phase === "construction")?.start ?? start;
  for (const sponsor of seed.sponsors) {
    const organisationId = ctx.ref.organisations.get(sponsor);
    if (organisationId) ctx.rows.ProductSponsor.push({ productId: p.id, organisationId, since });
  }
  for (const key of seed.coIncubators ?? []) {
    const co = ctx.incubators.get(key);
    if (co) ctx.rows.ProductIncubator.push({ productId: p.id, incubatorId: co.id });
  }
  for (const span of plan.phases) {
    const decided = span.phase === "investigation" ? null : span.start;
    ctx.rows.PhaseEntry.push({
      id: rng.uuid(),
      productId: p.id,
      phase: span.phase,
      startDate: span.start,
      endDate: span.end,
      comment: phaseComment(span.phase, decided, seed.receiver ?? null, seed.stopReason ?? null).trim() || null,
      createdAt: new Date(span.start.getTime() + 17 * HOUR_MS),
      createdById: incubator.head.id,
    });
  }
}

function addTeam(p: ProductContext): void {
  const { ctx, rng, seed, plan } = p;
  const ending = isTerminal(seed.path[seed.path.length - 1]) ? plan.activeUntil : null;
  const start = plan.phases[0].start;
  addUser(ctx, p.intrapreneur, start);
  ctx.rows.RoleAssignment.push(
    role(rng, p.intrapreneur.id, {
      role: "team_member",
      productId: p.id,
      isIntrapreneur: true,
      title: p.intrapreneur.feminine ? "intrapreneure" : "intrapreneur",
      startDate: start,
      endDate: ending,
    }),
  );
  for (const title of TEAM_TITLES) {
    const phase = plan.phases.find((ph) => ph.phase === title.from);
    if (!phase) continue;
    const joined = earliest(addDays(phase.start, rng.int(0, 30)), ending ?? DEMO_ANCHOR);
    const person = ctx.people.person(rng);
    p.team.push(person);
    addUser(ctx, person, joined);
    ctx.rows.RoleAssignment.push(
      role(rng, person.id, {
        role: "team_member",
        productId: p.id,
        title: person.feminine ? title.feminine : title.masculine,
        startDate: joined,
        endDate: ending,
      }),
    );
  }
}

/** When a value for a period is typically entered: a few days after the period ends. */
function enteredOn(periodStart: Date, frequency: IndicatorDefinition["frequency"]): Date {
  const days = frequency === "weekly" ? 9 : frequency === "quarterly" ? 95 : 34;
  return earliest(addDays(periodStart, days), DEMO_ANCHOR);
}

const REVISION_REASONS = [
  "Correction après recalcul des statistiques Matomo.",
  "Doublons retirés du décompte.",
  "Erreur de saisie corrigée.",
];

function baseline(code: MetricCode, points: Point[], p: ProductContext): number | null {
  switch (code) {
    case "mau":
    case "penetration":
    case "accounts":
      return 0;
    case "value_generated":
      return p.seed.useful.from;
    case "ease_of_use":
    case "support_rate":
    case "annual_budget":
      return points[0]?.value ?? null;
    default:
      return null;
  }
}

function addIndicators(p: ProductContext, definitions: IndicatorDefinition[]): void {
  const { ctx, rng, plan, model } = p;
  const since = model.constructionStart ?? plan.phases[0].start;
  const coach = p.incubator.coaches[0];
  for (const definition of definitions) {
    const indicatorId = rng.uuid();
    const points = p.series.get(definition.code) ?? [];
    ctx.rows.Indicator.push({
      id: indicatorId,
      productId: p.id,
      matrixCode: definition.matrixCode,
      name: definition.name,
      description: definition.description,
      level: definition.level,
      kind: definition.kind,
      unit: definition.unit,
      direction: definition.direction,
      frequency: definition.frequency,
      source: definition.source,
      baselineValue: model.constructionStart ? baseline(definition.code, points, p) : null,
      baselineDate: model.constructionStart,
      createdAt: since,
    });
    for (const point of points) {
      const author = rng.chance(0.6) ? p.intrapreneur : rng.pick(p.team);
      const validated = point.periodStart < VALIDATED_BEFORE;
      const created = enteredOn(point.periodStart, definition.frequency);
      const valueId = rng.uuid();
      let updated = created;
      if (validated && rng.chance(0.01)) {
        updated = earliest(addDays(created, rng.int(5, 25)), DEMO_ANCHOR);
        const oldValue = Math.round(point.value * rng.float(0.85, 1.15) * 100) / 100;
        ctx.rows.IndicatorValueRevision.push({
          id: rng.uuid(),
          valueId,
          oldValue,
          newValue: point.value,
          reason: rng.pick(REVISION_REASONS),
          changedById: coach.id,
          changedAt: updated,
        });
      }
      ctx.rows.IndicatorValue.push({
        id: valueId,
        indicatorId,
        periodStart: point.periodStart,
        value: point.value,
        status: validated ? "validated" : "declared",
        enteredById: author.id,
        validatedById: validated ? coach.id : null,
        createdAt: created,
        updatedAt: updated,
      });
    }
    addTargets(p, definition, indicatorId);
  }
}

/** The objectives each committee set for its next review: the yardstick of the next committee. */
function addTargets(p: ProductContext, definition: IndicatorDefinition, indicatorId: string): void {
  const { rng, model, plan } = p;
  const dueDates = plan.reviews
    .filter((r) => r.next && r.outcome !== "stop" && r.targetPhase !== "transfere")
    .map((r) => r.next as SessionSlot);
  for (const due of dueDates) {
    const users = expectedActiveUsers(model, due.day);
    let value: number | null = null;
    if (definition.code === "mau" && users >= 1) value = Math.round(users * rng.float(1.1, 1.3));
    if (definition.code === "ease_of_use") {
      const ease = expectedEase(model, due.day);
      value = ease === null ? null : Math.min(7, Math.round((ease + 0.2) * 10) / 10);
    }
    if (definition.code === "value_generated") {
      const expected = expectedValueGenerated(model, due.day);
      const { from, to, decimals } = p.seed.useful;
      value = expected === null ? null : Number((expected + (to - from) * 0.05).toFixed(decimals));
    }
    if (definition.code === "cost_per_use" && users >= 1) {
      const rate = monthlyRate(model, phaseOn(plan, due.day));
      value = Math.round(((rate * 12) / users) * 0.9 * 100) / 100;
    }
    if (value !== null) p.ctx.rows.IndicatorTarget.push({ id: rng.uuid(), indicatorId, value, dueDate: due.day });
  }
}

/** The last value measured before a day, for a committee's figures. */
function lastValueBefore(points: Point[] | undefined, date: Date): number | null {
  return points?.findLast((point) => point.periodStart < date)?.value ?? null;
}

interface GrantedDecision {
  id: string;
  decidedOn: Date;
  /** The day before the next review: the end of the period the budget funds. */
  until: Date;
  budget: number;
  createdAt: Date;
}

function addReviews(p: ProductContext): GrantedDecision[] {
  const { ctx, rng, seed, plan, model, incubator } = p;
  const granted: GrantedDecision[] = [];
  for (const review of plan.reviews) {
    const session = sessionFor(ctx, incubator, review.slot);
    const decisionId = rng.uuid();
    const phaseAfter = review.targetPhase ?? review.phase;
    const months = review.next
      ? Math.max(1, Math.round((review.next.day.getTime() - review.slot.day.getTime()) / (30.44 * DAY_MS)))
      : null;
    const funded = review.outcome !== "stop" && !isTerminal(phaseAfter);
    // The budget runs until 45 days after the next review (see addFunding): a month and a half more.
    const budget = funded ? roundTo(monthlyRate(model, phaseAfter) * ((months ?? 6) + 1.5), 5000) : null;
    const wording = decisionWording(rng, {
      outcome: review.outcome,
      phase: review.phase,
      targetPhase: review.targetPhase,
      activeUsers: lastValueBefore(p.series.get("mau"), review.slot.day),
      costPerUse: lastValueBefore(p.series.get("cost_per_use"), review.slot.day),
      budget,
      months,
      receiver: seed.receiver ?? null,
      stopReason: seed.stopReason ?? null,
    });
    const createdAt = new Date(review.slot.startsAt.getTime() + 2 * HOUR_MS);
    ctx.rows.Decision.push({
      id: decisionId,
      productId: p.id,
      sessionId: session.id,
      outcome: review.outcome,
      targetPhase: review.targetPhase,
      decidedOn: review.slot.day,
      budgetEuros: budget,
      nextReviewDate: review.next?.day ?? null,
      rationale: wording.rationale,
      publicRationale: wording.publicRationale,
      publishedAt: earliest(addDays(createdAt, rng.int(2, 10)), DEMO_ANCHOR),
      recordedById: incubator.head.id,
      createdAt,
    });
    if (budget) {
      const until = addDays(review.next?.day ?? addDays(review.slot.day, 183), -1);
      granted.push({ id: decisionId, decidedOn: review.slot.day, until, budget, createdAt });
    }
    if (funded && rng.chance(0.45)) addConditions(p, review, decisionId);
    session.items.push({
      productId: p.id,
      intrapreneur: p.intrapreneur,
      investor: p.investor,
      decision: review.outcome,
    });
  }
  if (plan.upcoming) {
    sessionFor(ctx, incubator, plan.upcoming).items.push({
      productId: p.id,
      intrapreneur: p.intrapreneur,
      investor: p.investor,
      decision: null,
    });
  }
  return granted;
}

function addConditions(p: ProductContext, review: Review, decisionId: string): void {
  const { rng } = p;
  const count = rng.int(1, 2);
  const first = rng.int(0, CONDITIONS.length - 1);
  for (let i = 0; i < count; i++) {
    const due = addDays(review.next?.day ?? addDays(review.slot.day, 150), -15);
    const past = due < DEMO_ANCHOR;
    const draw = rng.next();
    const status = !past ? "open" : draw < 0.75 ? "met" : draw < 0.9 ? "not_met" : "open";
    p.ctx.rows.DecisionCondition.push({
      id: rng.uuid(),
      decisionId,
      description: CONDITIONS[(first + i * 3) % CONDITIONS.length],
      ownerName: p.intrapreneur.name,
      dueDate: due,
      status,
      resolvedAt: status === "open" ? null : new Date(addDays(due, -rng.int(0, 20)).getTime() + 10 * HOUR_MS),
    });
  }
}

/** The network's budget taxonomy (activity × resource) for what a product pays. */
const PAID_SPLIT: ReadonlyArray<{ activity: BudgetActivity; resource: BudgetResource; share: number }> = [
  { activity: "development", resource: "external_services", share: 0.55 },
  { activity: "design", resource: "external_services", share: 0.15 },
  { activity: "management", resource: "external_services", share: 0.22 },
  { activity: "hosting", resource: "software", share: 0.08 },
];
const FAST_CAP = 300_000;
const FAST_COMMENT = "Fonds d'accélération des startups d'État (FAST) : cofinancement à parité.";

/**
 * Funding envelopes (the investigation's, then one per funder for each budget a committee granted,
 * FAST co-funding in the year acceleration starts, the ask of the upcoming committee) and budget
 * statements (actual of each closed year, the current year's forecast revised in June).
 */
function addFunding(p: ProductContext, decisions: GrantedDecision[]): void {
  const { ctx, rng, seed, plan, model, incubator } = p;
  const funderKeys = [...new Set([incubator.seed.owner, ...seed.sponsors.slice(0, 2)])];
  const ownerShare = funderKeys.length === 1 ? 1 : rng.float(0.25, 0.5);
  const shares = new Map(
    funderKeys.map((key, i) => [key, i === 0 ? ownerShare : (1 - ownerShare) / (funderKeys.length - 1)]),
  );
  const funder = (key: string) => ctx.ref.organisations.get(key) as string;
  const envelope = (
    fields: Pick<DemoRow<"FundingEnvelope">, "funderId" | "amount" | "startDate" | "endDate" | "comment" | "createdAt"> &
      Partial<DemoRow<"FundingEnvelope">>,
  ) =>
    ctx.rows.FundingEnvelope.push({
      id: rng.uuid(),
      productId: p.id,
      origin: "sponsor_budget",
      status: "granted",
      decisionId: null,
      createdById: incubator.head.id,
      updatedAt: fields.createdAt,
      ...fields,
    });

  const start = plan.phases[0].start;
  const investigationEnd = plan.phases[0].end ?? addDays(start, 61);
  const owner = funderKeys[0];
  envelope({
    funderId: funder(owner),
    amount: roundTo(
      (monthlyRate(model, "investigation") * (investigationEnd.getTime() - start.getTime())) / (30.44 * DAY_MS),
      1000,
    ),
    startDate: start,
    endDate: addDays(investigationEnd, -1),
    comment: "Financement de l'investigation.",
    createdAt: start,
  });
  // The doctrine holds the committee 30 to 45 days before the budget ends: each granted envelope runs
  // until 45 days after the next review, and the next one takes over the day after.
  let takeOver: Date | null = null;
  for (const decision of decisions) {
    const startDate: Date = takeOver && takeOver > decision.decidedOn ? takeOver : decision.decidedOn;
    const endDate = addDays(decision.until, 45);
    takeOver = addDays(endDate, 1);
    for (const key of funderKeys) {
      envelope({
        funderId: funder(key),
        amount: roundTo(decision.budget * (shares.get(key) ?? 0), 100),
        startDate,
        endDate,
        decisionId: decision.id,
        comment: "Enveloppe accordée en comité d'investissement.",
        createdAt: decision.createdAt,
      });
    }
  }
  // The ask of the upcoming committee, waiting for its decision.
  const last = decisions.at(-1);
  if (plan.upcoming && last && !isTerminal(seed.path[seed.path.length - 1])) {
    envelope({
      funderId: funder(owner),
      amount: roundTo(last.budget * rng.float(1, 1.2), 5000),
      startDate: plan.upcoming.day,
      endDate: addDays(plan.upcoming.day, 182),
      status: "requested",
      comment: "Demande présentée au prochain comité.",
      createdAt: addDays(plan.upcoming.day, -20),
    });
  }

  const spendByYear = new Map<number, { euros: number; months: number }>();
  for (const s of p.spend) {
    const year = s.month.getUTCFullYear();
    const total = spendByYear.get(year) ?? { euros: 0, months: 0 };
    spendByYear.set(year, { euros: total.euros + s.euros, months: total.months + 1 });
  }
  // FAST co-funds acceleration 1 € for 1 €, up to 300 k€: here 30 % of that year's spending, for a year.
  const acceleration = model.accelerationStart;
  const fast = acceleration && Math.min(FAST_CAP, roundTo((spendByYear.get(acceleration.getUTCFullYear())?.euros ?? 0) * 0.3, 1000));
  if (acceleration && fast) {
    envelope({
      funderId: funder("dinum"),
      amount: fast,
      startDate: acceleration,
      endDate: addDays(acceleration, 364),
      origin: "fast",
      comment: FAST_COMMENT,
      createdAt: acceleration,
    });
  }

  const currentYear = DEMO_ANCHOR.getUTCFullYear();
  const author = p.intrapreneur.id;
  const statement = (
    year: number,
    nature: DemoRow<"BudgetStatement">["nature"],
    revision: number,
    enteredAt: Date,
    supersededAt: Date | null,
    paidEuros: number,
  ) => {
    const statementId = rng.uuid();
    ctx.rows.BudgetStatement.push({
      id: statementId,
      productId: p.id,
      year,
      nature,
      revision,
      origin: "seed",
      comment: null,
      enteredById: author,
      enteredAt,
      supersededAt,
    });
    for (const split of PAID_SPLIT) {
      const paid = roundTo(paidEuros * split.share, 10);
      ctx.rows.BudgetLine.push({
        id: rng.uuid(),
        statementId,
        activity: split.activity,
        resource: split.resource,
        // Engagements (AE) run a little ahead of payments (CP).
        committed: roundTo(paid * rng.float(1, 1.08), 10),
        paid,
      });
    }
  };
  for (const [year, spent] of spendByYear) {
    if (year < currentYear) {
      statement(year, "actual", 1, earliest(new Date(Date.UTC(year + 1, 0, 31, 9)), DEMO_ANCHOR), null, spent.euros);
      continue;
    }
    // The year in progress: January's forecast, revised in June, from the pace of the months so far.
    const active = plan.activeUntil >= DEMO_ANCHOR;
    const yearly = active ? (spent.euros / spent.months) * 12 : spent.euros;
    const january = new Date(Date.UTC(year, 0, 31, 9));
    const june = new Date(Date.UTC(year, 5, 30, 9));
    const firstEntry = start > january ? addDays(start, 20) : january;
    if (firstEntry < june && plan.activeUntil > june) {
      statement(year, "forecast", 1, firstEntry, june, yearly * rng.float(0.85, 1.1));
      statement(year, "forecast", 2, june, null, yearly);
    } else {
      statement(year, "forecast", 1, earliest(firstEntry, DEMO_ANCHOR), null, yearly);
    }
  }
}

/**
 * This unit's part of an incubator's sessions. The first unit of the group with items in a session
 * writes the session row (sized for the whole group's agenda) and its standing members; later units
 * add their agenda items after the earlier ones', their intrapreneurs and sponsors not yet seated.
 * The anchor unit also cancels one session that no unit of the group uses.
 */
function addSessions(ctx: UnitContext, incubator: IncubatorContext): void {
  const rng = createRandom(hashSeed("sessions", ctx.unit, incubator.seed.key));
  const drafts = [...(ctx.drafts.get(incubator)?.values() ?? [])].sort((a, b) => a.slot.index - b.slot.index);
  const free = incubator.calendar.filter(
    (s) => s.day < DEMO_ANCHOR && s.day.getUTCFullYear() >= 2022 && !incubator.sessions.has(s.index),
  );
  const cancelled: SessionDraft | null =
    ctx.unit === incubator.unit && free.length > 0 ? { slot: rng.pick(free), id: rng.uuid(), items: [] } : null;
  if (cancelled) drafts.push(cancelled);
  const member = ctx.unit - incubator.unit;
  for (const draft of drafts) {
    const shared = draft === cancelled ? null : incubator.sessions.get(draft.slot.index);
    if (shared === undefined || (shared && shared.itemsPerUnit[member] !== draft.items.length)) {
      throw new Error(`Session plan out of step for ${incubator.seed.key}, slot ${draft.slot.index}, unit ${ctx.unit}`);
    }
    const offset = shared ? shared.itemsPerUnit.slice(0, member).reduce((sum, count) => sum + count, 0) : 0;
    const total = shared ? shared.itemsPerUnit.reduce((sum, count) => sum + count, 0) : 0;
    addAgenda(ctx, rng, incubator, draft, draft === cancelled, { offset, total, shared });
  }
}

function addAgenda(
  ctx: UnitContext,
  rng: Random,
  incubator: IncubatorContext,
  draft: SessionDraft,
  cancelled: boolean,
  { offset, total, shared }: { offset: number; total: number; shared: SharedSession | null },
): void {
  const held = draft.slot.day <= DEMO_ANCHOR;
  if (offset === 0) {
    const month = isoDay(draft.slot.day).slice(0, 7);
    // A held session opened its deliberation during the meeting (50 minutes per product) and was
    // closed once every decision was recorded (two hours after the start, see addReviews).
    const meetingMinutes = total * 50;
    const heldSession = held && !cancelled;
    const at = (minutes: number) => new Date(draft.slot.startsAt.getTime() + minutes * 60_000);
    ctx.rows.CommitteeSession.push({
      id: draft.id,
      incubatorId: incubator.id,
      title: `Comité d'investissement – ${frenchMonth(draft.slot.day)}`,
      startsAt: draft.slot.startsAt,
      location: rng.chance(0.7) ? incubator.seed.room : "Visioconférence",
      videoUrl: `https://visio.numerique.gouv.fr/comite-${incubator.slug}-${month}`,
      status: cancelled ? "cancelled" : held ? "held" : "planned",
      dossierDeadline: addDays(draft.slot.startsAt, -7),
      deliberationOpenedAt: heldSession ? at(Math.max(30, meetingMinutes - 20)) : null,
      closedAt: heldSession ? at(Math.max(meetingMinutes, 120) + 10) : null,
      chairId: total > 0 ? incubator.head.id : null,
      createdAt: addDays(draft.slot.startsAt, -45),
    });
  }
  addMembers(ctx, rng, incubator, draft, held, offset === 0, shared?.seatedInvestors ?? new Set());
  draft.items.forEach((item, index) => {
    const position = offset + index;
    const short = item.decision === null ? false : rng.chance(0.2);
    ctx.rows.AgendaItem.push({
      id: rng.uuid(),
      sessionId: draft.id,
      productId: item.productId,
      position,
      presentationMinutes: short ? 10 : 15,
      questionsMinutes: short ? 10 : 15,
      deliberationMinutes: short ? 10 : 20,
    });
    if (item.decision) addVotes(ctx, rng, incubator, draft, item.productId, item.decision, item.investor, position);
  });
}

/** Seats the session's members; the head, portfolio manager and guest only when `standing` (the first unit). */
function addMembers(
  ctx: UnitContext,
  rng: Random,
  incubator: IncubatorContext,
  draft: SessionDraft,
  held: boolean,
  standing: boolean,
  seatedInvestors: Set<string>,
): void {
  const attended = (probability: number) => (held ? rng.chance(probability) : null);
  const seat = (
    person: Person | null,
    name: string,
    seatName: DemoRow<"CommitteeMember">["seat"],
    present: boolean | null,
  ) =>
    ctx.rows.CommitteeMember.push({
      id: rng.uuid(),
      sessionId: draft.id,
      userId: person?.id ?? null,
      name,
      seat: seatName,
      attended: present,
    });
  if (draft.items.length === 0) return;
  if (standing) {
    seat(incubator.head, incubator.head.name, "incubator_head", held ? true : null);
    seat(incubator.portfolioManager, incubator.portfolioManager.name, "portfolio_manager", attended(0.9));
  }
  const investors = new Map(draft.items.flatMap((item) => (item.investor ? [[item.investor.id, item.investor]] : [])));
  for (const investor of investors.values()) {
    // Sponsors are shared by every unit: one seat each, whichever unit brought them first.
    if (seatedInvestors.has(investor.id)) continue;
    seatedInvestors.add(investor.id);
    seat(investor, investor.name, "sponsor", attended(0.8));
  }
  const intrapreneurs = new Map(draft.items.map((item) => [item.intrapreneur.id, item.intrapreneur]));
  for (const person of intrapreneurs.values()) seat(person, person.name, "intrapreneur", attended(0.95));
  if (standing && rng.chance(0.2)) seat(null, rng.pick(GUESTS), "guest", held ? true : null);
}

/** Most voters follow the decision; some would have preferred a neighbouring outcome. */
const DISSENT: Record<Outcome, Outcome> = {
  continue: "extend",
  extend: "continue",
  next_phase: "continue",
  pivot: "continue",
  stop: "extend",
};

function addVotes(
  ctx: UnitContext,
  rng: Random,
  incubator: IncubatorContext,
  draft: SessionDraft,
  productId: string,
  decision: Outcome,
  investor: Person | null,
  position: number,
): void {
  const voters = [incubator.head, incubator.portfolioManager, incubator.member];
  if (investor) voters.push(investor);
  for (const voter of voters) {
    ctx.rows.Vote.push({
      id: rng.uuid(),
      sessionId: draft.id,
      productId,
      voterId: voter.id,
      choice: rng.chance(0.85) ? decision : DISSENT[decision],
      comment: rng.chance(0.25) ? rng.pick(VOTE_COMMENTS) : null,
      createdAt: new Date(draft.slot.startsAt.getTime() + (position + 1) * 50 * 60_000),
    });
  }
}

/** A few audit entries around the personas, so that the journal page is not empty in the demo. */
function addAuditLog(ctx: UnitContext): void {
  const rng = createRandom(hashSeed("audit", ctx.unit));
  const incubator = ctx.incubators.get(PERSONA_SCOPE.incubator);
  if (!incubator) return;
  const productIds = new Set(
    ctx.rows.Product.filter((row) => row.primaryIncubatorId === incubator.id).map((row) => row.id),
  );
  const slugOf = new Map(ctx.rows.Product.map((row) => [row.id, row.slug]));
  const entry = (fields: Omit<DemoRow<"AuditLog">, "id" | "reason"> & { reason?: string | null }) =>
    ctx.rows.AuditLog.push({ id: rng.uuid(), reason: null, ...fields });
  const decisions = ctx.rows.Decision.filter((d) => productIds.has(d.productId)).sort(
    (a, b) => a.decidedOn.getTime() - b.decidedOn.getTime(),
  );
  for (const decision of decisions.slice(-4)) {
    entry({
      at: decision.createdAt,
      actorId: incubator.head.id,
      action: "decision.recorded",
      entityType: "Decision",
      entityId: decision.id,
      data: { product: slugOf.get(decision.productId), outcome: decision.outcome, targetPhase: decision.targetPhase },
    });
  }
  const persona = ctx.rows.Product.find((row) => row.slug === PERSONA_SCOPE.product);
  const intrapreneur = ctx.rows.User.find((u) => u.email === PERSONAS.intrapreneur.email);
  if (persona && intrapreneur) {
    entry({
      at: addDays(DEMO_ANCHOR, -5),
      actorId: intrapreneur.id,
      action: "product.updated",
      entityType: "Product",
      entityId: persona.id,
      data: { fields: ["pitch", "statsUrl"] },
    });
  }
  const member = ctx.rows.RoleAssignment.find((r) => r.userId === incubator.member.id);
  if (member) {
    entry({
      at: new Date(Date.UTC(2025, 0, 6, 9)),
      actorId: ctx.ref.adminId,
      action: "role.assigned",
      entityType: "RoleAssignment",
      entityId: member.id,
      reason: "Nouveau membre du comité d'investissement.",
      data: { role: member.role },
    });
  }
  const planned = ctx.rows.CommitteeSession.find((s) => s.incubatorId === incubator.id && s.status === "planned");
  if (planned) {
    entry({
      at: planned.createdAt,
      actorId: incubator.head.id,
      action: "committee_session.planned",
      entityType: "CommitteeSession",
      entityId: planned.id,
      data: { startsAt: planned.startsAt.toISOString() },
    });
  }
  const revision = ctx.rows.IndicatorValueRevision.at(-1);
  if (revision) {
    entry({
      at: revision.changedAt,
      actorId: revision.changedById,
      action: "indicator_value.revised",
      entityType: "IndicatorValue",
      entityId: revision.valueId,
      reason: revision.reason,
      data: { oldValue: revision.oldValue, newValue: revision.newValue },
    });
  }
}
