// The administration, called as Remix calls it (real Requests, signed-in cookies) against a real
// database: who may open it, structures, invitations, roles, deactivation and the journal.
import { beforeAll, describe, expect, it } from "vitest";
import { createSession, signedInUser } from "~/auth/session.server";
import { assignRole, createIncubator, createProduct, createUser } from "~/db/seed/factories.server";
import { loader as hubLoader } from "~/routes/admin._index";
import { action as incubatorAction } from "~/routes/admin.incubateurs.$id";
import { loader as incubatorsLoader } from "~/routes/admin.incubateurs._index";
import { loader as journalLoader } from "~/routes/admin.journal";
import { loader as ministriesLoader } from "~/routes/admin.ministeres._index";
import { action as userAction, loader as userLoader } from "~/routes/admin.utilisateurs.$id";
import { loader as usersLoader } from "~/routes/admin.utilisateurs._index";
import { action as inviteAction } from "~/routes/admin.utilisateurs.inviter";
import { setupTestDatabase } from "./support/db";
import { routeArgs, thrown } from "./support/routes";

const db = setupTestDatabase();

async function signIn(userId: string): Promise<string> {
  const setCookie = await createSession(userId, "demo", new Request("http://localhost/"));
  return setCookie.split(";")[0];
}

const post = (path: string, cookie: string, body: Record<string, string>, params: Record<string, string> = {}) =>
  routeArgs(path, { method: "POST", cookie, body: new URLSearchParams(body), params });

/** The status of what a loader or action returned: a Response (redirect) or `data(…, { status })`. */
function outcome(result: unknown): { status: number; location: string | null; data: unknown } {
  if (result instanceof Response)
    return { status: result.status, location: result.headers.get("Location"), data: null };
  const wrapped = result as { init?: { status?: number }; data?: unknown };
  return { status: wrapped.init?.status ?? 200, location: null, data: wrapped.data ?? result };
}

async function status(promise: Promise<unknown>): Promise<number> {
  const error = await thrown(promise);
  return error instanceof Response ? error.status : -1;
}

let fabrique: { id: string };
let atelier: { id: string };
let product: { id: string };
let platformAdmin: { id: string };
let incubatorAdmin: { id: string };
let coach: { id: string };
let cookies: { platform: string; incubatorAdmin: string; coach: string };

beforeAll(async () => {
  fabrique = await createIncubator(db(), { slug: "fabrique", name: "La Fabrique" });
  atelier = await createIncubator(db(), { slug: "atelier", name: "Atelier numérique" });
  product = await createProduct(db(), { slug: "eco-trace", name: "Éco-trace", primaryIncubatorId: fabrique.id });
  platformAdmin = await createUser(db(), { name: "Paule Plateforme" });
  await assignRole(db(), { userId: platformAdmin.id, role: "platform_admin" });
  incubatorAdmin = await createUser(db(), { name: "Inès Incubateur" });
  await assignRole(db(), { userId: incubatorAdmin.id, role: "incubator_admin", incubatorId: fabrique.id });
  coach = await createUser(db(), { name: "Camille Coach" });
  await assignRole(db(), { userId: coach.id, role: "coach", incubatorId: fabrique.id });
  cookies = {
    platform: await signIn(platformAdmin.id),
    incubatorAdmin: await signIn(incubatorAdmin.id),
    coach: await signIn(coach.id),
  };
});

