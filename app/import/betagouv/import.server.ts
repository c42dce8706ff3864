// `npm run import:betagouv -- <folder>`: reads the beta.gouv.fr `content/` folder, plans the changes
// against the database and applies them in ONE transaction, so that a failure leaves the database as
// it was. An unreadable file is not a failure: it is reported and the rest is imported (decision
// record 015).
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { recordAudit } from "~/audit/audit-log.server";
import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { ImportSourceError, parseFolder, parseStartupsJson, RECORD_FOLDERS, type ParsedFolder, type SourceFile } from "./betagouv-format";
import { IMPORTED_SESSION_TITLE, planImport, type CurrentState, type ImportPlan, type ImportReport } from "./betagouv-plan";

type Tx = Prisma.TransactionClient;

/** Generous: PGlite writes a whole network (hundreds of products) in one transaction. */
const IMPORT_TRANSACTION = { maxWait: 60_000, timeout: 30 * 60_000 };

/** The steps of `applyPlan`, in order; `onStep` hears each one once it is written. */
export type ImportStep = keyof Omit<ImportPlan, "report">;

export interface ImportOptions {
  /** Called after each step, inside the transaction: progress for the script; throwing aborts everything. */
  onStep?: (step: ImportStep) => void | Promise<void>;
}

export type Source = { kind: "folder"; root: string } | { kind: "json"; file: string };

/**
 * What `source` is: the network's JSON export (a `.json` file), a `content/` folder (it holds
 * `_startups`) or a clone of the repository (its `content/` does).
 */
export function locateSource(source: string): Source {
  if (source.endsWith(".json") && existsSync(source)) return { kind: "json", file: source };
  for (const candidate of [source, path.join(source, "content")]) {
    if (existsSync(path.join(candidate, RECORD_FOLDERS.startup))) return { kind: "folder", root: candidate };
  }
  throw new ImportSourceError(
    `« ${source} » n'est ni un dossier content/ de beta.gouv.fr (il ne contient ni _startups/ ni content/_startups/) ni un export startups.json.`,
  );
}

/** The files of the folders Jalon reads, with their paths relative to `content/`. */
async function readFolder(root: string): Promise<SourceFile[]> {
  const files: SourceFile[] = [];
  for (const sub of Object.values(RECORD_FOLDERS)) {
    const dir = path.join(root, sub);
    if (!existsSync(dir)) continue;
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (!entry.isFile()) continue;
      files.push({ path: `${sub}/${entry.name}`, text: await readFile(path.join(dir, entry.name), "utf8") });
    }
  }
  return files;
}

async function readSource(source: string): Promise<ParsedFolder> {
  const located = locateSource(source);
  if (located.kind === "json") return parseStartupsJson(await readFile(located.file, "utf8"), path.basename(located.file));
  return parseFolder(await readFolder(located.root));
}

/** Imports the folder (or JSON export); returns what was created, updated, left unchanged or skipped, and why. */
export async function importBetagouv(source: string, options: ImportOptions = {}): Promise<ImportReport> {
  const parsed = await readSource(source);
  return db().$transaction(async (tx) => {
    const slugs = parsed.startups.map((s) => s.slug);
    const plan = planImport(parsed, await loadState(tx, slugs), randomUUID);
    await applyPlan(tx, plan, options.onStep ?? (() => undefined));
    if (plan.report.changed) {
      await recordAudit(tx, {
        actorId: null,
        action: "import.betagouv",
        entityType: "Import",
        entityId: "beta.gouv.fr",
        data: { counts: plan.report.counts, issues: plan.report.issues.length },
      });
    }
    return plan.report;
  }, IMPORT_TRANSACTION);
}

