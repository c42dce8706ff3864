// Defining a product's indicators, called as Remix calls it (real Requests, signed-in cookies) against
// a real database: the list by level of the impact matrix, the form and its French refusals, archiving,
// and the one click that adds the matrix's mandatory indicators.
import { beforeAll, describe, expect, it } from "vitest";
import { assignRole, createIncubator, createIndicator, createOrganisation, createProduct, createUser } from "~/db/seed/factories.server";
import { MANDATORY_INDICATORS, measuresImpact, missingMandatoryIndicators } from "~/domain/impact-matrix";
import { productsWithoutImpactIndicator } from "~/indicators/coverage.server";
import { action as listAction, loader as listLoader } from "~/routes/produits.$slug_.indicateurs._index";
import { action as formAction, loader as formLoader } from "~/routes/produits.$slug_.indicateurs.$id";
import { setupTestDatabase } from "./support/db";
import { outcome, post, signIn, thrownStatus } from "./support/route-calls";
import { routeArgs } from "./support/routes";

const db = setupTestDatabase();

let product: { id: string; slug: string };
let publicProduct: { id: string; slug: string };
let coach: { id: string };
let cookies: { coach: string; intrapreneur: string; investor: string; outsider: string };

beforeAll(async () => {
  const incubator = await createIncubator(db());
  const elsewhere = await createIncubator(db());
  const funder = await createOrganisation(db());
  product = await createProduct(db(), { slug: "mesure-prive", primaryIncubatorId: incubator.id, isPublic: false, sponsorIds: [funder.id] });
  publicProduct = await createProduct(db(), { slug: "mesure-public", primaryIncubatorId: incubator.id });
  coach = await createUser(db(), { name: "Camille Coach" });
  await assignRole(db(), { userId: coach.id, role: "coach", incubatorId: incubator.id });
  const intrapreneur = await createUser(db());
  await assignRole(db(), { userId: intrapreneur.id, role: "team_member", productId: product.id, isIntrapreneur: true });
  const investor = await createUser(db());
  await assignRole(db(), { userId: investor.id, role: "investor", organisationId: funder.id });
  const outsider = await createUser(db());
  await assignRole(db(), { userId: outsider.id, role: "coach", incubatorId: elsewhere.id });
  cookies = {
    coach: await signIn(coach.id),
    intrapreneur: await signIn(intrapreneur.id),
    investor: await signIn(investor.id),
    outsider: await signIn(outsider.id),
  };
});

const path = (slug: string, id = "") => `/produits/${slug}/indicateurs${id ? `/${id}` : ""}`;

const VALID = {
  name: "Démarches abouties",
  description: "Démarches menées jusqu'au bout dans le mois.",
  level: "useful",
  kind: "impact",
  unit: "démarches",
  direction: "higher_is_better",
  frequency: "monthly",
  source: "team",
  baselineValue: "1 200,5",
  baselineDate: "2025-01-15",
  isPublic: "on",
  "targets.0.value": "2 000",
  "targets.0.dueDate": "2026-06-30",
  "targets.1.value": "",
  "targets.1.dueDate": "",
  "targets.2.value": "3,000.5",
  "targets.2.dueDate": "2026-12-31",
};

const save = (body: Record<string, string>, id = "nouveau", cookie: string = cookies.coach) =>
  formAction(post(path(product.slug, id), cookie, body, { slug: product.slug, id }));

async function writes() {
  return {
    indicators: await db().indicator.count(),
    targets: await db().indicatorTarget.count(),
    audit: await db().auditLog.count({ where: { action: { startsWith: "indicator." } } }),
  };
}

