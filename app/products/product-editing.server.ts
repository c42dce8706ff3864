// Creating and editing products. Every save runs in one transaction with its audit rows.
//
// Edits use optimistic locking: a form names the `version` it was loaded at, and the update only
// applies `where {id, version}` while incrementing it. A form loaded before someone else's save is
// refused (409), never applied over it. What changed in between is read back from the audit journal,
// where every `product.updated` row holds each changed field's value before and after: no copy of
// the form's starting values needs to travel with the form.
import { redirect } from "@remix-run/node";
import { z } from "zod";
import type { FieldErrors, FormValues } from "~/admin/form-parsing";
import { organisationOptions } from "~/admin/structures.server";
import { recordAudit } from "~/audit/audit-log.server";
import { can } from "~/auth/permissions";
import { notFound, requirePermission, requireViewer, signInRedirect } from "~/auth/viewer.server";
import { isoDay, today } from "~/domain/days";
import { ACCESSIBILITY_STATUS_LABELS } from "~/domain/labels";
import { db } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { organisationName } from "~/ui/organisation-name";
import {
  ALL_FIELDS,
  PRODUCT_FIELD_NAMES,
  PROFILE_FIELDS,
  PROFILE_SELECT,
  productFormValues,
  type ConflictRow,
  type NewProduct,
  type ProductEdit,
  type ProductField,
  type ProductState,
  type ProfileEdit,
} from "./product-form";
import { requireProductPermission } from "./product-access.server";
import { keepFormerSlug, lockSlugs, renamedTo, slugUnavailable } from "./product-slugs.server";

type Tx = Prisma.TransactionClient;
type Client = Tx | ReturnType<typeof db>;

/** "full": the incubator's staff and platform admins; "profile": the team. */
export type EditAccess = "full" | "profile";

/**
 * The product an edit page works on, and how much of it this person may change. The public is sent
 * to sign in; a product one may not read is a 404, one that one reads but may not edit a 403. A
 * former slug is answered with a redirection to the current address (`formerSlug: "redirect"`, for
 * pages), or followed (`"follow"`, for a form posted while someone renamed the product).
 */
export async function requireProductEditor(request: Request, slug: string, formerSlug: "redirect" | "follow") {
  const viewer = await requireViewer(request);
  const current = await renamedTo(viewer, slug);
  if (current && formerSlug === "redirect") throw redirect(`/produits/${current}/modifier`, 301);
  const { product, scope } = await requireProductPermission(request, current ?? slug, "product.editProfile");
  const access: EditAccess = can(viewer, "product.edit", scope) ? "full" : "profile";
  return { viewer, product, access };
}

const mayChange = (access: EditAccess, field: ProductField) =>
  access === "full" || (PROFILE_FIELDS as readonly ProductField[]).includes(field);

// ---------- A product's state ----------

const stateSelect = {
  ...PROFILE_SELECT,
  name: true,
  slug: true,
  isPublic: true,
  version: true,
  primaryIncubatorId: true,
  sponsors: { select: { organisationId: true } },
  coIncubators: { select: { incubatorId: true } },
} satisfies Prisma.ProductSelect;

async function readState(client: Client, productId: string) {
  const { sponsors, coIncubators, version, primaryIncubatorId, ...columns } = await client.product.findUniqueOrThrow({
    where: { id: productId },
    select: stateSelect,
  });
  const state: ProductState = {
    ...columns,
    sponsorIds: sponsors.map((s) => s.organisationId).sort(),
    coIncubatorIds: coIncubators.map((c) => c.incubatorId).sort(),
  };
  return { state, version, primaryIncubatorId };
}

type Input = ProductEdit | ProfileEdit;

/** The state a form asks for: what the form holds, and the current values of what it may not change. */
function requestedState(current: ProductState, input: Input, access: EditAccess): ProductState {
  const requested = { ...current };
  for (const field of ALL_FIELDS) {
    if (!mayChange(access, field) || !(field in input)) continue;
    const value = (input as Record<string, unknown>)[field];
    Object.assign(requested, { [field]: Array.isArray(value) ? [...value].sort() : (value ?? null) });
  }
  return requested;
}

type FieldValue = ProductState[ProductField];

const sameValue = (a: FieldValue | undefined, b: FieldValue | undefined) =>
  Array.isArray(a) && Array.isArray(b) ? a.join(",") === b.join(",") : a === b;

