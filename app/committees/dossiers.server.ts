// A product's dossier for one committee session: who reaches it, its versions, drafting and
// submitting. Submitting freezes the whole content built at that moment into the version's snapshot;
// the committee reads snapshots only, so later changes to the product never alter what it read.
import { z } from "zod";
import { recordAudit } from "~/audit/audit-log.server";
import { can, type Actor, type ProductScope } from "~/auth/permissions";
import { forbidden, notFound, requireViewer, type Viewer } from "~/auth/viewer.server";
import { db } from "~/db.server";
import { lockProduct } from "~/products/product-access.server";
import { missingProductAnswer } from "~/products/product-slugs.server";
import { productScopeSelect, toProductScope } from "~/products/visibility.server";
import { readSnapshot, type DossierContent, type PreviousObjectives } from "./dossier-content";
import { buildDossierContent, previousObjectives, type DossierSession } from "./dossier-content.server";
import type { VersionMeta } from "./dossier-outline";
import {
  chosenVersion,
  dossierDeadline,
  readableVersions,
  submissionRefusal,
  versionToWrite,
  type SessionTiming,
} from "./dossier-rules";
import { EMPTY_SECTIONS, readSections, sameSections, type DossierForm, type DossierSections } from "./dossier-sections";

export interface DossierAccess {
  viewer: Viewer;
  session: DossierSession & SessionTiming;
  product: { id: string; slug: string; name: string };
  /** The team and the incubator's staff: they edit drafts, submit, and read drafts. */
  mayWrite: boolean;
}

const sessionSelect = {
  id: true,
  title: true,
  startsAt: true,
  dossierDeadline: true,
  status: true,
  closedAt: true,
  incubatorId: true,
  incubator: { select: { name: true } },
} as const;

/** The same page under a product's current slug. */
function samePageOf(request: Request, formerSlug: string, currentSlug: string): string {
  const url = new URL(request.url);
  const segment = `/dossiers/${encodeURIComponent(formerSlug)}`;
  return `${url.pathname.replace(segment, `/dossiers/${encodeURIComponent(currentSlug)}`)}${url.search}`;
}

/**
 * Who writes a product's dossier for a session (the team, the incubator's staff), and who reads it:
 * those, the committee, and whoever reads the product's internal data.
 */
function dossierRights(actor: Actor, product: ProductScope, session: { id: string; incubatorId: string }) {
  const mayWrite = can(actor, "dossier.write", product);
  const sessionScope = { sessionId: session.id, incubatorId: session.incubatorId };
  return { mayWrite, mayRead: mayWrite || can(actor, "session.read", sessionScope) || can(actor, "product.readInternal", product) };
}

/**
 * The door of a dossier: the public is sent to sign in; the product must be on the session's agenda.
 * Those who write the dossier (`dossier.write`), the committee (`session.read`) and those who read
 * the product's internal data may enter; anyone else gets a 404 when they may not even see the
 * product, else a 403.
 */
export async function requireDossierAccess(request: Request, sessionId: string, slug: string): Promise<DossierAccess> {
  const viewer = await requireViewer(request);
  if (!z.uuid().safeParse(sessionId).success) throw notFound();
  const [session, product] = await Promise.all([
    db().committeeSession.findUnique({ where: { id: sessionId }, select: sessionSelect }),
    db().product.findUnique({
      where: { slug },
      select: { ...productScopeSelect, slug: true, name: true, agendaItems: { where: { sessionId }, select: { id: true } } },
    }),
  ]);
  if (!session) throw notFound();
  if (!product) throw await missingProductAnswer(viewer, slug, (current) => samePageOf(request, slug, current));
  // A session reviews the products on its agenda: there is no dossier for any other.
  if (product.agendaItems.length === 0) throw notFound();
  const scope = toProductScope(product);
  const { mayRead, mayWrite } = dossierRights(viewer, scope, session);
  if (!mayRead) throw can(viewer, "product.read", scope) ? forbidden() : notFound();
  return { viewer, session, product: { id: product.id, slug: product.slug, name: product.name }, mayWrite };
}

/** The versions this person may read, latest first. */
export async function dossierVersions(access: DossierAccess) {
  const rows = await db().dossier.findMany({
    where: { productId: access.product.id, sessionId: access.session.id },
    select: {
      id: true,
      version: true,
      status: true,
      sections: true,
      updatedAt: true,
      submittedAt: true,
      submittedBy: { select: { name: true } },
    },
  });
  return readableVersions(rows, access.mayWrite);
}
export type DossierVersion = Awaited<ReturnType<typeof dossierVersions>>[number];

const VersionParamSchema = z.object({ version: z.coerce.number().int().positive().optional() });

/** The version named in the address (`?version=2`), if any; anything else than a version is a 404. */
export function askedVersion(request: Request): number | undefined {
  const parsed = VersionParamSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw notFound();
  return parsed.data.version;
}

const metaOf = (row: DossierVersion): VersionMeta => ({
  version: row.version,
  status: row.status,
  submittedAt: row.submittedAt,
  submittedBy: row.submittedBy?.name ?? null,
});

export interface ReadDossier {
  meta: VersionMeta;
  content: DossierContent;
  /** False for the first draft shown before anything is saved: no address names its version yet. */
  saved: boolean;
}

