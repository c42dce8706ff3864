// What an import of the beta.gouv.fr folder changes in Jalon, decided from the records read and the
// database's current state, before anything is written. Pure, so that "a second run changes nothing"
// is a property of this comparison: a row is written only when it differs from what is there.
//
// Ownership: records are matched by slug (the network's ids). The import creates and updates
// organisations, incubators and products; it adds sponsor and co-incubation links but never removes
// one; it manages the phase entries and events that have no author (the ones it wrote), replacing
// those the source no longer has, and never touches what a Jalon user entered. Committee events become
// closed past sessions (one per incubator and day), with an agenda item per product and, only when the
// comment states it plainly, a decision.
import { parseParisDateTime } from "~/committees/form-rows";
import { isoDay, parisDay } from "~/domain/days";
import type { Phase } from "~/domain/phases";
import type { OrganisationType, Outcome } from "~/generated/prisma/enums";
import { SLUG_PATTERN } from "~/products/slugs";
import type { EventKind } from "~/domain/product-events";
import {
  PRODUCT_FIELDS,
  type ImportIssue,
  type IncubatorRecord,
  type OrganisationRecord,
  type ParsedFolder,
  type PhaseRecord,
  type ProductFields,
  type StartupRecord,
} from "./betagouv-format";

/** The title of the past sessions the import creates; also how a later run recognises them. */
export const IMPORTED_SESSION_TITLE = "Comité d'investissement (importé de beta.gouv.fr)";

// ---------- Current state ----------

export interface OrganisationRow {
  id: string;
  slug: string;
  name: string;
  acronym: string | null;
  type: OrganisationType;
  ministerialDomain: string | null;
}

export interface IncubatorRow {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  website: string | null;
  ownerOrganisationId: string | null;
}

export interface ProductRow extends ProductFields {
  id: string;
  slug: string;
  isPublic: boolean;
  primaryIncubatorId: string;
}

export interface PhaseRow {
  id: string;
  productId: string;
  phase: string;
  startDate: Date;
  endDate: Date | null;
  comment: string | null;
}

export interface EventRow {
  id: string;
  productId: string;
  kind: string;
  date: Date;
  comment: string | null;
  sessionId: string | null;
}

export interface ProductState extends ProductRow {
  coIncubatorIds: string[];
  sponsorIds: string[];
  /** Only the entries without author: the ones an import wrote. */
  phases: PhaseRow[];
  /** Only the events without author. */
  events: EventRow[];
}

export interface SessionState {
  id: string;
  incubatorId: string;
  startsAt: Date;
  agenda: { productId: string; position: number }[];
  decidedProductIds: string[];
}

export interface CurrentState {
  organisations: OrganisationRow[];
  incubators: IncubatorRow[];
  products: ProductState[];
  slugAliases: { slug: string; productId: string }[];
  /** Sessions an earlier import created (recognised by their title). */
  sessions: SessionState[];
}

// ---------- Plan ----------

export interface SessionRow {
  id: string;
  incubatorId: string;
  title: string;
  startsAt: Date;
}

export interface AgendaRow {
  sessionId: string;
  productId: string;
  position: number;
}

export interface DecisionRow {
  productId: string;
  sessionId: string;
  outcome: Outcome;
  targetPhase: Phase;
  decidedOn: Date;
  /** The committee event's comment, public on beta.gouv.fr, hence published. */
  rationale: string;
}

export const REPORT_KINDS = [
  "organisations",
  "incubators",
  "products",
  "sponsors",
  "coIncubations",
  "phases",
  "events",
  "sessions",
  "agendaItems",
  "decisions",
] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

// A type, not an interface: the audit log stores it as JSON.
export type Counts = {
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
  skipped: number;
};

export interface ImportReport {
  counts: Record<ReportKind, Counts>;
  issues: ImportIssue[];
  ignoredFields: Record<string, number>;
  /** False when the run found the database already up to date. */
  changed: boolean;
}