function changedFields(before: ProductState, after: ProductState): ProductField[] {
  return ALL_FIELDS.filter((field) => !sameValue(before[field], after[field]));
}

/** The product's columns among `fields` (sponsors and co-incubators are rows of their own). */
function columns(state: ProductState, fields: readonly ProductField[]): Prisma.ProductUpdateManyMutationInput {
  const { sponsorIds: _sponsors, coIncubatorIds: _coIncubators, ...scalars } = state;
  return Object.fromEntries(Object.entries(scalars).filter(([field]) => fields.includes(field as ProductField)));
}

/** The organisations and incubators chosen in a form may have been deleted since it was loaded. */
async function checkChoices(
  tx: Tx,
  state: Pick<ProductState, "sponsorIds" | "coIncubatorIds">,
  primaryIncubatorId: string,
): Promise<FieldErrors> {
  const [organisations, incubators] = await Promise.all([
    tx.organisation.count({ where: { id: { in: state.sponsorIds } } }),
    tx.incubator.count({ where: { id: { in: state.coIncubatorIds } } }),
  ]);
  const errors: FieldErrors = {};
  if (organisations !== state.sponsorIds.length) {
    errors.sponsorIds = ["Une des organisations choisies n'existe pas ou plus : rechargez la page et choisissez à nouveau."];
  }
  if (state.coIncubatorIds.includes(primaryIncubatorId)) {
    errors.coIncubatorIds = ["L'incubateur principal du produit ne peut pas en être aussi co-incubateur."];
  } else if (incubators !== state.coIncubatorIds.length) {
    errors.coIncubatorIds = ["Un des incubateurs choisis n'existe pas ou plus : rechargez la page et choisissez à nouveau."];
  }
  return errors;
}

const hasErrors = (errors: FieldErrors) => Object.keys(errors).length > 0;

const isSlugTaken = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

const SLUG_TAKEN = "Cet identifiant est déjà utilisé : choisissez-en un autre.";

// ---------- The choices a form offers ----------

/** Organisations to sponsor, and incubators to co-incubate (all but the product's own). */
export async function productChoices(primaryIncubatorId: string) {
  const [organisations, incubators] = await Promise.all([
    organisationOptions(),
    db().incubator.findMany({
      where: { id: { not: primaryIncubatorId } },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    }),
  ]);
  return { organisations, incubators: incubators.map((i) => ({ value: i.id, label: i.name })) };
}

// ---------- Creating ----------

/** The incubator a product is created in (404 when unknown), and who may create it there. */
export async function requireProductCreator(request: Request, incubatorSlug: string) {
  const incubator = await db().incubator.findUnique({
    where: { slug: incubatorSlug },
    select: { id: true, slug: true, name: true },
  });
  if (!incubator) throw notFound();
  const viewer = await requirePermission(request, "product.create", { incubatorId: incubator.id });
  // requirePermission lets the public through only for public reads: never here.
  if (!viewer) throw signInRedirect(request);
  return { viewer, incubator };
}

/** The creation form's initial values: public (the network publishes its portfolio), investigation from today. */
export function newProductValues(): FormValues {
  return { accessibilityStatus: "inconnu", isPublic: "on", phaseStartDate: isoDay(today()) };
}

export type CreateResult = { ok: true; slug: string } | { ok: false; errors: FieldErrors };

/** Creates a product in its primary incubator, with its first phase (investigation), audited. */
export async function createProduct(actorId: string, incubatorId: string, input: NewProduct): Promise<CreateResult> {
  const { phaseStartDate, sponsorIds, coIncubatorIds, ...fields } = input;
  try {
    return await db().$transaction(async (tx): Promise<CreateResult> => {
      await lockSlugs(tx);
      const slugError = await slugUnavailable(tx, input.slug, null);
      const errors = { ...(slugError ? { slug: [slugError] } : {}), ...(await checkChoices(tx, input, incubatorId)) };
      if (hasErrors(errors)) return { ok: false, errors };
      const product = await tx.product.create({
        data: {
          ...fields,
          primaryIncubatorId: incubatorId,
          sponsors: { create: sponsorIds.map((organisationId) => ({ organisationId })) },
          coIncubators: { create: coIncubatorIds.map((id) => ({ incubatorId: id })) },
          phases: { create: { phase: "investigation", startDate: phaseStartDate, createdById: actorId } },
        },
        select: { id: true, slug: true },
      });
      await recordAudit(tx, {
        actorId,
        action: "product.created",
        entityType: "Product",
        entityId: product.id,
        data: {
          slug: product.slug,
          name: fields.name,
          primaryIncubatorId: incubatorId,
          coIncubatorIds,
          sponsorIds,
          isPublic: fields.isPublic,
          phase: "investigation",
          startDate: isoDay(phaseStartDate),
        },
      });
      return { ok: true, slug: product.slug };
    });
  } catch (error) {
    // Another writer that does not take the slug lock (an import) got there first.
    if (isSlugTaken(error)) return { ok: false, errors: { slug: [SLUG_TAKEN] } };
    throw error;
  }
}