describe("defining an indicator", () => {
  it("creates one with its baseline and targets, numbers in either notation, audited", async () => {
    const result = outcome(await save(VALID));
    expect(result).toMatchObject({ status: 302, location: path(product.slug) });
    const indicator = await db().indicator.findUniqueOrThrow({
      where: { productId_name: { productId: product.id, name: "Démarches abouties" } },
      include: { targets: { orderBy: { dueDate: "asc" } } },
    });
    expect(indicator).toMatchObject({ level: "useful", kind: "impact", unit: "démarches", baselineValue: 1200.5, isPublic: true });
    expect(indicator.baselineDate?.toISOString()).toBe("2025-01-15T00:00:00.000Z");
    expect(indicator.targets.map((t) => [t.value, t.dueDate.toISOString().slice(0, 10)])).toEqual([
      [2000, "2026-06-30"],
      [3000.5, "2026-12-31"],
    ]);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "indicator.created", entityId: indicator.id } });
    expect(audit.actorId).toBe(coach.id);
  });

  it.each([
    ["a missing name", { name: "  " }, "name", "Indiquez le nom de l'indicateur."],
    ["a name already used by the product", { name: "Démarches abouties" }, "name", "Un autre indicateur de ce produit porte déjà ce nom : choisissez-en un autre."],
    ["a unit too long", { unit: "u".repeat(41) }, "unit", "Ce texte est trop long : 40 caractères au plus."],
    ["a target without a due date", { "targets.1.value": "2 500" }, "targets.1.dueDate", "Indiquez l'échéance de cette cible."],
    ["a target that is not a number", { "targets.0.value": "deux mille" }, "targets.0.value", expect.stringContaining("Saisissez un nombre")],
    ["a baseline dated before 2000", { baselineDate: "1999-12-31" }, "baselineDate", "Cette date est antérieure au 1er janvier 2000 : vérifiez l'année."],
    ["a baseline without its date", { baselineDate: "" }, "baselineDate", "Indiquez la date à laquelle la valeur de référence a été mesurée."],
    ["an unknown level", { level: "viral" }, "level", "Choisissez le niveau de la matrice d'impact."],
  ])("refuses %s (400), next to the field, and writes nothing", async (_case, change, field, message) => {
    const before = await writes();
    const result = outcome(await save({ ...VALID, name: "Autre indicateur", ...change }));
    expect(result.status).toBe(400);
    const { errors, values } = result.data as { errors: Record<string, string[]>; values: Record<string, string> };
    expect(errors[field]).toEqual([message]);
    // The form comes back as typed.
    expect(values.baselineValue).toBe(VALID.baselineValue);
    expect(await writes()).toEqual(before);
  });

  it("edits one: fields change and its targets are replaced by the form's", async () => {
    const indicator = await db().indicator.findFirstOrThrow({ where: { productId: product.id, name: "Démarches abouties" } });
    const page = await formLoader(routeArgs(path(product.slug, indicator.id), { cookie: cookies.intrapreneur, params: { slug: product.slug, id: indicator.id } }));
    expect(page.values).toMatchObject({ name: "Démarches abouties", baselineValue: "1200,5", "targets.2.value": "", "targets.1.value": "3000,5" });
    // Unticked, the checkbox sends nothing.
    const { isPublic: _ticked, ...shown } = page.values;
    const result = outcome(
      await save({ ...shown, name: "Démarches menées à bout", "targets.0.value": "", "targets.0.dueDate": "" }, indicator.id, cookies.intrapreneur),
    );
    expect(result.status).toBe(302);
    const saved = await db().indicator.findUniqueOrThrow({ where: { id: indicator.id }, include: { targets: true } });
    expect(saved).toMatchObject({ name: "Démarches menées à bout", isPublic: false, baselineValue: 1200.5 });
    expect(saved.targets.map((t) => t.value)).toEqual([3000.5]);
    expect(await db().auditLog.count({ where: { action: "indicator.updated", entityId: indicator.id } })).toBe(1);
  });

  it("archives an indicator that has values, deletes one that has none, and restores", async () => {
    const withValues = await createIndicator(db(), { productId: product.id, values: [{ periodStart: "2026-01-01", value: 3 }] });
    const empty = await createIndicator(db(), { productId: product.id });
    const remove = (id: string) => save({ intent: "remove" }, id);
    expect(outcome(await remove(withValues.id)).status).toBe(302);
    expect((await db().indicator.findUniqueOrThrow({ where: { id: withValues.id } })).archivedAt).not.toBeNull();
    expect(await db().indicatorValue.count({ where: { indicatorId: withValues.id } })).toBe(1);
    expect(outcome(await remove(empty.id)).status).toBe(302);
    expect(await db().indicator.findUnique({ where: { id: empty.id } })).toBeNull();
    expect(outcome(await save({ intent: "restore" }, withValues.id)).status).toBe(302);
    expect((await db().indicator.findUniqueOrThrow({ where: { id: withValues.id } })).archivedAt).toBeNull();
    expect(await db().auditLog.count({ where: { action: { in: ["indicator.archived", "indicator.deleted", "indicator.restored"] } } })).toBe(3);
  });

  it("answers 404 for an indicator of another product, or an address that is no indicator", async () => {
    const foreign = await createIndicator(db(), { productId: publicProduct.id });
    const open = (id: string) => formLoader(routeArgs(path(product.slug, id), { cookie: cookies.coach, params: { slug: product.slug, id } }));
    expect((await thrownStatus(open(foreign.id))).status).toBe(404);
    expect((await thrownStatus(open("pas-un-id"))).status).toBe(404);
    expect((await thrownStatus(save({ ...VALID, name: "Volé" }, foreign.id))).status).toBe(404);
  });

  it("lets neither an investor (403) nor an outsider (404) nor the public define indicators", async () => {
    const before = await writes();
    expect((await thrownStatus(save({ ...VALID, name: "Par l'investisseur" }, "nouveau", cookies.investor))).status).toBe(403);
    expect((await thrownStatus(save({ ...VALID, name: "Par un inconnu" }, "nouveau", cookies.outsider))).status).toBe(404);
    const anonymous = formAction(routeArgs(path(product.slug, "nouveau"), { method: "POST", body: new URLSearchParams(VALID), params: { slug: product.slug, id: "nouveau" } }));
    expect(await thrownStatus(anonymous)).toMatchObject({ status: 302, location: expect.stringMatching(/^\/connexion\?/) });
    expect(await writes()).toEqual(before);
  });
});