async function loadState(tx: Tx, slugs: string[]): Promise<CurrentState> {
  // One after the other: a transaction holds one connection, which runs one query at a time.
  const organisations = await tx.organisation.findMany({ select: { id: true, slug: true, name: true, acronym: true, type: true, ministerialDomain: true } });
  const incubators = await tx.incubator.findMany({ select: { id: true, slug: true, name: true, description: true, website: true, ownerOrganisationId: true } });
  const slugAliases = await tx.productSlugAlias.findMany({ where: { slug: { in: slugs } }, select: { slug: true, productId: true } });
  const sessions = await tx.committeeSession.findMany({
    where: { title: IMPORTED_SESSION_TITLE },
    select: {
      id: true,
      incubatorId: true,
      startsAt: true,
      agenda: { select: { productId: true, position: true } },
      decisions: { select: { productId: true } },
    },
  });
  const products = await tx.product.findMany({
    where: { OR: [{ slug: { in: slugs } }, { id: { in: slugAliases.map((a) => a.productId) } }] },
    select: {
      id: true,
      slug: true,
      name: true,
      pitch: true,
      description: true,
      websiteUrl: true,
      repositoryUrl: true,
      statsUrl: true,
      budgetUrl: true,
      accessibilityStatus: true,
      isPublic: true,
      primaryIncubatorId: true,
      coIncubators: { select: { incubatorId: true } },
      sponsors: { select: { organisationId: true } },
      phases: {
        where: { createdById: null },
        select: { id: true, productId: true, phase: true, startDate: true, endDate: true, comment: true },
      },
      events: {
        where: { createdById: null },
        select: { id: true, productId: true, kind: true, date: true, comment: true, sessionId: true },
      },
    },
  });
  return {
    organisations,
    incubators,
    slugAliases,
    sessions: sessions.map(({ decisions, ...s }) => ({ ...s, decidedProductIds: decisions.map((d) => d.productId) })),
    products: products.map(({ coIncubators, sponsors, ...p }) => ({
      ...p,
      coIncubatorIds: coIncubators.map((c) => c.incubatorId),
      sponsorIds: sponsors.map((s) => s.organisationId),
    })),
  };
}

/** Writes the plan, in dependency order; every step is a few statements whatever the folder's size. */
async function applyPlan(tx: Tx, plan: ImportPlan, onStep: NonNullable<ImportOptions["onStep"]>) {
  await tx.organisation.createMany({ data: plan.organisations.create });
  for (const { id, ...data } of plan.organisations.update) await tx.organisation.update({ where: { id }, data });
  await onStep("organisations");

  await tx.incubator.createMany({ data: plan.incubators.create });
  for (const { id, ...data } of plan.incubators.update) await tx.incubator.update({ where: { id }, data });
  await onStep("incubators");

  await tx.product.createMany({ data: plan.products.create });
  // The slug stays: a product renamed in Jalon keeps its address. The version moves, so that an edit
  // form opened before the import is told the product changed.
  for (const { id, slug: _slug, ...data } of plan.products.update) {
    await tx.product.update({ where: { id }, data: { ...data, version: { increment: 1 } } });
  }
  await onStep("products");

  await tx.productIncubator.createMany({ data: plan.coIncubations.create });
  await onStep("coIncubations");
  await tx.productSponsor.createMany({ data: plan.sponsors.create });
  await onStep("sponsors");

  await tx.phaseEntry.deleteMany({ where: { id: { in: plan.phases.remove } } });
  await tx.phaseEntry.createMany({ data: plan.phases.create });
  await onStep("phases");

  await tx.committeeSession.createMany({
    data: plan.sessions.create.map((s) => ({ ...s, status: "held" as const, closedAt: s.startsAt })),
  });
  await onStep("sessions");
  await tx.agendaItem.createMany({ data: plan.agendaItems.create });
  await onStep("agendaItems");

  await tx.productEvent.deleteMany({ where: { id: { in: plan.events.remove } } });
  await tx.productEvent.createMany({ data: plan.events.create });
  for (const { id, sessionId } of plan.events.link) await tx.productEvent.update({ where: { id }, data: { sessionId } });
  await onStep("events");

  await tx.decision.createMany({
    data: plan.decisions.create.map(({ rationale, ...d }) => ({
      ...d,
      rationale,
      publicRationale: rationale,
      publishedAt: d.decidedOn,
    })),
  });
  await onStep("decisions");
}