// ---------- Editing ----------

/** The edit form: the product's values at its current version, and the lists to choose from. */
export async function productEditForm(productId: string, access: EditAccess) {
  const { state, version, primaryIncubatorId } = await readState(db(), productId);
  const [primaryIncubator, choices] = await Promise.all([
    db().incubator.findUniqueOrThrow({ where: { id: primaryIncubatorId }, select: { name: true } }),
    access === "full" ? productChoices(primaryIncubatorId) : null,
  ]);
  const fields = access === "full" ? ALL_FIELDS : PROFILE_FIELDS;
  return { values: productFormValues(state, version, fields), choices, primaryIncubator: primaryIncubator.name };
}

export type EditResult =
  | { kind: "saved"; slug: string; fields: ProductField[] }
  | { kind: "unchanged"; slug: string }
  | { kind: "refused"; errors: FieldErrors }
  | { kind: "conflict"; version: number; rows: ConflictRow[] };

/** How each `product.updated` row records the changes it made. */
const UpdateAuditSchema = z.object({
  fromVersion: z.number(),
  toVersion: z.number(),
  changes: z.record(z.string(), z.object({ before: z.unknown() })),
});

/** Saves an edit made from `input.version`, or refuses it when the product has changed since. */
export async function saveProductEdit(
  actorId: string,
  productId: string,
  access: EditAccess,
  input: ProductEdit | ProfileEdit,
): Promise<EditResult> {
  const result = await db()
    .$transaction((tx) => applyEdit(tx, actorId, productId, access, input))
    .catch((error: unknown) => {
      // Another writer that does not take the slug lock (an import) got there first.
      if (isSlugTaken(error)) return { kind: "refused" as const, errors: { slug: [SLUG_TAKEN] } };
      throw error;
    });
  if (result !== "stale") return result;
  return { kind: "conflict", ...(await describeConflict(productId, input, access)) };
}

async function applyEdit(
  tx: Tx,
  actorId: string,
  productId: string,
  access: EditAccess,
  input: ProductEdit | ProfileEdit,
): Promise<EditResult | "stale"> {
  const current = await readState(tx, productId);
  if (current.version !== input.version) return "stale";
  const requested = requestedState(current.state, input, access);
  const fields = changedFields(current.state, requested);
  if (fields.length === 0) return { kind: "unchanged", slug: current.state.slug };

  const renamed = fields.includes("slug");
  if (renamed) await lockSlugs(tx);
  const slugError = renamed ? await slugUnavailable(tx, requested.slug, productId) : null;
  const relinked = fields.includes("sponsorIds") || fields.includes("coIncubatorIds");
  const errors = {
    ...(slugError ? { slug: [slugError] } : {}),
    ...(relinked ? await checkChoices(tx, requested, current.primaryIncubatorId) : {}),
  };
  if (hasErrors(errors)) return { kind: "refused", errors };

  // Someone may have saved between the read above and this write: the version says so.
  const { count } = await tx.product.updateMany({
    where: { id: productId, version: input.version },
    data: { ...columns(requested, fields), version: { increment: 1 } },
  });
  if (count === 0) return "stale";

  if (relinked) await replaceLinks(tx, productId, current.state, requested);
  if (renamed) {
    await keepFormerSlug(tx, productId, current.state.slug, requested.slug);
    await recordAudit(tx, {
      actorId,
      action: "product.renamed",
      entityType: "Product",
      entityId: productId,
      data: { from: current.state.slug, to: requested.slug },
    });
  }
  await recordAudit(tx, {
    actorId,
    action: "product.updated",
    entityType: "Product",
    entityId: productId,
    data: {
      fromVersion: input.version,
      toVersion: input.version + 1,
      fields,
      changes: Object.fromEntries(
        fields.map((field) => [field, { before: current.state[field], after: requested[field] }]),
      ),
    },
  });
  return { kind: "saved", slug: requested.slug, fields };
}