describe("the mandatory indicators of the impact matrix", () => {
  it("are six, one per code, over the usable, used, useful and efficient levels", () => {
    expect(MANDATORY_INDICATORS.map((i) => i.matrixCode)).toEqual(["ease_of_use", "mau", "penetration", "value_generated", "annual_budget", "cost_per_use"]);
    expect(MANDATORY_INDICATORS.find((i) => i.matrixCode === "annual_budget")?.kind).toBe("means");
    expect(missingMandatoryIndicators(["mau", null, "autre"]).map((i) => i.matrixCode)).not.toContain("mau");
    expect(measuresImpact([{ kind: "means", archivedAt: null }, { kind: "impact", archivedAt: new Date() }])).toBe(false);
  });

  it("are added in one click, once: a second click creates nothing more", async () => {
    const fresh = await createProduct(db(), { slug: "tout-neuf", primaryIncubatorId: (await db().incubator.findFirstOrThrow()).id });
    // The team's own indicator with the very name of a mandatory one is that indicator.
    await createIndicator(db(), { productId: fresh.id, name: "Budget annuel", level: "efficient", kind: "means" });
    const click = () => listAction(post(path(fresh.slug), cookies.coach, { intent: "addMandatory" }, { slug: fresh.slug }));

    const first = await click();
    expect(outcome(first)).toMatchObject({ status: 302, location: path(fresh.slug) });
    const indicators = await db().indicator.findMany({ where: { productId: fresh.id } });
    expect(indicators.map((i) => i.matrixCode).sort()).toEqual(MANDATORY_INDICATORS.map((i) => i.matrixCode).sort());
    expect(indicators.find((i) => i.matrixCode === "mau")).toMatchObject({ name: "Utilisateurs actifs mensuels", level: "used", kind: "impact" });
    const flash = (first as Response).headers.get("Set-Cookie")!.split(";")[0];
    const page = outcome(await listLoader(routeArgs(path(fresh.slug), { cookie: `${cookies.coach}; ${flash}`, params: { slug: fresh.slug } })));
    expect(page.data).toMatchObject({
      flash: expect.stringMatching(/^5 indicateurs obligatoires ont été ajoutés : .* Reconnus parmi les indicateurs du produit, qui portaient déjà leur nom : « Budget annuel »\.$/),
      missingMandatory: [],
      measuresImpact: true,
    });

    expect(outcome(await click()).status).toBe(302);
    expect(await db().indicator.count({ where: { productId: fresh.id } })).toBe(6);
    expect(await db().auditLog.count({ where: { action: "indicator.mandatory_added", entityId: fresh.id } })).toBe(1);
  });

  it("refuses an unknown action (400) and a reader who may not write (403)", async () => {
    const call = (cookie: string, body: Record<string, string>) => listAction(post(path(product.slug), cookie, body, { slug: product.slug }));
    expect(outcome(await call(cookies.coach, {})).status).toBe(400);
    expect((await thrownStatus(call(cookies.investor, { intent: "addMandatory" }))).status).toBe(403);
    expect((await thrownStatus(call(cookies.outsider, { intent: "addMandatory" }))).status).toBe(404);
    expect(await db().indicator.count({ where: { productId: product.id, matrixCode: { not: null } } })).toBe(0);
  });
});

