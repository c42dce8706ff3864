// Server-side sessions and the persona sign-in, through the real route modules and database.
import { createCookie } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { loadConfig } from "~/config.server";
import { createSession, revokeAllSessions, signedInUser as sessionOf, SESSION_IDLE_MS } from "~/auth/session.server";
import { getViewer } from "~/auth/viewer.server";
import { hashToken } from "~/auth/tokens.server";
import { measureQueries } from "~/db/query-timing.server";
import { assignRole, createIncubator, createUser } from "~/db/seed/factories.server";
import { action as demoAction, loader as demoLoader } from "~/routes/connexion_.demo";
import { action as signOutAction } from "~/routes/deconnexion";
import { setupTestDatabase } from "./support/db";
import { routeArgs, thrown } from "./support/routes";

const userIdOf = async (request: Request) => (await sessionOf(request))?.userId ?? null;

const db = setupTestDatabase();

const cookieOf = (setCookie: string) => setCookie.split(";")[0];
const requestWith = (cookie: string) => new Request("http://localhost/", { headers: { Cookie: cookie } });

async function signedInUser() {
  const user = await createUser(db());
  const cookie = cookieOf(await createSession(user.id, "demo", new Request("http://localhost/", { headers: { "User-Agent": "vitest" } })));
  return { user, cookie };
}

describe("sessions", () => {
  it("recognise the browser, store only a hash, and record the sign-in", async () => {
    const { user, cookie } = await signedInUser();
    expect(await userIdOf(requestWith(cookie))).toBe(user.id);
    const rows = await db().session.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    expect(cookie).not.toContain(rows[0].tokenHash);
    expect(rows[0].userAgent).toBe("vitest");
    const audit = await db().auditLog.findFirst({ where: { entityId: user.id, action: "auth.sign_in" } });
    expect(audit?.data).toEqual({ method: "demo" });
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).firstSignInAt).not.toBeNull();
  });

  it("refuse a tampered cookie and an unknown token", async () => {
    const { cookie } = await signedInUser();
    const [name, value] = cookie.split("=");
    expect(await userIdOf(requestWith(`${name}=x${value}`))).toBeNull();
    const forged = await createCookie("jalon_session", { secrets: ["not-our-secret-0123456789-abcdefgh"] }).serialize("abc");
    expect(await userIdOf(requestWith(cookieOf(forged)))).toBeNull();
  });

  it("expire after the idle delay and at the absolute limit", async () => {
    const idle = await signedInUser();
    await db().session.updateMany({ where: { userId: idle.user.id }, data: { lastSeenAt: new Date(Date.now() - SESSION_IDLE_MS - 1000) } });
    expect(await userIdOf(requestWith(idle.cookie))).toBeNull();

    const old = await signedInUser();
    await db().session.updateMany({ where: { userId: old.user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await userIdOf(requestWith(old.cookie))).toBeNull();
  });

  it("end at once for a deactivated user, and everywhere on request", async () => {
    const a = await signedInUser();
    await db().user.update({ where: { id: a.user.id }, data: { deactivatedAt: new Date() } });
    expect(await userIdOf(requestWith(a.cookie))).toBeNull();

    const b = await signedInUser();
    const second = cookieOf(await createSession(b.user.id, "magic-link", new Request("http://localhost/")));
    expect(await revokeAllSessions(b.user.id)).toBe(2);
    expect(await userIdOf(requestWith(b.cookie))).toBeNull();
    expect(await userIdOf(requestWith(second))).toBeNull();
  });

  it("sign out this browser only, or everywhere", async () => {
    const { user, cookie } = await signedInUser();
    const other = cookieOf(await createSession(user.id, "demo", new Request("http://localhost/")));
    const response = await signOutAction(routeArgs("/deconnexion", { cookie, body: new URLSearchParams() }));
    expect(response.headers.get("Set-Cookie")).toMatch(/jalon_session=;.*Max-Age=0/);
    expect(await userIdOf(requestWith(cookie))).toBeNull();
    expect(await userIdOf(requestWith(other))).toBe(user.id);

    await signOutAction(routeArgs("/deconnexion", { cookie: other, body: new URLSearchParams({ partout: "1" }) }));
    const open = await db().session.count({ where: { userId: user.id, revokedAt: null } });
    expect(open).toBe(0);
  });

  it("give the viewer only the roles that have not ended", async () => {
    const { user, cookie } = await signedInUser();
    const incubator = await createIncubator(db());
    await assignRole(db(), { userId: user.id, role: "coach", incubatorId: incubator.id });
    await assignRole(db(), { userId: user.id, role: "incubator_admin", incubatorId: incubator.id, endDate: new Date("2020-01-01") });
    const viewer = await getViewer(requestWith(cookie));
    expect(viewer?.grants.map((g) => g.role)).toEqual(["coach"]);
  });

  it("are read once for a page's loaders, which each get their own copy of the request, and again for the next request", async () => {
    const { user, cookie } = await signedInUser();
    const together = await measureQueries(async (timing) => {
      const viewers = await Promise.all([getViewer(requestWith(cookie)), getViewer(requestWith(cookie))]);
      return { ids: viewers.map((v) => v?.userId), queries: timing().queries };
    });
    expect(together).toEqual({ ids: [user.id, user.id], queries: 1 });
    // Read again once the first read is over: a sign-out in between is seen.
    await db().session.updateMany({ where: { userId: user.id }, data: { revokedAt: new Date() } });
    expect(await getViewer(requestWith(cookie))).toBeNull();
  });

  it("keep only the token's hash in the database", async () => {
    const token = "exemple";
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toContain(token);
  });
});

