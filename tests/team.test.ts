// A product's team: the rules without a database, then the page called as Remix calls it against a
// real database — who may read and change it, invitations by e-mail, ending a membership (the row
// stays), dates and the intrapreneur rules.
import { beforeAll, describe, expect, it } from "vitest";
import { assignRole, createIncubator, createOrganisation, createProduct, createUser } from "~/db/seed/factories.server";
import { day, isoDay, today } from "~/domain/days";
import { periodsOverlap, teamChangeProblems, type Membership } from "~/products/team";
import { action, loader } from "~/routes/produits.$slug_.equipe";
import { setupTestDatabase } from "./support/db";
import { outcome, post, signIn, thrownStatus } from "./support/route-calls";
import { routeArgs } from "./support/routes";

const member = (id: string, fields: Partial<Membership> = {}): Membership => ({
  id,
  userId: `user-${id}`,
  name: `Personne ${id}`,
  isIntrapreneur: false,
  isCoach: false,
  title: null,
  startDate: day("2024-01-08"),
  endDate: null,
  ...fields,
});

describe("team rules", () => {
  const now = day("2025-06-02");
  const base = { others: [], actorId: "user-coach", incubatorStaff: 1, today: now };

  it("compares periods, open on a missing side", () => {
    const period = (start: string | null, end: string | null) => ({
      startDate: start ? day(start) : null,
      endDate: end ? day(end) : null,
    });
    expect(periodsOverlap(period("2024-01-01", "2024-06-30"), period("2024-07-01", null))).toBe(false);
    expect(periodsOverlap(period("2024-01-01", "2024-07-01"), period("2024-07-01", null))).toBe(true);
    expect(periodsOverlap(period(null, null), period("2020-01-01", "2020-01-01"))).toBe(true);
  });

  it("keeps one intrapreneur at a time, and allows a planned handover", () => {
    const current = member("a", { isIntrapreneur: true, name: "Alix" });
    const newcomer = member("b", { isIntrapreneur: true, startDate: day("2025-07-01") });
    expect(teamChangeProblems({ ...base, kind: "add", before: null, after: newcomer, others: [current] })).toEqual({
      isIntrapreneur: [expect.stringContaining("Alix est déjà intrapreneur·e de ce produit")],
    });
    const leaving = { ...current, endDate: day("2025-06-30") };
    expect(teamChangeProblems({ ...base, kind: "add", before: null, after: newcomer, others: [leaving] })).toBeNull();
  });

  it("does not hold an old overlap against a change that moves no date", () => {
    const a = member("a", { isIntrapreneur: true });
    const b = member("b", { isIntrapreneur: true });
    expect(teamChangeProblems({ ...base, kind: "update", before: b, after: { ...b, title: "intrapreneure" }, others: [a] })).toBeNull();
  });

  it("refuses an end before the start, said for the end field or the whole form", () => {
    const future = member("a", { startDate: day("2025-09-01") });
    expect(
      teamChangeProblems({ ...base, kind: "update", before: future, after: { ...future, endDate: day("2025-08-01") } }),
    ).toEqual({ endDate: ["La date de départ doit suivre la date d'arrivée."] });
    expect(teamChangeProblems({ ...base, kind: "end", before: future, after: { ...future, endDate: now } })).toEqual({
      form: [expect.stringContaining("n'a pas encore commencé")],
    });
  });

  it("keeps someone to manage the team when the intrapreneur leaves on their own", () => {
    const self = member("a", { isIntrapreneur: true, userId: "user-me" });
    const leaving = { ...base, kind: "end" as const, actorId: "user-me", before: self, after: { ...self, endDate: now } };
    expect(teamChangeProblems({ ...leaving, incubatorStaff: 0 })?.form).toEqual([
      expect.stringContaining("Vous êtes la seule personne qui gère l'équipe"),
    ]);
    expect(teamChangeProblems({ ...leaving, incubatorStaff: 1 })).toBeNull();
    // Someone else ending them is not giving up their own management.
    expect(teamChangeProblems({ ...leaving, actorId: "user-coach", incubatorStaff: 0 })).toBeNull();
  });
});