export interface ImportPlan {
  organisations: { create: OrganisationRow[]; update: OrganisationRow[] };
  incubators: { create: IncubatorRow[]; update: IncubatorRow[] };
  /** `update` holds every product whose fields, links, phases or events change. */
  products: { create: ProductRow[]; update: ProductRow[] };
  coIncubations: { create: { productId: string; incubatorId: string }[] };
  sponsors: { create: { productId: string; organisationId: string }[] };
  phases: { create: PhaseRow[]; remove: string[] };
  events: { create: EventRow[]; remove: string[]; link: { id: string; sessionId: string }[] };
  sessions: { create: SessionRow[] };
  agendaItems: { create: AgendaRow[] };
  decisions: { create: DecisionRow[] };
  report: ImportReport;
}

/** Jalon's Incubator_slug_check. */
const INCUBATOR_SLUG = /^[a-zA-Z0-9][a-zA-Z0-9._-]*$/;

const sameDay = (a: Date | null, b: Date | null) => (a === null || b === null ? a === b : a.getTime() === b.getTime());

function sameFields<T extends object>(a: T, b: T, fields: readonly (keyof T)[]): boolean {
  return fields.every((field) => {
    const [x, y] = [a[field], b[field]];
    return x instanceof Date || y instanceof Date ? sameDay(x as Date | null, y as Date | null) : x === y;
  });
}

const ORGANISATION_FIELDS = ["name", "acronym", "type", "ministerialDomain"] as const;
const INCUBATOR_FIELDS = ["name", "description", "website", "ownerOrganisationId"] as const;
const PRODUCT_ROW_FIELDS = [...PRODUCT_FIELDS, "isPublic", "primaryIncubatorId"] as const;

/** Pairs existing and desired rows with equal keys; the rest is to remove and to create. */
function matchByKey<E, D>(existing: readonly E[], desired: readonly D[], keyOfExisting: (e: E) => string, keyOfDesired: (d: D) => string) {
  const pool = new Map<string, E[]>();
  for (const row of existing) pool.set(keyOfExisting(row), [...(pool.get(keyOfExisting(row)) ?? []), row]);
  const matched: [E, D][] = [];
  const toCreate: D[] = [];
  for (const row of desired) {
    const candidate = pool.get(keyOfDesired(row))?.shift();
    if (candidate === undefined) toCreate.push(row);
    else matched.push([candidate, row]);
  }
  return { matched, toCreate, toRemove: [...pool.values()].flat() };
}

const phaseKey = (p: { phase: string; startDate: Date; endDate: Date | null; comment: string | null }) =>
  [p.phase, isoDay(p.startDate), p.endDate ? isoDay(p.endDate) : "", p.comment ?? ""].join("|");
const eventKey = (e: { kind: string; date: Date; comment: string | null }) => [e.kind, isoDay(e.date), e.comment ?? ""].join("|");

// ---------- Committee outcomes ----------