describe("who may open the administration", () => {
  it("sends the public to the sign-in page", async () => {
    const redirect = await thrown(hubLoader(routeArgs("/admin")));
    expect(redirect).toBeInstanceOf(Response);
    expect((redirect as Response).status).toBe(302);
    expect((redirect as Response).headers.get("Location")).toBe("/connexion?redirectTo=%2Fadmin");
    const fromUsers = (await thrown(usersLoader(routeArgs("/admin/utilisateurs")))) as Response;
    expect(fromUsers.headers.get("Location")).toMatch(/^\/connexion\?/);
  });

  it("refuses a coach every administration page (403)", async () => {
    const args = (path: string) => routeArgs(path, { cookie: cookies.coach });
    expect(await status(hubLoader(args("/admin")))).toBe(403);
    expect(await status(usersLoader(args("/admin/utilisateurs")))).toBe(403);
    expect(await status(ministriesLoader(args("/admin/ministeres")))).toBe(403);
    expect(await status(incubatorsLoader(args("/admin/incubateurs")))).toBe(403);
    expect(await status(journalLoader(args("/admin/journal")))).toBe(403);
  });

  it("shows an incubator admin their users but not the platform's structures", async () => {
    const hub = await hubLoader(routeArgs("/admin", { cookie: cookies.incubatorAdmin }));
    expect(hub.sections.map((s) => s.path)).toEqual(["/admin/utilisateurs"]);
    expect(hub.incubatorNames).toEqual(["La Fabrique"]);
    expect(await status(incubatorsLoader(routeArgs("/admin/incubateurs", { cookie: cookies.incubatorAdmin })))).toBe(
      403,
    );
  });
});

describe("incubators", () => {
  const fields = {
    slug: "nouvel-incubateur",
    name: "Nouvel incubateur",
    reviewIntervalMonths: "6",
    website: "https://nouvel.gouv.fr",
  };
  const create = (body: Record<string, string>) =>
    incubatorAction(post("/admin/incubateurs/nouveau", cookies.platform, body, { id: "nouveau" }));

  it("lets a platform admin create one, audited", async () => {
    const result = outcome(await create(fields));
    expect(result).toMatchObject({ status: 302, location: "/admin/incubateurs" });
    const incubator = await db().incubator.findUniqueOrThrow({ where: { slug: "nouvel-incubateur" } });
    expect(incubator).toMatchObject({
      name: "Nouvel incubateur",
      reviewIntervalMonths: 6,
      website: "https://nouvel.gouv.fr",
      ministryId: null,
    });
    const audit = await db().auditLog.findFirstOrThrow({
      where: { action: "incubator.created", entityId: incubator.id },
    });
    expect(audit.actorId).toBe(platformAdmin.id);
  });

  it("refuses a slug already taken with a field error, and creates nothing", async () => {
    const before = await db().incubator.count();
    const result = outcome(await create({ ...fields, name: "Doublon" }));
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({
      errors: { slug: ["Cet identifiant est déjà utilisé : choisissez-en un autre."] },
      values: { name: "Doublon" },
    });
    expect(await db().incubator.count()).toBe(before);
    expect(await db().auditLog.count({ where: { action: "incubator.created" } })).toBe(1);
  });

  it("refuses malformed input field by field", async () => {
    const result = outcome(
      await create({ slug: "Avec Espaces", name: "", reviewIntervalMonths: "30", website: "javascript:alert(1)" }),
    );
    expect(result.status).toBe(400);
    const { errors } = result.data as { errors: Record<string, string[]> };
    expect(Object.keys(errors).sort()).toEqual(["name", "reviewIntervalMonths", "slug", "website"]);
    expect(errors.reviewIntervalMonths).toEqual(["Indiquez un nombre de mois entre 1 et 24."]);
  });

  it("lets a platform admin edit one, and says so on the list", async () => {
    const incubator = await db().incubator.findUniqueOrThrow({ where: { slug: "nouvel-incubateur" } });
    const args = post(
      `/admin/incubateurs/${incubator.id}`,
      cookies.platform,
      { ...fields, name: "Incubateur renommé", website: "" },
      { id: incubator.id },
    );
    const saved = await incubatorAction(args);
    expect(outcome(saved)).toMatchObject({ status: 302, location: "/admin/incubateurs" });
    expect(await db().incubator.findUniqueOrThrow({ where: { id: incubator.id } })).toMatchObject({
      name: "Incubateur renommé",
      website: null,
    });
    expect(await db().auditLog.count({ where: { action: "incubator.updated", entityId: incubator.id } })).toBe(1);

    const flash = (saved as Response).headers.get("Set-Cookie")!.split(";")[0];
    const list = outcome(
      await incubatorsLoader(routeArgs("/admin/incubateurs", { cookie: `${cookies.platform}; ${flash}` })),
    );
    expect(list.data).toMatchObject({ flash: "L'incubateur « Incubateur renommé » a été modifié." });
  });

  it("refuses a ministry that no longer exists, and an unknown record is a 404", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    const result = outcome(await create({ ...fields, slug: "sans-ministere", ministryId: missing }));
    expect(result).toMatchObject({
      status: 400,
      data: { errors: { ministryId: [expect.stringContaining("n'existe plus")] } },
    });
    const args = post(`/admin/incubateurs/${missing}`, cookies.platform, fields, { id: missing });
    expect(await status(incubatorAction(args))).toBe(404);
  });

  it("refuses a coach's submission (403)", async () => {
    const args = post(
      "/admin/incubateurs/nouveau",
      cookies.coach,
      { ...fields, slug: "par-un-coach" },
      { id: "nouveau" },
    );
    expect(await status(incubatorAction(args))).toBe(403);
    expect(await db().incubator.count({ where: { slug: "par-un-coach" } })).toBe(0);
  });
});

