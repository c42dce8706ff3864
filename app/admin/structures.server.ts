// Ministries, organisations and incubators: the lists platform admins keep, and their saving. Each
// save is audited in the same transaction; a slug already taken is a field error, never a 500.
import { recordAudit } from "~/audit/audit-log.server";
import { notFound } from "~/auth/viewer.server";
import { db } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { organisationName } from "~/ui/organisation-name";
import { asFormValues, type FieldErrors, type FormValues } from "./form-parsing";
import type { IncubatorInput, MinistryInput, OrganisationInput } from "./structure-forms";

type Tx = Prisma.TransactionClient;

export type SaveResult = { ok: true; id: string } | { ok: false; errors: FieldErrors };

type StructureInput = MinistryInput | OrganisationInput | IncubatorInput;

/** A form's optional fields as columns: left empty, they clear the column. */
type Columns<T> = { [K in keyof T]-?: undefined extends T[K] ? Exclude<T[K], undefined> | null : T[K] };

function columns<T extends StructureInput>(input: T): Columns<T> {
  return Object.fromEntries(Object.entries(input).map(([key, value]) => [key, value ?? null])) as Columns<T>;
}

const SLUG_TAKEN = "Cet identifiant est déjà utilisé : choisissez-en un autre.";

/** Lists are read when the page opens; a ministry or organisation chosen then may be gone since. */
async function missingReferences(
  tx: Tx,
  refs: { ministryId?: string; ownerOrganisationId?: string; [field: string]: unknown },
): Promise<FieldErrors> {
  const [ministry, organisation] = await Promise.all([
    refs.ministryId ? tx.ministry.findUnique({ where: { id: refs.ministryId }, select: { id: true } }) : true,
    refs.ownerOrganisationId
      ? tx.organisation.findUnique({ where: { id: refs.ownerOrganisationId }, select: { id: true } })
      : true,
  ]);
  const errors: FieldErrors = {};
  if (!ministry) errors.ministryId = ["Ce ministère n'existe plus : choisissez-en un autre."];
  if (!organisation) errors.ownerOrganisationId = ["Cette organisation n'existe plus : choisissez-en une autre."];
  return errors;
}

/**
 * Creates (`id` null) or updates one structure and records it in the audit log. Slugs are the only
 * unique columns of these tables besides ids, so a unique violation means the slug is taken; it is
 * caught rather than checked first so that two admins saving at once cannot slip past each other.
 */
async function saveStructure<T extends StructureInput>(
  actorId: string,
  entityType: "Ministry" | "Organisation" | "Incubator",
  id: string | null,
  input: T,
  write: (tx: Tx, data: Columns<T>) => Promise<{ id: string }>,
): Promise<SaveResult> {
  try {
    return await db().$transaction(async (tx): Promise<SaveResult> => {
      const errors = await missingReferences(tx, input);
      if (Object.keys(errors).length > 0) return { ok: false, errors };
      const written = await write(tx, columns(input));
      const action = `${entityType.toLowerCase()}.${id ? "updated" : "created"}`;
      await recordAudit(tx, { actorId, action, entityType, entityId: written.id, data: input });
      return { ok: true, id: written.id };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false, errors: { slug: [SLUG_TAKEN] } };
    }
    // The record was deleted since its page was opened.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") throw notFound();
    throw error;
  }
}

const idOnly = { id: true } as const;

// ---------- Ministries ----------

export function listMinistries() {
  return db().ministry.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      slug: true,
      name: true,
      shortName: true,
      _count: { select: { organisations: true, incubators: true } },
    },
  });
}

export async function ministryFormValues(id: string): Promise<FormValues | null> {
  const ministry = await db().ministry.findUnique({
    where: { id },
    select: { slug: true, name: true, shortName: true },
  });
  return ministry && asFormValues(ministry);
}

export function saveMinistry(actorId: string, id: string | null, input: MinistryInput) {
  return saveStructure(actorId, "Ministry", id, input, (tx, data) =>
    id ? tx.ministry.update({ where: { id }, data, select: idOnly }) : tx.ministry.create({ data, select: idOnly }),
  );
}

/** The choices of the "ministry" fields. */
export async function ministryOptions() {
  const ministries = await db().ministry.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
  return ministries.map((m) => ({ value: m.id, label: m.name }));
}

// ---------- Organisations ----------

export function listOrganisations() {
  return db().organisation.findMany({
    orderBy: { name: "asc" },
    select: { id: true, slug: true, name: true, acronym: true, type: true, ministry: { select: { shortName: true } } },
  });
}

export async function organisationFormValues(id: string): Promise<FormValues | null> {
  const organisation = await db().organisation.findUnique({
    where: { id },
    select: { slug: true, name: true, acronym: true, type: true, ministerialDomain: true, ministryId: true },
  });
  return organisation && asFormValues(organisation);
}

export function saveOrganisation(actorId: string, id: string | null, input: OrganisationInput) {
  return saveStructure(actorId, "Organisation", id, input, (tx, data) =>
    id
      ? tx.organisation.update({ where: { id }, data, select: idOnly })
      : tx.organisation.create({ data, select: idOnly }),
  );
}

/** The choices of the "owner organisation" field. */
export async function organisationOptions() {
  const organisations = await db().organisation.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, acronym: true },
  });
  return organisations.map((o) => ({ value: o.id, label: organisationName(o) }));
}

// ---------- Incubators ----------

export function listIncubators() {
  return db().incubator.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      slug: true,
      name: true,
      reviewIntervalMonths: true,
      ministry: { select: { shortName: true } },
      ownerOrganisation: { select: { name: true, acronym: true } },
    },
  });
}

export async function incubatorFormValues(id: string): Promise<FormValues | null> {
  const incubator = await db().incubator.findUnique({
    where: { id },
    select: {
      slug: true,
      name: true,
      description: true,
      website: true,
      ministryId: true,
      ownerOrganisationId: true,
      reviewIntervalMonths: true,
    },
  });
  return incubator && asFormValues(incubator);
}

export function saveIncubator(actorId: string, id: string | null, input: IncubatorInput) {
  return saveStructure(actorId, "Incubator", id, input, (tx, data) =>
    id ? tx.incubator.update({ where: { id }, data, select: idOnly }) : tx.incubator.create({ data, select: idOnly }),
  );
}