describe("persona sign-in", () => {
  it("is off in production unless explicitly allowed", () => {
    const secrets = { SESSION_SECRETS: "s".repeat(40) };
    expect(loadConfig({ NODE_ENV: "production", ...secrets }).demoSignIn).toBe("off");
    expect(loadConfig({ NODE_ENV: "production", JALON_DEMO_SIGNIN: "1", ...secrets }).demoSignIn).toBe("explicit");
    expect(loadConfig({}).demoSignIn).toBe("local");
    expect(loadConfig({ JALON_DEMO_SIGNIN: "0" }).demoSignIn).toBe("off");
  });

  it("does not exist on a database the demo seed did not fill", async () => {
    const response = await thrown(demoLoader());
    expect((response as Response).status).toBe(404);
  });

  it("offers the personas of the demo database and signs in as one of them", async () => {
    await db().appMeta.create({ data: { key: "seed", value: { kind: "demo", scale: 1 } } });
    try {
      const persona = await createUser(db(), { email: "coach@demo.jalon.example", name: "Camille Coach" });
      const stranger = await createUser(db());
      const incubator = await createIncubator(db(), { name: "La Fabrique" });
      await assignRole(db(), { userId: persona.id, role: "coach", incubatorId: incubator.id });

      const { personas } = await demoLoader();
      expect(personas).toEqual([{ id: persona.id, name: "Camille Coach", email: "coach@demo.jalon.example", roles: ["Coach — La Fabrique"] }]);

      const refused = await demoAction(routeArgs("/connexion/demo", { body: new URLSearchParams({ userId: stranger.id }) }));
      expect(refused.status).toBe(400);
      expect(await db().session.count({ where: { userId: stranger.id } })).toBe(0);

      const response = await demoAction(routeArgs("/connexion/demo", { body: new URLSearchParams({ userId: persona.id }) }));
      expect(response.status).toBe(302);
      expect(await userIdOf(requestWith(cookieOf(response.headers.get("Set-Cookie")!)))).toBe(persona.id);
    } finally {
      await db().appMeta.delete({ where: { key: "seed" } });
    }
  });
});
