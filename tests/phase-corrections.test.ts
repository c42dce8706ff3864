// Correcting a product's phase history: the rules without a database (what a correction does, which
// results are refused, the "not worse" rule for histories already wrong), then the page called as
// Remix calls it, against a real database: permissions, reasons, nothing written when refused.
import { beforeAll, describe, expect, it } from "vitest";
import { parseForm } from "~/admin/form-parsing";
import {
  assignRole,
  createIncubator,
  createOrganisation,
  createProduct,
  createUser,
} from "~/db/seed/factories.server";
import { day, isoDay, latestPlannedDay } from "~/domain/days";
import type { Phase } from "~/domain/phases";
import { PhaseCorrectionSchema } from "~/products/phase-correction-forms";
import {
  applyCorrection,
  checkCorrection,
  describeCorrection,
  introducedProblems,
  type HistoryEntry,
} from "~/products/phase-corrections";
import { action, loader } from "~/routes/produits.$slug_.phases";
import { setupTestDatabase } from "./support/db";
import { outcome, post, signIn, thrownStatus } from "./support/route-calls";
import { routeArgs } from "./support/routes";

const entry = (id: string, phase: Phase, start: string, end?: string, comment: string | null = null): HistoryEntry => ({
  id,
  phase,
  startDate: day(start),
  endDate: end ? day(end) : null,
  comment,
});

const clean = [
  entry("a", "investigation", "2023-01-09", "2023-03-14"),
  entry("b", "construction", "2023-03-14", "2024-04-02"),
  entry("c", "acceleration", "2024-04-02"),
];

// Imported: construction is missing between investigation and acceleration.
const imported = [entry("a", "investigation", "2021-02-01", "2021-05-01"), entry("c", "acceleration", "2022-06-01")];

const fields = (start: string, end?: string, comment: string | null = null) => ({
  startDate: day(start),
  endDate: end ? day(end) : null,
  comment,
});

