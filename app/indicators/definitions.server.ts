// A product's indicators: the list grouped by level of the impact matrix, their definition (create,
// edit), archiving, and the one click that adds the matrix's mandatory indicators. Every change runs
// in one transaction with its audit row.
import type { FieldErrors, FormValues } from "~/admin/form-parsing";
import { recordAudit } from "~/audit/audit-log.server";
import { can, type Actor } from "~/auth/permissions";
import { notFound } from "~/auth/viewer.server";
import { db } from "~/db.server";
import { isoDay } from "~/domain/days";
import { compareIndicators, IMPACT_LEVELS, measuresImpact, missingMandatoryIndicators } from "~/domain/impact-matrix";
import { Prisma } from "~/generated/prisma/client";
import { productScopeSelect, toProductScope } from "~/products/visibility.server";
import { numberFieldText, targetField, type IndicatorInput } from "./indicator-form";
import { lockProduct } from "~/products/product-access.server";

type Tx = Prisma.TransactionClient;

/** An indicator's definition, as both the list and the form show it. */
const definitionSelect = {
  matrixCode: true,
  name: true,
  description: true,
  level: true,
  kind: true,
  unit: true,
  direction: true,
  frequency: true,
  source: true,
  baselineValue: true,
  baselineDate: true,
  isPublic: true,
  archivedAt: true,
  targets: { select: { value: true, dueDate: true }, orderBy: { dueDate: "asc" } },
} satisfies Prisma.IndicatorSelect;

const listSelect = {
  ...definitionSelect,
  id: true,
  values: { select: { periodStart: true, value: true, status: true }, orderBy: { periodStart: "desc" }, take: 1 },
} satisfies Prisma.IndicatorSelect;

/**
 * The indicators page of a product, or null when there is no such product or the actor may not read
 * it. Non-public and archived indicators are shown only to those who read the product's internals.
 */
export async function loadIndicatorList(actor: Actor | null, slug: string) {
  const product = await db().product.findUnique({ where: { slug }, select: { ...productScopeSelect, slug: true, name: true } });
  if (!product) return null;
  const scope = toProductScope(product);
  if (!can(actor, "product.read", scope)) return null;
  const internal = can(actor, "product.readInternal", scope);
  const mayWrite = can(actor, "indicator.write", scope);
  const indicators = await db().indicator.findMany({
    where: { productId: product.id, ...(internal ? {} : { isPublic: true, archivedAt: null }) },
    select: listSelect,
  });
  const rows = indicators
    .map(({ values, ...indicator }) => ({ ...indicator, latest: values[0] ?? null }))
    .sort(compareIndicators);
  const active = rows.filter((row) => row.archivedAt === null);
  return {
    product: { slug: product.slug, name: product.name },
    mayWrite,
    levels: IMPACT_LEVELS.map((level) => ({ level, indicators: active.filter((row) => row.level === level) })),
    archived: rows.filter((row) => row.archivedAt !== null),
    measuresImpact: measuresImpact(rows),
    missingMandatory: mayWrite ? missingMandatoryIndicators(rows.map((row) => row.matrixCode)).map((m) => m.name) : [],
  };
}

/** A new indicator's form: the usual choices made, one empty target row. */
export const NEW_INDICATOR_VALUES: FormValues = {
  name: "",
  description: "",
  level: "",
  kind: "impact",
  unit: "",
  direction: "higher_is_better",
  frequency: "monthly",
  source: "team",
  baselineValue: "",
  baselineDate: "",
  isPublic: "on",
  [targetField(0, "value")]: "",
  [targetField(0, "dueDate")]: "",
};

/** An indicator of the product as its form shows it, or null when the product has no such indicator. */
export async function loadIndicatorForm(productId: string, id: string) {
  const indicator = await db().indicator.findFirst({
    where: { id, productId },
    select: { ...definitionSelect, _count: { select: { values: true } } },
  });
  if (!indicator) return null;
  const { targets, _count, matrixCode, archivedAt, baselineValue, baselineDate, isPublic, ...fields } = indicator;
  // The saved targets, then an empty row to add one more.
  const targetValues = [...targets.map((t) => [numberFieldText(t.value), isoDay(t.dueDate)]), ["", ""]].flatMap(
    ([value, dueDate], row) => [
      [targetField(row, "value"), value],
      [targetField(row, "dueDate"), dueDate],
    ],
  );
  return {
    name: indicator.name,
    matrixCode,
    archivedAt,
    valueCount: _count.values,
    values: {
      ...fields,
      baselineValue: numberFieldText(baselineValue),
      baselineDate: baselineDate ? isoDay(baselineDate) : "",
      isPublic: isPublic ? "on" : "",
      ...Object.fromEntries(targetValues),
    } satisfies FormValues,
  };
}

export type SaveResult = { ok: true; id: string } | { ok: false; errors: FieldErrors };

const NAME_TAKEN = "Un autre indicateur de ce produit porte déjà ce nom : choisissez-en un autre.";

/** What the audit log keeps of a definition: its fields, dates as calendar days. */
function auditedDefinition(input: IndicatorInput): Prisma.InputJsonObject {
  return {
    ...input,
    baselineValue: input.baselineValue ?? null,
    baselineDate: input.baselineDate ? isoDay(input.baselineDate) : null,
    targets: input.targets.map((target) => ({ value: target.value, dueDate: isoDay(target.dueDate) })),
  };
}

/** An indicator of the product, or a 404 when the product has none with this id. */
async function ownIndicator(tx: Tx, productId: string, id: string) {
  const indicator = await tx.indicator.findFirst({
    where: { id, productId },
    select: { id: true, name: true, archivedAt: true, _count: { select: { values: true } } },
  });
  if (!indicator) throw notFound();
  return indicator;
}