describe("invitations", () => {
  const invite = (cookie: string, body: Record<string, string>) =>
    inviteAction(post("/admin/utilisateurs/inviter", cookie, body));

  it("lets an incubator admin invite a coach on their incubator", async () => {
    const result = outcome(
      await invite(cookies.incubatorAdmin, {
        name: "Nora Nouvelle",
        email: "  Nora.Nouvelle@Exemple.GOUV.fr ",
        role: "coach",
        incubatorId: fabrique.id,
        // Scope fields the role does not use are ignored.
        productId: product.id,
      }),
    );
    const user = await db().user.findUniqueOrThrow({
      where: { email: "nora.nouvelle@exemple.gouv.fr" },
      include: { roles: true },
    });
    expect(result).toMatchObject({ status: 302, location: `/admin/utilisateurs/${user.id}` });
    expect(user).toMatchObject({ name: "Nora Nouvelle", invitedById: incubatorAdmin.id, firstSignInAt: null });
    expect(user.roles).toMatchObject([{ role: "coach", incubatorId: fabrique.id, productId: null }]);
    const audit = await db().auditLog.findMany({ where: { entityId: user.id }, orderBy: { action: "desc" } });
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ["user.invited", incubatorAdmin.id],
      ["role.granted", incubatorAdmin.id],
    ]);

    const page = outcome(
      await userLoader(
        routeArgs(`/admin/utilisateurs/${user.id}`, { cookie: cookies.incubatorAdmin, params: { id: user.id } }),
      ),
    );
    expect(page.data).toMatchObject({ user: { state: "invited" }, roles: [{ label: "Coach — La Fabrique" }] });
  });

  it("adds a team member on one of the incubator's products to an address already known", async () => {
    const result = outcome(
      await invite(cookies.incubatorAdmin, {
        name: "Ignoré",
        email: "nora.nouvelle@exemple.gouv.fr",
        role: "team_member",
        productId: product.id,
        isIntrapreneur: "on",
        title: "designer",
      }),
    );
    expect(result.status).toBe(302);
    const user = await db().user.findUniqueOrThrow({
      where: { email: "nora.nouvelle@exemple.gouv.fr" },
      include: { roles: true },
    });
    expect(user.name).toBe("Nora Nouvelle");
    expect(user.roles).toHaveLength(2);
    expect(user.roles.find((r) => r.role === "team_member")).toMatchObject({
      productId: product.id,
      isIntrapreneur: true,
      title: "designer",
    });
  });

  it("refuses an invitation onto another incubator (403) and writes nothing", async () => {
    const auditBefore = await db().auditLog.count();
    const error = invite(cookies.incubatorAdmin, {
      name: "Hors champ",
      email: "hors.champ@exemple.gouv.fr",
      role: "coach",
      incubatorId: atelier.id,
    });
    expect(await status(error)).toBe(403);
    expect(await db().user.count({ where: { email: "hors.champ@exemple.gouv.fr" } })).toBe(0);
    expect(await db().auditLog.count()).toBe(auditBefore);
  });

  it("refuses platform admin from an incubator admin (403) and writes nothing", async () => {
    const error = invite(cookies.incubatorAdmin, {
      name: "Ambitieux",
      email: "ambitieux@exemple.gouv.fr",
      role: "platform_admin",
    });
    expect(await status(error)).toBe(403);
    expect(await db().user.count({ where: { email: "ambitieux@exemple.gouv.fr" } })).toBe(0);
  });

  it("refuses malformed input with French field errors", async () => {
    const result = outcome(
      await invite(cookies.incubatorAdmin, { name: "Sans adresse", email: "pas-une-adresse", role: "coach" }),
    );
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({ errors: { email: [expect.stringContaining("adresse électronique valide")] } });
    const missingScope = outcome(
      await invite(cookies.incubatorAdmin, { name: "Sans incubateur", email: "sans@exemple.gouv.fr", role: "coach" }),
    );
    expect(missingScope.data).toMatchObject({
      errors: { incubatorId: [expect.stringContaining("Choisissez l'incubateur")] },
    });
    expect(await db().user.count({ where: { email: "sans@exemple.gouv.fr" } })).toBe(0);
  });

  it("refuses a role the person already holds", async () => {
    const result = outcome(
      await invite(cookies.platform, {
        name: "Camille",
        email: (await db().user.findUniqueOrThrow({ where: { id: coach.id } })).email,
        role: "coach",
        incubatorId: fabrique.id,
      }),
    );
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({ errors: { role: ["Cette personne a déjà ce rôle sur ce périmètre."] } });
  });
});