const MOVE = /\b(?:passage|lancement|passe|entree)\s+en\s+(?:phase\s+(?:de\s+|d['’]\s*)?)?(construction|acceleration|consolidation|perennisation|transfert)\b/;
const STOP = /\bno[\s-]?go\b|\barret\b|\babandon\b/;
const MOVE_TARGETS: Record<string, Phase> = {
  construction: "construction",
  acceleration: "acceleration",
  consolidation: "consolidation",
  perennisation: "consolidation",
  transfert: "transfere",
};

/**
 * The decision a committee event's comment states plainly, or null (outcome unknown). Conservative:
 * only a named move to a phase ("passage en construction", "lancement en phase d'accélération") or a
 * stop ("no go", "arrêt", "abandon"), and only when the product's history does contain that phase: a
 * comment announcing a move the history never shows is not taken as a decision.
 */
export function committeeOutcome(
  comment: string | null,
  date: Date,
  history: readonly PhaseRecord[],
): { outcome: Outcome; targetPhase: Phase } | null {
  if (!comment) return null;
  const plain = comment.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  const move = MOVE.exec(plain);
  const stop = STOP.test(plain);
  if (move && !stop) {
    const target = MOVE_TARGETS[move[1] ?? ""];
    return target && history.some((e) => e.phase === target) ? { outcome: "next_phase", targetPhase: target } : null;
  }
  if (stop && !move) {
    // A history may hold both stops (an investigation stopped, then a later product): the one nearest
    // to the committee is the one it decided.
    const distance = (e: PhaseRecord) => Math.abs(e.startDate.getTime() - date.getTime());
    const [ended] = history
      .filter((e) => e.phase === "abandon" || e.phase === "abandon-investigation")
      .sort((a, b) => distance(a) - distance(b));
    return ended ? { outcome: "stop", targetPhase: ended.phase } : null;
  }
  return null;
}

// ---------- Planning ----------

const zeroCounts = (): Counts => ({ created: 0, updated: 0, unchanged: 0, removed: 0, skipped: 0 });

const SKIP_KINDS: Record<string, ReportKind> = {
  _organisations: "organisations",
  _incubators: "incubators",
  _startups: "products",
};

/** The plan that brings the database in line with `parsed`; `newId` names the rows to create. */
export function planImport(parsed: ParsedFolder, state: CurrentState, newId: () => string): ImportPlan {
  const counts = Object.fromEntries(REPORT_KINDS.map((kind) => [kind, zeroCounts()])) as Record<ReportKind, Counts>;
  const issues = [...parsed.issues];
  for (const issue of parsed.issues) {
    const kind = SKIP_KINDS[issue.file.split("/")[0] ?? ""];
    if (issue.severity === "skipped" && kind) counts[kind].skipped += 1;
  }
  const plan: ImportPlan = {
    organisations: { create: [], update: [] },
    incubators: { create: [], update: [] },
    products: { create: [], update: [] },
    coIncubations: { create: [] },
    sponsors: { create: [] },
    phases: { create: [], remove: [] },
    events: { create: [], remove: [], link: [] },
    sessions: { create: [] },
    agendaItems: { create: [] },
    decisions: { create: [] },
    report: { counts, issues, ignoredFields: parsed.ignoredFields, changed: false },
  };

  const organisationIds = new Map(state.organisations.map((o) => [o.slug, o.id]));
  for (const record of parsed.organisations) planOrganisation(record, state, plan, organisationIds, newId);

  const incubatorIds = new Map(state.incubators.map((i) => [i.slug, i.id]));
  for (const record of parsed.incubators) planIncubator(record, state, plan, { organisationIds, incubatorIds }, newId);

  const sessions = new Sessions(state.sessions, plan, newId);
  for (const record of parsed.startups) {
    planProduct(record, state, plan, { organisationIds, incubatorIds, sessions }, newId);
  }

  plan.report.changed = REPORT_KINDS.some((kind) => counts[kind].created + counts[kind].updated + counts[kind].removed > 0);
  return plan;
}

function planOrganisation(
  record: OrganisationRecord,
  state: CurrentState,
  plan: ImportPlan,
  organisationIds: Map<string, string>,
  newId: () => string,
) {
  const existing = state.organisations.find((o) => o.slug === record.slug);
  const row: OrganisationRow = { id: existing?.id ?? newId(), ...pick(record, ["slug", ...ORGANISATION_FIELDS]) };
  organisationIds.set(record.slug, row.id);
  const counts = plan.report.counts.organisations;
  if (!existing) {
    plan.organisations.create.push(row);
    counts.created += 1;
  } else if (!sameFields(existing, row, ORGANISATION_FIELDS)) {
    plan.organisations.update.push(row);
    counts.updated += 1;
  } else counts.unchanged += 1;
}

function planIncubator(
  record: IncubatorRecord,
  state: CurrentState,
  plan: ImportPlan,
  ids: { organisationIds: Map<string, string>; incubatorIds: Map<string, string> },
  newId: () => string,
) {
  const counts = plan.report.counts.incubators;
  if (!INCUBATOR_SLUG.test(record.slug)) {
    plan.report.issues.push({ file: record.file, severity: "skipped", message: `identifiant « ${record.slug} » invalide pour Jalon : incubateur ignoré` });
    counts.skipped += 1;
    return;
  }
  const existing = state.incubators.find((i) => i.slug === record.slug);
  let ownerOrganisationId = record.ownerSlug === null ? null : (ids.organisationIds.get(record.ownerSlug) ?? null);
  if (record.ownerSlug !== null && ownerOrganisationId === null) {
    plan.report.issues.push({
      file: record.file,
      severity: "anomaly",
      message: `organisation porteuse « ${record.ownerSlug} » inexistante : ${existing?.ownerOrganisationId ? "porteuse actuelle conservée" : "incubateur sans porteuse"}`,
    });
    ownerOrganisationId = existing?.ownerOrganisationId ?? null;
  }
  const row: IncubatorRow = {
    id: existing?.id ?? newId(),
    slug: record.slug,
    name: record.name,
    description: record.description,
    website: record.website,
    ownerOrganisationId,
  };
  ids.incubatorIds.set(record.slug, row.id);
  if (!existing) {
    plan.incubators.create.push(row);
    counts.created += 1;
  } else if (!sameFields(existing, row, INCUBATOR_FIELDS)) {
    plan.incubators.update.push(row);
    counts.updated += 1;
  } else counts.unchanged += 1;
}

/** The past sessions of the run: the ones earlier runs created, and the ones this run adds. */
class Sessions {
  private readonly byKey = new Map<
    string,
    { id: string; nextPosition: number; products: Set<string>; decided: Set<string>; counted: boolean }
  >();

  constructor(
    existing: readonly SessionState[],
    private readonly plan: ImportPlan,
    private readonly newId: () => string,
  ) {
    for (const s of existing) {
      this.byKey.set(Sessions.key(s.incubatorId, parisDay(s.startsAt)), {
        id: s.id,
        nextPosition: Math.max(-1, ...s.agenda.map((a) => a.position)) + 1,
        products: new Set(s.agenda.map((a) => a.productId)),
        decided: new Set(s.decidedProductIds),
        counted: false,
      });
    }
  }

  private static key(incubatorId: string, date: Date): string {
    return `${incubatorId}|${isoDay(date)}`;
  }

  /** The session of `incubatorId` on `date`, with `productId` on its agenda; created when missing. */
  attend(incubatorId: string, date: Date, productId: string) {
    const key = Sessions.key(incubatorId, date);
    let session = this.byKey.get(key);
    const counts = this.plan.report.counts;
    if (!session) {
      // The hour is unknown: the session is set at the start of its day, in Paris time.
      const startsAt = parseParisDateTime(`${isoDay(date)}T00:00`) ?? date;
      session = { id: this.newId(), nextPosition: 0, products: new Set(), decided: new Set(), counted: true };
      this.byKey.set(key, session);
      this.plan.sessions.create.push({ id: session.id, incubatorId, title: IMPORTED_SESSION_TITLE, startsAt });
      counts.sessions.created += 1;
    } else if (!session.counted) {
      session.counted = true;
      counts.sessions.unchanged += 1;
    }
    if (session.products.has(productId)) counts.agendaItems.unchanged += 1;
    else {
      session.products.add(productId);
      this.plan.agendaItems.create.push({ sessionId: session.id, productId, position: session.nextPosition });
      session.nextPosition += 1;
      counts.agendaItems.created += 1;
    }
    return { id: session.id, decided: session.decided };
  }
}

function planProduct(
  record: StartupRecord,
  state: CurrentState,
  plan: ImportPlan,
  ids: { organisationIds: Map<string, string>; incubatorIds: Map<string, string>; sessions: Sessions },
  newId: () => string,
) {
  const { counts, issues } = plan.report;
  const skip = (message: string) => {
    issues.push({ file: record.file, severity: "skipped", message });
    counts.products.skipped += 1;
    counts.phases.skipped += record.phases.length;
    counts.events.skipped += record.events.length;
  };
  const anomaly = (message: string) => issues.push({ file: record.file, severity: "anomaly", message });
  if (!SLUG_PATTERN.test(record.slug)) return skip(`identifiant « ${record.slug} » invalide pour une adresse Jalon : produit ignoré`);
  const primaryIncubatorId = ids.incubatorIds.get(record.incubatorSlug);
  if (primaryIncubatorId === undefined) {
    return skip(`incubateur « ${record.incubatorSlug} » inexistant : produit ignoré (importez ou créez d'abord l'incubateur)`);
  }

  const aliased = state.slugAliases.find((a) => a.slug === record.slug)?.productId;
  const existing = state.products.find((p) => p.slug === record.slug || p.id === aliased);
  const row: ProductRow = {
    id: existing?.id ?? newId(),
    // A product renamed in Jalon keeps its new slug; the network's id stays an alias of it.
    slug: existing?.slug ?? record.slug,
    ...pick(record, PRODUCT_FIELDS),
    isPublic: true,
    primaryIncubatorId,
  };
  let changed = !existing || !sameFields(existing, row, PRODUCT_ROW_FIELDS);

  for (const slug of record.coIncubatorSlugs) {
    const incubatorId = ids.incubatorIds.get(slug);
    if (incubatorId === undefined) {
      anomaly(`co-incubateur « ${slug} » inexistant : lien ignoré`);
      counts.coIncubations.skipped += 1;
    } else if (existing?.coIncubatorIds.includes(incubatorId) || incubatorId === existing?.primaryIncubatorId) {
      counts.coIncubations.unchanged += 1;
    } else {
      plan.coIncubations.create.push({ productId: row.id, incubatorId });
      counts.coIncubations.created += 1;
      changed = true;
    }
  }

  for (const slug of record.sponsorSlugs) {
    const organisationId = ids.organisationIds.get(slug);
    if (organisationId === undefined) {
      anomaly(`sponsor « ${slug} » inexistant : lien ignoré`);
      counts.sponsors.skipped += 1;
    } else if (existing?.sponsorIds.includes(organisationId)) counts.sponsors.unchanged += 1;
    else {
      plan.sponsors.create.push({ productId: row.id, organisationId });
      counts.sponsors.created += 1;
      changed = true;
    }
  }

  const phases = matchByKey(existing?.phases ?? [], record.phases, phaseKey, phaseKey);
  counts.phases.unchanged += phases.matched.length;
  counts.phases.removed += phases.toRemove.length;
  counts.phases.created += phases.toCreate.length;
  plan.phases.remove.push(...phases.toRemove.map((p) => p.id));
  plan.phases.create.push(...phases.toCreate.map((p) => ({ id: newId(), productId: row.id, ...p })));
  changed ||= phases.toRemove.length + phases.toCreate.length > 0;

  const desiredEvents = record.events.map((event) => ({ ...event, sessionId: committeeSession(event, record, row, ids.sessions, plan) }));
  const events = matchByKey(existing?.events ?? [], desiredEvents, eventKey, eventKey);
  for (const [current, wanted] of events.matched) {
    if (current.sessionId === wanted.sessionId) counts.events.unchanged += 1;
    else if (wanted.sessionId !== null) {
      plan.events.link.push({ id: current.id, sessionId: wanted.sessionId });
      counts.events.updated += 1;
      changed = true;
    } else counts.events.unchanged += 1;
  }
  counts.events.removed += events.toRemove.length;
  counts.events.created += events.toCreate.length;
  plan.events.remove.push(...events.toRemove.map((e) => e.id));
  plan.events.create.push(...events.toCreate.map((e) => ({ id: newId(), productId: row.id, ...e })));
  changed ||= events.toRemove.length + events.toCreate.length > 0;

  if (!existing) {
    plan.products.create.push(row);
    counts.products.created += 1;
  } else if (changed) {
    plan.products.update.push(row);
    counts.products.updated += 1;
  } else counts.products.unchanged += 1;
}

/** The session a committee event belongs to (null for other events), with its decision if stated. */
function committeeSession(
  event: { kind: EventKind; date: Date; comment: string | null },
  record: StartupRecord,
  product: ProductRow,
  sessions: Sessions,
  plan: ImportPlan,
): string | null {
  if (event.kind !== "committee") return null;
  const session = sessions.attend(product.primaryIncubatorId, event.date, product.id);
  const decision = committeeOutcome(event.comment, event.date, record.phases);
  const counts = plan.report.counts.decisions;
  if (decision === null || event.comment === null) return session.id;
  if (session.decided.has(product.id)) counts.unchanged += 1;
  else {
    session.decided.add(product.id);
    plan.decisions.create.push({ productId: product.id, sessionId: session.id, ...decision, decidedOn: event.date, rationale: event.comment });
    counts.created += 1;
  }
  return session.id;
}

function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, source[key]])) as Pick<T, K>;
}