/**
 * The version asked for (else the latest this person may read): a submitted one as frozen, a draft
 * built from live data. Before anything is written, the team reads what a first draft would say.
 * Null when there is nothing this person may read.
 */
export async function readDossier(access: DossierAccess, asked: number | undefined, now: Date = new Date()): Promise<ReadDossier | null> {
  const versions = await dossierVersions(access);
  const chosen = chosenVersion(versions, asked);
  const build = (sections: DossierSections) => buildDossierContent(access.viewer, access.product.id, access.session, sections, now);
  if (!chosen) {
    if (asked !== undefined || !access.mayWrite) return null;
    const meta: VersionMeta = { version: 1, status: "draft", submittedAt: null, submittedBy: null };
    return { meta, content: await build(EMPTY_SECTIONS), saved: false };
  }
  if (chosen.status === "draft") return { meta: metaOf(chosen), content: await build(readSections(chosen.sections)), saved: true };
  const { snapshot } = await db().dossier.findUniqueOrThrow({ where: { id: chosen.id }, select: { snapshot: true } });
  return { meta: metaOf(chosen), content: readSnapshot(snapshot), saved: true };
}

/** What the team's form starts from: the latest version's sections, and the last committee's objectives. */
export async function dossierDraftForm(access: DossierAccess, versions: readonly DossierVersion[]) {
  const latest = versions[0] ?? null;
  const objectives: PreviousObjectives | null = await previousObjectives(access.product.id, access.session);
  return {
    sections: latest ? readSections(latest.sections) : EMPTY_SECTIONS,
    /** The version a save writes: the latest draft, or the next one. */
    version: latest && latest.status === "draft" ? latest.version : (latest?.version ?? 0) + 1,
    previousObjectives: objectives,
  };
}

export type SaveResult =
  | { kind: "refused"; message: string }
  | { kind: "unchanged"; version: number }
  | { kind: "saved"; version: number }
  | { kind: "submitted"; version: number };

/**
 * Saves the draft, or submits it: the content built now becomes the version's snapshot, with who
 * submitted it and when, in one transaction with its audit row. Nothing is written after the
 * deadline, nor once the session is over.
 */
export async function saveDossier(access: DossierAccess, form: DossierForm, now: Date = new Date()): Promise<SaveResult> {
  const { viewer, session, product } = access;
  const refused = submissionRefusal(session, now);
  if (refused) return { kind: "refused", message: refused };
  // Built before the transaction: the indicators are read through the app's own client, which an
  // open transaction would wait for on an embedded database.
  const content = form.intent === "submit" ? await buildDossierContent(viewer, product.id, session, form.sections, now) : null;

  return db().$transaction(async (tx): Promise<SaveResult> => {
    // Two saves of the same dossier take turns: each sees the version the other wrote.
    await lockProduct(tx, product.id);
    // The deadline may have moved since the page was read.
    const timing = await tx.committeeSession.findUniqueOrThrow({ where: { id: session.id }, select: sessionSelect });
    const refusal = submissionRefusal(timing, now);
    if (refusal) return { kind: "refused", message: refusal };
    const latest = await tx.dossier.findFirst({
      where: { productId: product.id, sessionId: session.id },
      orderBy: { version: "desc" },
      select: { id: true, version: true, status: true, sections: true },
    });
    if (!content && latest?.status === "submitted" && sameSections(readSections(latest.sections), form.sections)) {
      return { kind: "unchanged", version: latest.version };
    }
    const frozen = content ? { status: "submitted" as const, snapshot: content, submittedAt: now, submittedById: viewer.userId } : {};
    const target = versionToWrite(latest);
    const written =
      "update" in target
        ? await tx.dossier.update({
            where: { id: target.update.id },
            data: { sections: form.sections, ...frozen },
            select: { id: true, version: true },
          })
        : await tx.dossier.create({
            data: { productId: product.id, sessionId: session.id, version: target.create, sections: form.sections, ...frozen },
            select: { id: true, version: true },
          });
    if (!content) return { kind: "saved", version: written.version };
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "dossier.submitted",
      entityType: "Dossier",
      entityId: written.id,
      data: { productId: product.id, sessionId: session.id, version: written.version },
    });
    return { kind: "submitted", version: written.version };
  });
}

/**
 * The dossier of the product's next committee session, for a link from its page: the session, its
 * deadline and the latest version this person may read. Null without an upcoming session, or for
 * whoever may not read the dossier.
 */
export async function nextSessionDossier(actor: Actor | null, product: ProductScope, now: Date = new Date()) {
  if (!actor) return null;
  const session = await db().committeeSession.findFirst({
    where: { status: "planned", closedAt: null, startsAt: { gte: now }, agenda: { some: { productId: product.productId } } },
    orderBy: { startsAt: "asc" },
    select: { id: true, title: true, startsAt: true, dossierDeadline: true, incubatorId: true },
  });
  if (!session) return null;
  const { mayRead, mayWrite } = dossierRights(actor, product, session);
  if (!mayRead) return null;
  const latest = await db().dossier.findFirst({
    where: { productId: product.productId, sessionId: session.id, ...(mayWrite ? {} : { status: "submitted" as const }) },
    orderBy: { version: "desc" },
    select: { version: true, status: true, submittedAt: true },
  });
  const { id, title, startsAt } = session;
  return { sessionId: id, title, startsAt, deadline: dossierDeadline(session), mayWrite, latest };
}