describe("a user's page", () => {
  const act = (cookie: string, userId: string, body: Record<string, string>) =>
    userAction(post(`/admin/utilisateurs/${userId}`, cookie, body, { id: userId }));

  it("lists for an incubator admin only the people of their incubator", async () => {
    const outsider = await createUser(db(), { name: "Odile Ailleurs" });
    await assignRole(db(), { userId: outsider.id, role: "coach", incubatorId: atelier.id });
    const { users } = await usersLoader(routeArgs("/admin/utilisateurs", { cookie: cookies.incubatorAdmin }));
    const names = users.map((u) => u.name);
    expect(names).toContain("Camille Coach");
    expect(names).not.toContain("Odile Ailleurs");
    expect(names).not.toContain("Paule Plateforme");
    const page = userLoader(
      routeArgs(`/admin/utilisateurs/${outsider.id}`, { cookie: cookies.incubatorAdmin, params: { id: outsider.id } }),
    );
    expect(await status(page)).toBe(404);
  });

  it("removes a role, keeping what it was in the audit log", async () => {
    const member = await createUser(db(), { name: "Membre Temporaire" });
    const assignment = await assignRole(db(), {
      userId: member.id,
      role: "team_member",
      productId: product.id,
      title: "dev",
    });
    await assignRole(db(), { userId: member.id, role: "coach", incubatorId: fabrique.id });
    const result = outcome(
      await act(cookies.incubatorAdmin, member.id, { intent: "revoke", assignmentId: assignment.id }),
    );
    expect(result).toMatchObject({ status: 302, location: `/admin/utilisateurs/${member.id}` });
    expect(await db().roleAssignment.count({ where: { id: assignment.id } })).toBe(0);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "role.revoked", entityId: member.id } });
    expect(audit.actorId).toBe(incubatorAdmin.id);
    expect(audit.data).toMatchObject({
      assignment: { id: assignment.id, role: "team_member", productId: product.id, title: "dev" },
    });
  });

  it("deactivates an account and ends its sessions at once", async () => {
    const leaving = await createUser(db(), { name: "Léa Départ" });
    await assignRole(db(), { userId: leaving.id, role: "coach", incubatorId: fabrique.id });
    const cookie = await signIn(leaving.id);
    const asLeaving = () => new Request("http://localhost/", { headers: { Cookie: cookie } });
    expect((await signedInUser(asLeaving()))?.userId).toBe(leaving.id);

    const result = outcome(
      await act(cookies.incubatorAdmin, leaving.id, { intent: "deactivate", reason: "Fin de mission" }),
    );
    expect(result).toMatchObject({ status: 302, location: `/admin/utilisateurs/${leaving.id}` });
    const user = await db().user.findUniqueOrThrow({ where: { id: leaving.id }, include: { sessions: true } });
    expect(user.deactivatedAt).not.toBeNull();
    expect(user.sessions).toHaveLength(1);
    expect(user.sessions[0].revokedAt).not.toBeNull();
    expect(await signedInUser(asLeaving())).toBeNull();
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "user.deactivated", entityId: leaving.id } });
    expect(audit).toMatchObject({ actorId: incubatorAdmin.id, reason: "Fin de mission" });

    expect(outcome(await act(cookies.incubatorAdmin, leaving.id, { intent: "reactivate" })).status).toBe(302);
    expect((await db().user.findUniqueOrThrow({ where: { id: leaving.id } })).deactivatedAt).toBeNull();
    expect(await db().auditLog.count({ where: { action: "user.reactivated", entityId: leaving.id } })).toBe(1);
  });

  it("refuses to deactivate oneself, or someone with roles beyond the admin's incubators", async () => {
    const self = outcome(await act(cookies.platform, platformAdmin.id, { intent: "deactivate" }));
    expect(self.status).toBe(400);
    expect(self.data).toMatchObject({ errors: { form: ["Vous ne pouvez pas désactiver votre propre compte."] } });

    const twoPlaces = await createUser(db(), { name: "Deux Incubateurs" });
    await assignRole(db(), { userId: twoPlaces.id, role: "coach", incubatorId: fabrique.id });
    await assignRole(db(), { userId: twoPlaces.id, role: "coach", incubatorId: atelier.id });
    expect(await status(act(cookies.incubatorAdmin, twoPlaces.id, { intent: "deactivate" }))).toBe(403);
    expect((await db().user.findUniqueOrThrow({ where: { id: twoPlaces.id } })).deactivatedAt).toBeNull();
  });

  it("refuses an unknown intent with a 400", async () => {
    const result = outcome(await act(cookies.platform, coach.id, { intent: "supprimer" }));
    expect(result.status).toBe(400);
  });
});