const db = setupTestDatabase();

let product: { id: string; slug: string };
let lonelyProduct: { id: string; slug: string };
const users: Record<string, { id: string; email: string; name: string }> = {};
const cookies: Record<string, string> = {};
const assignments: Record<string, string> = {};

beforeAll(async () => {
  const incubator = await createIncubator(db());
  const staffless = await createIncubator(db());
  const sponsor = await createOrganisation(db());
  product = await createProduct(db(), { slug: "mon-stage", primaryIncubatorId: incubator.id, isPublic: false, sponsorIds: [sponsor.id] });
  lonelyProduct = await createProduct(db(), { slug: "seul", primaryIncubatorId: staffless.id });
  const person = async (key: string, name: string, grant: Omit<Parameters<typeof assignRole>[1], "userId"> | null) => {
    users[key] = await createUser(db(), { name });
    if (grant) assignments[key] = (await assignRole(db(), { ...grant, userId: users[key].id })).id;
    cookies[key] = await signIn(users[key].id);
  };
  await person("coach", "Camille Coach", { role: "coach", incubatorId: incubator.id });
  await person("intrapreneur", "Ilona Intra", {
    role: "team_member",
    productId: product.id,
    isIntrapreneur: true,
    title: "intrapreneure",
    startDate: day("2024-01-08"),
  });
  await person("developer", "Dev Eloppeur", { role: "team_member", productId: product.id, title: "développeur", startDate: day("2024-02-05") });
  await person("investor", "Ivan Investisseur", { role: "investor", organisationId: sponsor.id });
  await person("lonely", "Solène Seule", { role: "team_member", productId: lonelyProduct.id, isIntrapreneur: true, startDate: day("2024-03-04") });
  await person("known", "Kim Connue", null);
});

const path = (slug: string) => `/produits/${slug}/equipe`;
const change = (cookie: string | null, body: Record<string, string>, slug = product.slug) =>
  action(post(path(slug), cookie, body, { slug }));
const read = async (cookie: string, slug = product.slug) =>
  outcome(await loader(routeArgs(path(slug), { cookie, params: { slug } }))).data as Awaited<ReturnType<typeof loader>>["data"];
const teamRows = (productId = product.id) =>
  db().roleAssignment.findMany({ where: { productId, role: "team_member" }, orderBy: { createdAt: "asc" } });

describe("reading the team", () => {
  it("shows e-mail addresses to those who manage the team only", async () => {
    const asDeveloper = await read(cookies.developer);
    expect(asDeveloper.mayManage).toBe(false);
    expect(asDeveloper.current.map((m) => [m.name, m.email])).toEqual([
      ["Ilona Intra", null],
      ["Dev Eloppeur", null],
    ]);
    const asIntrapreneur = await read(cookies.intrapreneur);
    expect(asIntrapreneur.mayManage).toBe(true);
    expect(asIntrapreneur.current.map((m) => m.email)).toEqual([users.intrapreneur.email, users.developer.email]);
    expect((await read(cookies.investor)).mayManage).toBe(false);
  });

  it("answers someone outside the product with 404, and the public with sign-in", async () => {
    expect((await thrownStatus(loader(routeArgs(path(product.slug), { cookie: cookies.lonely, params: { slug: product.slug } })))).status).toBe(404);
    const anonymous = await thrownStatus(loader(routeArgs(path(product.slug), { params: { slug: product.slug } })));
    expect(anonymous.location).toBe(`/connexion?redirectTo=${encodeURIComponent(path(product.slug))}`);
  });
});