describe("what a correction does to a history", () => {
  it("edits, adds and deletes one entry, and refuses an entry that is not there", () => {
    const edited = applyCorrection(clean, { kind: "edit", entryId: "b", ...fields("2023-03-20", "2024-04-02") });
    expect(edited?.find((e) => e.id === "b")?.startDate).toEqual(day("2023-03-20"));
    expect(edited).toHaveLength(3);
    expect(applyCorrection(clean, { kind: "delete", entryId: "c" })?.map((e) => e.id)).toEqual(["a", "b"]);
    expect(applyCorrection(clean, { kind: "add", phase: "consolidation", ...fields("2025-06-02") })).toHaveLength(4);
    expect(applyCorrection(clean, { kind: "delete", entryId: "z" })).toBeNull();
  });

  it("accepts a correction that keeps the history valid", () => {
    expect(checkCorrection(clean, { kind: "edit", entryId: "a", ...fields("2023-01-10", "2023-03-14") })?.problems).toEqual([]);
    expect(checkCorrection(clean, { kind: "add", phase: "consolidation", ...fields("2025-06-02") })?.problems).toEqual([]);
  });

  it("refuses what would make it invalid, in French", () => {
    const problems = (correction: Parameters<typeof checkCorrection>[1]) => checkCorrection(clean, correction)?.problems;
    expect(problems({ kind: "add", phase: "construction", ...fields("2025-01-06") })).toEqual([
      expect.stringContaining("figurerait deux fois"),
      // The second construction follows acceleration, which is not a step of the lifecycle either.
      expect.stringContaining("ne peut pas suivre la phase « Accélération »"),
    ]);
    expect(problems({ kind: "add", phase: "abandon", ...fields("2023-02-01") })).toEqual([
      "La phase « Arrêté » ne peut pas suivre la phase « Investigation » : après celle-ci viennent « Construction », « Investigation non concluante ».",
      "La phase « Construction » viendrait après une phase terminale (transféré, arrêté, investigation non concluante) : rien ne suit une phase terminale.",
    ]);
    expect(problems({ kind: "edit", entryId: "b", ...fields("2023-03-14", "2023-01-01") })).toEqual([
      expect.stringContaining("finirait avant d'avoir commencé"),
    ]);
    expect(problems({ kind: "delete", entryId: "a" })).toEqual([
      expect.stringContaining("commence par l'investigation"),
    ]);
    expect(checkCorrection([clean[0]], { kind: "delete", entryId: "a" })?.problems).toEqual([
      expect.stringContaining("au moins une phase"),
    ]);
    expect(problems({ kind: "edit", entryId: "a", ...fields("2023-01-09", "2023-03-14") })).toEqual([
      "Cette correction ne change rien : modifiez une date ou le commentaire.",
    ]);
  });

  it("does not block an unrelated correction of a history that was already wrong", () => {
    expect(introducedProblems(imported, imported)).toEqual([]);
    const comment = checkCorrection(imported, { kind: "edit", entryId: "a", ...fields("2021-02-01", "2021-05-01", "Repris des archives") });
    expect(comment?.problems).toEqual([]);
    // Adding the missing phase fixes the history.
    const fixed = checkCorrection(imported, { kind: "add", phase: "construction", ...fields("2021-05-01", "2022-06-01") });
    expect(fixed?.problems).toEqual([]);
  });

  it("still refuses a correction that adds a problem to a history already wrong", () => {
    const worse = checkCorrection(imported, { kind: "add", phase: "transfere", ...fields("2022-01-03") });
    expect(worse?.problems).toEqual([
      expect.stringContaining("La phase « Transféré » ne peut pas suivre la phase « Investigation »"),
      expect.stringContaining("La phase « Accélération » viendrait après une phase terminale"),
    ]);
    // The same kind of problem once more is new too.
    const twice = [...imported, entry("d", "acceleration", "2022-09-01")];
    expect(introducedProblems(imported, twice).map((p) => p.kind)).toContain("repeated-phase");
    expect(introducedProblems(twice, twice)).toEqual([]);
  });

  it("describes each correction for the log", () => {
    const snapshot = { phase: "construction" as const, startDate: "2023-03-14", endDate: null, comment: null };
    expect(describeCorrection({ kind: "add", entryId: "x", before: null, after: snapshot })).toBe(
      "Ajout de la phase « Construction », depuis le 14 mars 2023.",
    );
    expect(
      describeCorrection({ kind: "edit", entryId: "x", before: snapshot, after: { ...snapshot, endDate: "2024-04-02" } }),
    ).toBe("Modification de la phase « Construction » : depuis le 14 mars 2023 devient du 14 mars 2023 au 2 avril 2024.");
  });
});

describe("the correction forms", () => {
  const errorsOf = (input: Record<string, string>) => {
    const parsed = parseForm(PhaseCorrectionSchema, input);
    return parsed.success ? null : parsed.errors;
  };
  const add = { intent: "add", phase: "construction", startDate: "2023-03-14", reason: "Oubli lors de l'import des données" };

  it("reads a valid addition", () => {
    expect(PhaseCorrectionSchema.parse({ ...add, endDate: "", comment: "  " })).toEqual({
      correction: { kind: "add", phase: "construction", startDate: day("2023-03-14"), endDate: null, comment: null },
      reason: "Oubli lors de l'import des données",
    });
  });

  it("requires a reason of ten characters at least", () => {
    expect(errorsOf({ ...add, reason: "" })?.reason).toEqual([expect.stringContaining("10 caractères au moins")]);
    expect(errorsOf({ ...add, reason: "   erreur   " })?.reason).toHaveLength(1);
  });

  it("refuses dates before 2000, more than a year ahead, or in the wrong order", () => {
    expect(errorsOf({ ...add, startDate: "1999-12-31" })?.startDate).toEqual([
      "Cette date est antérieure au 1er janvier 2000 : vérifiez l'année.",
    ]);
    const tooLate = isoDay(new Date(latestPlannedDay().getTime() + 86_400_000));
    expect(errorsOf({ ...add, startDate: tooLate })?.startDate).toEqual([
      "Cette date est plus d'un an après aujourd'hui : vérifiez l'année.",
    ]);
    expect(errorsOf({ ...add, startDate: "2023-02-30" })?.startDate).toEqual(["Indiquez la date de début de la phase."]);
    expect(errorsOf({ ...add, endDate: "2023-03-13" })?.endDate).toEqual(["La date de fin doit suivre la date de début."]);
  });

  it("refuses an unknown intent or phase", () => {
    expect(errorsOf({})).toEqual({ intent: [expect.stringContaining("Cette action n'existe pas")] });
    expect(errorsOf({ ...add, phase: "success" })?.phase).toEqual(["Choisissez une phase dans la liste."]);
  });
});