/** Creates (`id` null) or updates an indicator of the product; its targets are replaced by the form's. */
export async function saveIndicator(actorId: string, productId: string, id: string | null, input: IndicatorInput): Promise<SaveResult> {
  const { targets, baselineValue, baselineDate, ...fields } = input;
  const columns = { ...fields, baselineValue: baselineValue ?? null, baselineDate: baselineDate ?? null };
  try {
    return await db().$transaction(async (tx): Promise<SaveResult> => {
      let written: { id: string };
      if (id === null) {
        written = await tx.indicator.create({
          data: { ...columns, productId, targets: { create: targets } },
          select: { id: true },
        });
      } else {
        await ownIndicator(tx, productId, id);
        written = await tx.indicator.update({
          where: { id },
          data: { ...columns, targets: { deleteMany: {}, create: targets } },
          select: { id: true },
        });
      }
      await recordAudit(tx, {
        actorId,
        action: id === null ? "indicator.created" : "indicator.updated",
        entityType: "Indicator",
        entityId: written.id,
        data: { productId, ...auditedDefinition(input) },
      });
      return { ok: true, id: written.id };
    });
  } catch (error) {
    // The only unique columns a form writes: (product, name). Caught rather than checked first, so
    // that two people saving at once cannot slip past each other.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false, errors: { name: [NAME_TAKEN] } };
    }
    throw error;
  }
}

/**
 * Stops following an indicator. One with values is archived (its history stays, for committees and
 * the public record); one that never had a value is deleted, since nothing would be lost.
 */
export async function removeIndicator(
  actorId: string,
  productId: string,
  id: string,
): Promise<{ outcome: "archived" | "deleted"; name: string }> {
  return db().$transaction(async (tx) => {
    const indicator = await ownIndicator(tx, productId, id);
    const outcome = indicator._count.values > 0 ? "archived" : "deleted";
    if (outcome === "archived") {
      if (indicator.archivedAt === null) await tx.indicator.update({ where: { id }, data: { archivedAt: new Date() } });
    } else {
      await tx.indicator.delete({ where: { id } });
    }
    await recordAudit(tx, {
      actorId,
      action: `indicator.${outcome}`,
      entityType: "Indicator",
      entityId: id,
      data: { productId, name: indicator.name },
    });
    return { outcome, name: indicator.name };
  });
}

/** Follows an archived indicator again; returns its name. */
export async function restoreIndicator(actorId: string, productId: string, id: string): Promise<string> {
  return db().$transaction(async (tx) => {
    const indicator = await ownIndicator(tx, productId, id);
    if (indicator.archivedAt === null) return indicator.name;
    await tx.indicator.update({ where: { id }, data: { archivedAt: null } });
    await recordAudit(tx, {
      actorId,
      action: "indicator.restored",
      entityType: "Indicator",
      entityId: id,
      data: { productId, name: indicator.name },
    });
    return indicator.name;
  });
}

export interface MandatoryResult {
  /** Names of the indicators created. */
  created: string[];
  /** Names of the product's own indicators recognised as mandatory ones (same name, no code yet). */
  linked: string[];
}

/**
 * Adds the matrix's mandatory indicators the product lacks (by matrix code, archived ones included:
 * an archived indicator is one the team chose to stop, not one it lacks). An indicator of the
 * product that already bears a mandatory indicator's name is that indicator: it gets the code rather
 * than a twin. Running it again changes nothing.
 */
export async function addMandatoryIndicators(actorId: string, productId: string): Promise<MandatoryResult> {
  return db().$transaction(async (tx) => {
    await lockProduct(tx, productId);
    const existing = await tx.indicator.findMany({ where: { productId }, select: { id: true, name: true, matrixCode: true } });
    const result: MandatoryResult = { created: [], linked: [] };
    for (const mandatory of missingMandatoryIndicators(existing.map((indicator) => indicator.matrixCode))) {
      const namesake = existing.find((indicator) => indicator.name === mandatory.name);
      if (namesake && namesake.matrixCode === null) {
        await tx.indicator.update({ where: { id: namesake.id }, data: { matrixCode: mandatory.matrixCode } });
        result.linked.push(mandatory.name);
      } else if (!namesake) {
        await tx.indicator.create({ data: { ...mandatory, productId } });
        result.created.push(mandatory.name);
      }
    }
    if (result.created.length + result.linked.length > 0) {
      await recordAudit(tx, {
        actorId,
        action: "indicator.mandatory_added",
        entityType: "Product",
        entityId: productId,
        data: { created: result.created, linked: result.linked },
      });
    }
    return result;
  });
}

/** The message after the one click: what was added, or that nothing was missing. */
export function mandatoryAddedMessage(result: MandatoryResult): string {
  const list = (names: string[]) => names.map((name) => `« ${name} »`).join(", ");
  const parts: string[] = [];
  if (result.created.length === 1) parts.push(`L'indicateur obligatoire ${list(result.created)} a été ajouté.`);
  if (result.created.length > 1) parts.push(`${result.created.length} indicateurs obligatoires ont été ajoutés : ${list(result.created)}.`);
  if (result.linked.length > 0) {
    parts.push(`Reconnus parmi les indicateurs du produit, qui portaient déjà leur nom : ${list(result.linked)}.`);
  }
  return parts.length > 0 ? parts.join(" ") : "Le produit suit déjà tous les indicateurs obligatoires de la matrice d'impact.";
}