describe("changing the team", () => {
  const newcomer = {
    intent: "add",
    name: "Nina Nouvelle",
    email: "  Nina.Nouvelle@Exemple.gouv.fr ",
    title: "designer",
    startDate: "2025-01-06",
    isCoach: "on",
  };

  it("refuses a team member who is not the intrapreneur, and the investor (403), writing nothing", async () => {
    for (const cookie of [cookies.developer, cookies.investor]) {
      expect((await thrownStatus(change(cookie, newcomer))).status).toBe(403);
      expect((await thrownStatus(change(cookie, {}))).status).toBe(403);
    }
    expect((await thrownStatus(change(cookies.lonely, newcomer))).status).toBe(404);
    expect((await thrownStatus(change(null, newcomer))).status).toBe(302);
    expect(await db().user.count({ where: { email: "nina.nouvelle@exemple.gouv.fr" } })).toBe(0);
  });

  it("lets the intrapreneur add a new address: the account is created (an invitation) with the membership", async () => {
    const result = outcome(await change(cookies.intrapreneur, newcomer));
    expect(result).toMatchObject({ status: 302, location: path(product.slug) });
    const user = await db().user.findUniqueOrThrow({ where: { email: "nina.nouvelle@exemple.gouv.fr" }, include: { roles: true } });
    expect(user).toMatchObject({ name: "Nina Nouvelle", invitedById: users.intrapreneur.id, firstSignInAt: null });
    expect(user.roles).toMatchObject([
      { role: "team_member", productId: product.id, title: "designer", isCoach: true, isIntrapreneur: false, startDate: day("2025-01-06"), endDate: null },
    ]);
    const audit = await db().auditLog.findMany({
      where: { actorId: users.intrapreneur.id, action: { in: ["user.invited", "team.member_added"] } },
      orderBy: { action: "asc" },
    });
    expect(audit.map((a) => [a.action, a.entityType, a.entityId])).toEqual([
      ["team.member_added", "Product", product.id],
      ["user.invited", "User", user.id],
    ]);
    expect(audit[0].data).toMatchObject({ userId: user.id, before: null, after: { title: "designer", isCoach: true } });
    // No e-mail address in the log.
    expect(JSON.stringify(audit[0].data)).not.toContain("@");
  });

  it("adds a person who already has an account, keeping their name", async () => {
    const accounts = await db().user.count();
    const result = outcome(
      await change(cookies.coach, { intent: "add", name: "Autre nom", email: users.known.email, startDate: "2025-02-03" }),
    );
    expect(result.status).toBe(302);
    expect(await db().user.count()).toBe(accounts);
    const user = await db().user.findUniqueOrThrow({ where: { id: users.known.id }, include: { roles: true } });
    expect(user.name).toBe("Kim Connue");
    expect(user.roles).toMatchObject([{ role: "team_member", productId: product.id, title: null }]);
  });

  it("refuses someone already in the team, and a second intrapreneur — without creating the account", async () => {
    const rows = (await teamRows()).length;
    const again = outcome(await change(cookies.coach, { intent: "add", name: "Kim", email: users.known.email, startDate: "2025-03-03" }));
    expect(again).toMatchObject({ status: 400, data: { errors: { email: [expect.stringContaining("fait déjà partie de l'équipe")] } } });
    const second = outcome(
      await change(cookies.coach, { intent: "add", name: "Ida Deux", email: "ida.deux@exemple.gouv.fr", startDate: "2025-03-03", isIntrapreneur: "on" }),
    );
    expect(second).toMatchObject({ status: 400, data: { errors: { isIntrapreneur: [expect.stringContaining("Ilona Intra est déjà intrapreneur·e")] } } });
    expect(await db().user.count({ where: { email: "ida.deux@exemple.gouv.fr" } })).toBe(0);
    expect(await teamRows()).toHaveLength(rows);
  });

  it("refuses bad dates (400) with French messages", async () => {
    const before = await teamRows();
    const early = outcome(await change(cookies.coach, { ...newcomer, email: "tot@exemple.gouv.fr", startDate: "1999-05-03" }));
    expect(early).toMatchObject({ status: 400, data: { errors: { startDate: [expect.stringContaining("1er janvier 2000")] } } });
    const reversed = outcome(
      await change(cookies.coach, {
        intent: "update",
        assignmentId: assignments.developer,
        startDate: "2024-02-05",
        endDate: "2024-01-31",
      }),
    );
    expect(reversed).toMatchObject({ status: 400, data: { errors: { endDate: ["La date de départ doit suivre la date d'arrivée."] } } });
    const missing = outcome(await change(cookies.coach, { ...newcomer, email: "sans-date@exemple.gouv.fr", startDate: "" }));
    expect(missing).toMatchObject({ status: 400, data: { errors: { startDate: ["Indiquez la date d'arrivée dans l'équipe."] } } });
    expect(await teamRows()).toEqual(before);
  });

  it("changes a title and flags, audited with before and after", async () => {
    const result = outcome(
      await change(cookies.coach, {
        intent: "update",
        assignmentId: assignments.developer,
        title: "développeur principal",
        startDate: "2024-02-05",
        isCoach: "on",
      }),
    );
    expect(result.status).toBe(302);
    expect(await db().roleAssignment.findUniqueOrThrow({ where: { id: assignments.developer } })).toMatchObject({
      title: "développeur principal",
      isCoach: true,
      endDate: null,
    });
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "team.member_updated" } });
    expect(audit.data).toMatchObject({ before: { title: "développeur", isCoach: false }, after: { title: "développeur principal", isCoach: true } });
  });

  it("ends a membership: the row stays, with today as its end, and it moves to past members tomorrow", async () => {
    const result = outcome(await change(cookies.intrapreneur, { intent: "end", assignmentId: assignments.developer }));
    expect(result).toMatchObject({ status: 302, location: path(product.slug) });
    const row = await db().roleAssignment.findUniqueOrThrow({ where: { id: assignments.developer } });
    expect(row.endDate).toEqual(today());
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "team.member_ended" } });
    expect(audit).toMatchObject({ actorId: users.intrapreneur.id, entityId: product.id });
    expect(audit.data).toMatchObject({ before: { endDate: null }, after: { endDate: today().toISOString() } });

    const again = outcome(await change(cookies.intrapreneur, { intent: "end", assignmentId: assignments.developer }));
    expect(again).toMatchObject({ status: 400, data: { errors: { form: [expect.stringContaining("est déjà terminée")] } } });
    const page = await read(cookies.intrapreneur);
    expect(page.current.find((m) => m.name === "Dev Eloppeur")?.endDate).toEqual(today());
    expect(page.today).toBe(isoDay(today()));
  });

  it("lists a membership that ended before today among past members", async () => {
    await db().roleAssignment.update({ where: { id: assignments.developer }, data: { endDate: day("2025-01-31") } });
    const page = await read(cookies.coach);
    expect(page.past.map((m) => m.name)).toEqual(["Dev Eloppeur"]);
    expect(page.current.map((m) => m.name)).not.toContain("Dev Eloppeur");
  });

  it("keeps the lone intrapreneur of a product without incubator staff from leaving on their own", async () => {
    const before = await teamRows(lonelyProduct.id);
    const ending = outcome(await change(cookies.lonely, { intent: "end", assignmentId: assignments.lonely }, lonelyProduct.slug));
    expect(ending).toMatchObject({ status: 400, data: { errors: { form: [expect.stringContaining("seule personne qui gère")] } } });
    const dropping = outcome(
      await change(cookies.lonely, { intent: "update", assignmentId: assignments.lonely, startDate: "2024-03-04" }, lonelyProduct.slug),
    );
    expect(dropping.status).toBe(400);
    expect(await teamRows(lonelyProduct.id)).toEqual(before);
  });

  it("lets an intrapreneur with a coach beside them hand over, and sends them back to the product page", async () => {
    const result = outcome(
      await change(cookies.intrapreneur, { intent: "update", assignmentId: assignments.intrapreneur, title: "ancienne intrapreneure", startDate: "2024-01-08" }),
    );
    expect(result).toMatchObject({ status: 302, location: `/produits/${product.slug}` });
    expect(await db().roleAssignment.findUniqueOrThrow({ where: { id: assignments.intrapreneur } })).toMatchObject({ isIntrapreneur: false });
  });
});