const db = setupTestDatabase();

let product: { id: string; slug: string };
let importedProduct: { id: string; slug: string };
let entries: Record<string, string>;
let admin: { id: string };
const cookies: Record<"admin" | "otherAdmin" | "platform" | "coach" | "intrapreneur" | "investor", string> = {
  admin: "",
  otherAdmin: "",
  platform: "",
  coach: "",
  intrapreneur: "",
  investor: "",
};

beforeAll(async () => {
  const incubator = await createIncubator(db());
  const otherIncubator = await createIncubator(db());
  const sponsor = await createOrganisation(db());
  product = await createProduct(db(), {
    slug: "carte-grise",
    primaryIncubatorId: incubator.id,
    isPublic: false,
    sponsorIds: [sponsor.id],
    phases: [
      { phase: "investigation", start: "2023-01-09", end: "2023-03-14" },
      { phase: "construction", start: "2023-03-14" },
    ],
  });
  importedProduct = await createProduct(db(), {
    slug: "importe",
    primaryIncubatorId: incubator.id,
    phases: [
      { phase: "investigation", start: "2021-02-01", end: "2021-05-01" },
      { phase: "acceleration", start: "2022-06-01" },
    ],
  });
  const rows = await db().phaseEntry.findMany({ select: { id: true, phase: true, productId: true } });
  entries = Object.fromEntries(rows.map((r) => [`${r.productId === product.id ? "" : "imported:"}${r.phase}`, r.id]));

  const person = async (grant: Omit<Parameters<typeof assignRole>[1], "userId">, name?: string) => {
    const user = await createUser(db(), name ? { name } : {});
    await assignRole(db(), { ...grant, userId: user.id });
    return user;
  };
  admin = await person({ role: "incubator_admin", incubatorId: incubator.id }, "Inès Incubateur");
  cookies.admin = await signIn(admin.id);
  cookies.otherAdmin = await signIn((await person({ role: "incubator_admin", incubatorId: otherIncubator.id })).id);
  cookies.platform = await signIn((await person({ role: "platform_admin" })).id);
  cookies.coach = await signIn((await person({ role: "coach", incubatorId: incubator.id })).id);
  cookies.intrapreneur = await signIn(
    (await person({ role: "team_member", productId: product.id, isIntrapreneur: true })).id,
  );
  cookies.investor = await signIn((await person({ role: "investor", organisationId: sponsor.id })).id);
});

const path = (slug: string) => `/produits/${slug}/phases`;
const correct = (cookie: string | null, body: Record<string, string>, slug = product.slug) =>
  action(post(path(slug), cookie, body, { slug }));
const history = (productId = product.id) =>
  db().phaseEntry.findMany({
    where: { productId },
    orderBy: { startDate: "asc" },
    select: { phase: true, startDate: true, endDate: true, comment: true },
  });
const corrections = () => db().auditLog.count({ where: { action: "phase.corrected" } });
/** What the page shows this person; `search` opens a form ("?corriger=…"). */
const readPage = async (cookie: string, slug = product.slug, search = "") =>
  outcome(await loader(routeArgs(`${path(slug)}${search}`, { cookie, params: { slug } }))).data as Awaited<
    ReturnType<typeof loader>
  >["data"];

