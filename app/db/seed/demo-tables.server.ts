// The tables the demo fills in bulk, with the columns it writes, and the order that satisfies their
// foreign keys.
import type { Prisma } from "~/generated/prisma/client";
import { bulkTable, insertRows, type BulkTable, type ColumnSpec, type Row } from "./bulk-insert.server";
import type { Db } from "./factories.server";

/** Listed parents first: inserting in this order never breaks a foreign key. */
export const DEMO_TABLES = {
  Incubator: bulkTable("Incubator", {
    id: "uuid",
    slug: "text",
    name: "text",
    description: "text",
    website: "text",
    ministryId: "uuid",
    ownerOrganisationId: "uuid",
    createdAt: "timestamp",
  }),
  User: bulkTable("User", { id: "uuid", email: "text", name: "text", createdAt: "timestamp", lastSeenAt: "timestamp" }),
  Product: bulkTable("Product", {
    id: "uuid",
    slug: "text",
    name: "text",
    pitch: "text",
    description: "text",
    websiteUrl: "text",
    repositoryUrl: "text",
    statsUrl: "text",
    budgetUrl: "text",
    accessibilityStatus: "AccessibilityStatus",
    securityApproach: "text",
    openSource: "bool",
    usesDsfr: "bool",
    isPublic: "bool",
    primaryIncubatorId: "uuid",
    createdAt: "timestamp",
    updatedAt: "timestamp",
  }),
  ProductIncubator: bulkTable("ProductIncubator", { productId: "uuid", incubatorId: "uuid" }),
  ProductSponsor: bulkTable("ProductSponsor", { productId: "uuid", organisationId: "uuid", since: "date" }),
  PhaseEntry: bulkTable("PhaseEntry", {
    id: "uuid",
    productId: "uuid",
    phase: "text",
    startDate: "date",
    endDate: "date",
    comment: "text",
    createdAt: "timestamp",
    createdById: "uuid",
  }),
  RoleAssignment: bulkTable("RoleAssignment", {
    id: "uuid",
    userId: "uuid",
    role: "Role",
    incubatorId: "uuid",
    productId: "uuid",
    organisationId: "uuid",
    isIntrapreneur: "bool",
    title: "text",
    startDate: "date",
    endDate: "date",
  }),
  Indicator: bulkTable("Indicator", {
    id: "uuid",
    productId: "uuid",
    matrixCode: "text",
    name: "text",
    description: "text",
    level: "ImpactLevel",
    kind: "IndicatorKind",
    unit: "text",
    direction: "Direction",
    frequency: "Frequency",
    source: "IndicatorSource",
    baselineValue: "float8",
    baselineDate: "date",
    createdAt: "timestamp",
  }),
  IndicatorTarget: bulkTable("IndicatorTarget", { id: "uuid", indicatorId: "uuid", value: "float8", dueDate: "date" }),
  IndicatorValue: bulkTable("IndicatorValue", {
    id: "uuid",
    indicatorId: "uuid",
    periodStart: "date",
    value: "float8",
    status: "ValueStatus",
    enteredById: "uuid",
    validatedById: "uuid",
    createdAt: "timestamp",
    updatedAt: "timestamp",
  }),
  IndicatorValueRevision: bulkTable("IndicatorValueRevision", {
    id: "uuid",
    valueId: "uuid",
    oldValue: "float8",
    newValue: "float8",
    reason: "text",
    changedById: "uuid",
    changedAt: "timestamp",
  }),
  CommitteeSession: bulkTable("CommitteeSession", {
    id: "uuid",
    incubatorId: "uuid",
    title: "text",
    startsAt: "timestamp",
    location: "text",
    videoUrl: "text",
    status: "SessionStatus",
    dossierDeadline: "timestamp",
    deliberationOpenedAt: "timestamp",
    closedAt: "timestamp",
    chairId: "uuid",
    createdAt: "timestamp",
  }),
  CommitteeMember: bulkTable("CommitteeMember", {
    id: "uuid",
    sessionId: "uuid",
    userId: "uuid",
    name: "text",
    seat: "CommitteeSeat",
    attended: "bool",
  }),
  AgendaItem: bulkTable("AgendaItem", {
    id: "uuid",
    sessionId: "uuid",
    productId: "uuid",
    position: "int4",
    presentationMinutes: "int4",
    questionsMinutes: "int4",
    deliberationMinutes: "int4",
  }),
  Vote: bulkTable("Vote", {
    id: "uuid",
    sessionId: "uuid",
    productId: "uuid",
    voterId: "uuid",
    choice: "Outcome",
    comment: "text",
    createdAt: "timestamp",
  }),
  Decision: bulkTable("Decision", {
    id: "uuid",
    productId: "uuid",
    sessionId: "uuid",
    outcome: "Outcome",
    targetPhase: "text",
    decidedOn: "date",
    budgetEuros: "numeric",
    nextReviewDate: "date",
    rationale: "text",
    publicRationale: "text",
    publishedAt: "timestamp",
    recordedById: "uuid",
    createdAt: "timestamp",
  }),
  DecisionCondition: bulkTable("DecisionCondition", {
    id: "uuid",
    decisionId: "uuid",
    description: "text",
    ownerName: "text",
    dueDate: "date",
    status: "ConditionStatus",
    resolvedAt: "timestamp",
  }),
  FundingEnvelope: bulkTable("FundingEnvelope", {
    id: "uuid",
    productId: "uuid",
    funderId: "uuid",
    amount: "numeric",
    startDate: "date",
    endDate: "date",
    origin: "FundingOrigin",
    status: "EnvelopeStatus",
    decisionId: "uuid",
    comment: "text",
    createdById: "uuid",
    createdAt: "timestamp",
    updatedAt: "timestamp",
  }),
  BudgetStatement: bulkTable("BudgetStatement", {
    id: "uuid",
    productId: "uuid",
    year: "int4",
    nature: "BudgetNature",
    revision: "int4",
    origin: "text",
    comment: "text",
    enteredById: "uuid",
    enteredAt: "timestamp",
    supersededAt: "timestamp",
  }),
  BudgetLine: bulkTable("BudgetLine", {
    id: "uuid",
    statementId: "uuid",
    activity: "text",
    resource: "text",
    committed: "numeric",
    paid: "numeric",
  }),
  AuditLog: bulkTable("AuditLog", {
    id: "uuid",
    at: "timestamp",
    actorId: "uuid",
    action: "text",
    entityType: "text",
    entityId: "text",
    reason: "text",
    data: "jsonb",
  }),
};

type DemoTables = typeof DEMO_TABLES;
type RowsOf<T> = T extends BulkTable<infer M, infer C> ? (C extends ColumnSpec<M> ? Array<Row<M, C>> : never) : never;

/** Rows waiting to be inserted, one list per table. */
export type DemoRows = { [K in keyof DemoTables]: RowsOf<DemoTables[K]> };
export type DemoRow<K extends keyof DemoTables> = RowsOf<DemoTables[K]>[number];

export function emptyRows(): DemoRows {
  return Object.fromEntries(Object.keys(DEMO_TABLES).map((name) => [name, []])) as unknown as DemoRows;
}

export type SeedCounts = Record<Exclude<Prisma.ModelName, "AppMeta">, number>;

/** Inserts every list in foreign-key order, adds to the counts and empties the lists. */
export async function insertDemoRows(db: Db, rows: DemoRows, counts: SeedCounts): Promise<void> {
  for (const name of Object.keys(DEMO_TABLES) as Array<keyof DemoTables>) {
    const list: ReadonlyArray<Record<string, unknown>> = rows[name];
    counts[name] += await insertRows(db, DEMO_TABLES[name], list);
    rows[name].length = 0;
  }
}