/** Sponsors and co-incubators: rows removed and added, those kept untouched (with their dates). */
async function replaceLinks(tx: Tx, productId: string, before: ProductState, after: ProductState) {
  const diff = (was: string[], is: string[]) => ({
    removed: was.filter((id) => !is.includes(id)),
    added: is.filter((id) => !was.includes(id)),
  });
  const sponsors = diff(before.sponsorIds, after.sponsorIds);
  const coIncubators = diff(before.coIncubatorIds, after.coIncubatorIds);
  await tx.productSponsor.deleteMany({ where: { productId, organisationId: { in: sponsors.removed } } });
  await tx.productSponsor.createMany({ data: sponsors.added.map((organisationId) => ({ productId, organisationId })) });
  await tx.productIncubator.deleteMany({ where: { productId, incubatorId: { in: coIncubators.removed } } });
  await tx.productIncubator.createMany({ data: coIncubators.added.map((incubatorId) => ({ productId, incubatorId })) });
}

/**
 * What changed between the version a form was loaded at and now: for each field, its value then is
 * the `before` of the first audited change after that version.
 */
async function describeConflict(
  productId: string,
  input: ProductEdit | ProfileEdit,
  access: EditAccess,
): Promise<{ version: number; rows: ConflictRow[] }> {
  const [current, audits] = await Promise.all([
    readState(db(), productId),
    db().auditLog.findMany({
      where: { entityType: "Product", entityId: productId, action: "product.updated" },
      select: { data: true },
    }),
  ]);
  const started: Partial<Record<ProductField, FieldValue>> = {};
  audits
    .map((audit) => UpdateAuditSchema.safeParse(audit.data))
    .flatMap((parsed) => (parsed.success && parsed.data.toVersion > input.version ? [parsed.data] : []))
    .sort((a, b) => a.fromVersion - b.fromVersion)
    .forEach((audit) => {
      for (const [field, change] of Object.entries(audit.changes)) {
        if (ALL_FIELDS.includes(field as ProductField) && !(field in started)) {
          started[field as ProductField] = change.before as FieldValue;
        }
      }
    });
  const yours = requestedState(current.state, input, access);
  const changed = ALL_FIELDS.filter((field) => field in started && !sameValue(started[field], current.state[field]));
  const show = await valueFormatter([started, current.state, yours]);
  return {
    version: current.version,
    rows: changed.map((field) => ({
      field,
      label: PRODUCT_FIELD_NAMES[field],
      started: show(field, started[field]),
      current: show(field, current.state[field]),
      yours: mayChange(access, field) ? show(field, yours[field]) : null,
    })),
  };
}

/** Field values in words, organisations and incubators by their names. */
async function valueFormatter(states: Partial<Record<ProductField, FieldValue>>[]) {
  const ids = (field: "sponsorIds" | "coIncubatorIds") => [
    ...new Set(states.flatMap((state) => (Array.isArray(state[field]) ? state[field] : []))),
  ];
  const [organisations, incubators] = await Promise.all([
    db().organisation.findMany({ where: { id: { in: ids("sponsorIds") } }, select: { id: true, name: true, acronym: true } }),
    db().incubator.findMany({ where: { id: { in: ids("coIncubatorIds") } }, select: { id: true, name: true } }),
  ]);
  const names = new Map([
    ...organisations.map((o) => [o.id, organisationName(o)] as const),
    ...incubators.map((i) => [i.id, i.name] as const),
  ]);
  return (field: ProductField, value: FieldValue | undefined): string => {
    if (Array.isArray(value)) {
      const listed = value.map((id) => names.get(id) ?? "(supprimé)").sort((a, b) => a.localeCompare(b, "fr"));
      return listed.length === 0 ? "Aucun" : listed.join(", ");
    }
    if (typeof value === "boolean") return value ? "Oui" : "Non";
    if (field === "accessibilityStatus" && typeof value === "string" && value in ACCESSIBILITY_STATUS_LABELS) {
      return ACCESSIBILITY_STATUS_LABELS[value as keyof typeof ACCESSIBILITY_STATUS_LABELS];
    }
    return value === null || value === undefined || value === "" ? "Non renseigné" : value;
  };
}