describe("the journal", () => {
  it("lists the entries, newest first, for a platform admin", async () => {
    const result = outcome(await journalLoader(routeArgs("/admin/journal", { cookie: cookies.platform })));
    const { journal } = result.data as Awaited<ReturnType<typeof journalLoader>> & {
      journal: { entries: { action: string; at: Date; entityName: string | null; actorName: string | null }[] };
    };
    const actions = journal.entries.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(["user.invited", "role.granted", "role.revoked", "user.deactivated", "incubator.created"]),
    );
    const times = journal.entries.map((e) => e.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(journal.entries.find((e) => e.action === "user.invited")).toMatchObject({
      entityName: "Nora Nouvelle",
      actorName: "Inès Incubateur",
    });
  });

  it("filters by action prefix and validates the page number", async () => {
    const result = outcome(await journalLoader(routeArgs("/admin/journal?action=role", { cookie: cookies.platform })));
    const { journal } = result.data as { journal: { entries: { action: string }[] } };
    expect(journal.entries.length).toBeGreaterThan(0);
    expect(journal.entries.every((e) => e.action.startsWith("role."))).toBe(true);
    expect(outcome(await journalLoader(routeArgs("/admin/journal?page=0", { cookie: cookies.platform }))).status).toBe(
      400,
    );
  });

  it("is refused to a coach and to an incubator admin (403)", async () => {
    expect(await status(journalLoader(routeArgs("/admin/journal", { cookie: cookies.coach })))).toBe(403);
    expect(await status(journalLoader(routeArgs("/admin/journal", { cookie: cookies.incubatorAdmin })))).toBe(403);
  });
});