describe("correcting a history", () => {
  const edit = () => ({
    intent: "edit",
    entryId: entries.construction,
    startDate: "2023-03-20",
    endDate: "",
    comment: "Date du comité de lancement",
    reason: "Date reprise du compte rendu du comité",
  });

  it("refuses a correction without a reason (400) and writes nothing", async () => {
    const before = await history();
    const result = outcome(await correct(cookies.admin, { ...edit(), reason: "" }));
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({ errors: { reason: [expect.stringContaining("motif")] }, values: { startDate: "2023-03-20" } });
    expect(await history()).toEqual(before);
    expect(await corrections()).toBe(0);
  });

  it("writes a valid correction with its audit row: reason, before and after", async () => {
    const result = outcome(await correct(cookies.admin, edit()));
    expect(result).toMatchObject({ status: 302, location: path(product.slug) });
    expect(await history()).toEqual([
      { phase: "investigation", startDate: day("2023-01-09"), endDate: day("2023-03-14"), comment: null },
      { phase: "construction", startDate: day("2023-03-20"), endDate: null, comment: "Date du comité de lancement" },
    ]);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "phase.corrected" } });
    expect(audit).toMatchObject({
      actorId: admin.id,
      entityType: "Product",
      entityId: product.id,
      reason: "Date reprise du compte rendu du comité",
      data: {
        kind: "edit",
        entryId: entries.construction,
        before: { phase: "construction", startDate: "2023-03-14", endDate: null, comment: null },
        after: { phase: "construction", startDate: "2023-03-20", endDate: null, comment: "Date du comité de lancement" },
      },
    });
  });

  it("refuses a correction whose history would be invalid (400) and writes nothing", async () => {
    const before = await history();
    const count = await corrections();
    const afterTerminal = outcome(
      await correct(cookies.admin, {
        intent: "add",
        phase: "abandon",
        startDate: "2023-02-01",
        reason: "Arrêt oublié lors de la saisie",
      }),
    );
    expect(afterTerminal.status).toBe(400);
    expect(afterTerminal.data).toMatchObject({ errors: { form: expect.arrayContaining([expect.stringContaining("phase terminale")]) } });
    const repeated = outcome(
      await correct(cookies.admin, { intent: "add", phase: "investigation", startDate: "2024-01-08", reason: "Nouvelle investigation" }),
    );
    expect(repeated.data).toMatchObject({ errors: { form: expect.arrayContaining([expect.stringContaining("deux fois")]) } });
    const endBeforeStart = outcome(
      await correct(cookies.admin, { ...edit(), startDate: "2023-03-20", endDate: "2023-03-01" }),
    );
    expect(endBeforeStart.data).toMatchObject({ errors: { endDate: ["La date de fin doit suivre la date de début."] } });
    const lastOne = outcome(
      await correct(cookies.admin, { intent: "delete", entryId: entries.investigation, reason: "Saisie en double" }),
    );
    expect(lastOne.data).toMatchObject({ errors: { form: [expect.stringContaining("commence par l'investigation")] } });
    expect(await history()).toEqual(before);
    expect(await corrections()).toBe(count);
  });

  it("adds a missing phase, and deletes a wrong one", async () => {
    const added = outcome(
      await correct(cookies.platform, {
        intent: "add",
        phase: "acceleration",
        startDate: "2024-09-02",
        reason: "Décision du comité de septembre non saisie",
      }),
    );
    expect(added.status).toBe(302);
    expect((await history()).map((e) => e.phase)).toEqual(["investigation", "construction", "acceleration"]);
    const row = await db().phaseEntry.findFirstOrThrow({ where: { productId: product.id, phase: "acceleration" } });
    expect(row.createdById).not.toBeNull();

    const deleted = outcome(
      await correct(cookies.admin, { intent: "delete", entryId: row.id, reason: "Saisie par erreur, c'était un autre produit" }),
    );
    expect(deleted.status).toBe(302);
    expect((await history()).map((e) => e.phase)).toEqual(["investigation", "construction"]);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "phase.corrected", data: { path: ["kind"], equals: "delete" } } });
    expect(audit.data).toMatchObject({ before: { phase: "acceleration", startDate: "2024-09-02" }, after: null });
  });

  it("refuses an entry of another product as gone, writing nothing", async () => {
    const result = outcome(
      await correct(cookies.admin, { intent: "delete", entryId: entries["imported:investigation"], reason: "Mauvais produit visé" }),
    );
    expect(result).toMatchObject({ status: 400, data: { errors: { form: ["Cette phase n'existe plus : rechargez la page."] } } });
    expect(await history(importedProduct.id)).toHaveLength(2);
  });

  it("lets an unrelated correction through on a history imported with problems", async () => {
    const result = outcome(
      await correct(
        cookies.admin,
        {
          intent: "edit",
          entryId: entries["imported:investigation"],
          startDate: "2021-02-01",
          endDate: "2021-05-01",
          comment: "Repris des archives de l'incubateur",
          reason: "Commentaire manquant dans l'import",
        },
        importedProduct.slug,
      ),
    );
    expect(result.status).toBe(302);
    expect(await readPage(cookies.admin, importedProduct.slug)).toMatchObject({
      warnings: [expect.stringContaining("ne peut pas suivre la phase « Investigation »")],
      mayCorrect: true,
    });
  });

  it("shows the history, the timeline and the corrections log: who, when, why", async () => {
    const shown = await readPage(cookies.admin, product.slug, `?corriger=${entries.construction}`);
    expect(shown.entries.map((e) => [e.phase, e.current])).toEqual([
      ["investigation", false],
      ["construction", true],
    ]);
    expect(shown.selected?.id).toBe(entries.construction);
    expect(shown.corrections[0]).toMatchObject({
      actorName: "Inès Incubateur",
      reason: "Saisie par erreur, c'était un autre produit",
      description: "Suppression de la phase « Accélération », depuis le 2 septembre 2024.",
    });
    expect(shown.corrections).toHaveLength(3);
  });
});