describe("the indicators list", () => {
  const list = (slug: string, cookie?: string) => listLoader(routeArgs(path(slug), { cookie, params: { slug } }));

  it("groups by level and warns when no impact indicator is followed", async () => {
    const page = outcome(await list(product.slug, cookies.investor)).data as Awaited<ReturnType<typeof listLoader>>["data"];
    expect(page.levels.map((l) => l.level)).toEqual(["usable", "used", "useful", "impactful", "efficient"]);
    // An investor reads the non-public indicator, but may not write: no button, no missing list.
    expect(page.levels.find((l) => l.level === "useful")?.indicators.map((i) => i.name)).toEqual(["Démarches menées à bout"]);
    expect(page).toMatchObject({ mayWrite: false, missingMandatory: [], measuresImpact: true });

    const meansOnly = await createProduct(db(), { slug: "moyens-seulement", primaryIncubatorId: (await db().incubator.findFirstOrThrow()).id });
    await createIndicator(db(), { productId: meansOnly.id, name: "Fonctionnalités livrées", kind: "means", level: "usable" });
    const warned = outcome(await list(meansOnly.slug, cookies.coach)).data as typeof page;
    expect(warned).toMatchObject({ measuresImpact: false, mayWrite: true });
    expect(warned.missingMandatory).toHaveLength(6);
    const uncovered = await productsWithoutImpactIndicator(null);
    expect(uncovered.map((p) => p.slug)).toContain("moyens-seulement");
    expect(uncovered.map((p) => p.slug)).not.toContain("tout-neuf");
  });

  it("shows the public only public indicators of a public product, and hides a private product", async () => {
    await createIndicator(db(), { productId: publicProduct.id, name: "Interne", isPublic: false });
    await createIndicator(db(), { productId: publicProduct.id, name: "Publié", values: [{ periodStart: "2026-02-01", value: 42 }] });
    const page = outcome(await list(publicProduct.slug)).data as Awaited<ReturnType<typeof listLoader>>["data"];
    const names = page.levels.flatMap((l) => l.indicators.map((i) => i.name));
    expect(names).toContain("Publié");
    expect(names).not.toContain("Interne");
    expect(page.levels.flatMap((l) => l.indicators).find((i) => i.name === "Publié")?.latest).toMatchObject({ value: 42, status: "declared" });
    expect((await thrownStatus(list(product.slug))).status).toBe(404);
    expect((await thrownStatus(list(product.slug, cookies.outsider))).status).toBe(404);
  });
});