describe("who may correct a history", () => {
  const valid = () => ({
    intent: "edit",
    entryId: entries.investigation,
    startDate: "2023-01-10",
    endDate: "2023-03-14",
    reason: "Date du premier atelier utilisateurs",
  });

  it("refuses coaches, the intrapreneur and investors (403), writing nothing", async () => {
    const before = await history();
    for (const cookie of [cookies.coach, cookies.intrapreneur, cookies.investor]) {
      expect((await thrownStatus(correct(cookie, valid()))).status).toBe(403);
      // An empty form is refused for the right, not for its content.
      expect((await thrownStatus(correct(cookie, {}))).status).toBe(403);
    }
    expect(await history()).toEqual(before);
  });

  it("lets them read the page without the correction forms", async () => {
    for (const cookie of [cookies.coach, cookies.intrapreneur, cookies.investor]) {
      const page = await readPage(cookie, product.slug, `?corriger=${entries.investigation}`);
      expect(page).toMatchObject({ mayCorrect: false, selected: null, adding: false });
    }
  });

  it("answers another incubator's admin as if the product did not exist (404), and the public with sign-in", async () => {
    expect((await thrownStatus(correct(cookies.otherAdmin, valid()))).status).toBe(404);
    expect((await thrownStatus(loader(routeArgs(path(product.slug), { cookie: cookies.otherAdmin, params: { slug: product.slug } })))).status).toBe(404);
    const anonymous = await thrownStatus(correct(null, valid()));
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe(`/connexion?redirectTo=${encodeURIComponent(path(product.slug))}`);
  });

  it("lets the incubator's admin correct", async () => {
    expect(outcome(await correct(cookies.admin, valid())).status).toBe(302);
    expect((await history())[0].startDate).toEqual(day("2023-01-10"));
  });
});
