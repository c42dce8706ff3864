// Every route × every persona, through real HTTP against the built server: the expected answer
// (200, 403, 404, a redirection to sign-in…) for the public and for each role inside and outside its
// scope. A route file without a rule here fails the test, so no new route slips through unreviewed.
import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "~/auth/session.server";
import { installDatabase } from "~/db.server";
import {
  assignRole,
  createIncubator,
  createOrganisation,
  createProduct,
  createUser,
} from "~/db/seed/factories.server";
import { projectPath } from "~/project-root.server";
import { createTestDatabase, type TestDatabase } from "./support/db";
import { startServer, targetEnv, type RunningServer } from "./support/server";

const SECRET = "matrix-secret-0123456789-abcdefghijklmnop";
process.env.SESSION_SECRETS = SECRET;

const PERSONAS = [
  "anonymous",
  "platformAdmin",
  "incubatorAdminA",
  "incubatorAdminB",
  "coachA",
  "coachB",
  "intrapreneurA",
  "teamB",
  "committeeA",
  "committeeB",
  "investorA",
  "investorOther",
] as const;
type Persona = (typeof PERSONAS)[number];

/** 302 "signin" is a redirection to /connexion carrying the requested path. */
type Expected = 200 | 400 | 403 | 404 | 405 | "signin" | "home";

interface Probe {
  path: string;
  method?: "GET" | "POST";
  expect: Expected | (Partial<Record<Persona, Expected>> & { others: Expected });
}

interface Fixture {
  publicProduct: string;
  privateProductA: string;
  privateProductB: string;
  incubatorA: string;
  userInA: string;
}

const everyone = (expected: Expected): Probe["expect"] => expected;
const signedIn = (expected: Expected): Probe["expect"] => ({ anonymous: "signin", others: expected });

const adminHub: Probe["expect"] = { anonymous: "signin", platformAdmin: 200, incubatorAdminA: 200, incubatorAdminB: 200, others: 403 };
const platformOnly: Probe["expect"] = { anonymous: "signin", platformAdmin: 200, others: 403 };
// Writes are probed with an empty form: those allowed get past authorization to validation (400).
const adminHubWrite: Probe["expect"] = { anonymous: "signin", platformAdmin: 400, incubatorAdminA: 400, incubatorAdminB: 400, others: 403 };
const platformOnlyWrite: Probe["expect"] = { anonymous: "signin", platformAdmin: 400, others: 403 };

/** The rules: one entry per route file of app/routes. */
const ROUTES: Record<string, (f: Fixture) => Probe[]> = {
  _index: () => [{ path: "/", expect: everyone(200) }, { path: "/?phase=inconnue", expect: everyone(400) }],
  $: () => [{ path: "/nulle-part", expect: everyone(404) }],
  accessibilite: () => [{ path: "/accessibilite", expect: everyone(200) }],
  "mentions-legales": () => [{ path: "/mentions-legales", expect: everyone(200) }],
  "donnees-personnelles": () => [{ path: "/donnees-personnelles", expect: everyone(200) }],
  healthz: () => [{ path: "/healthz", expect: everyone(200) }],
  connexion: () => [
    { path: "/connexion", expect: everyone(200) },
    { path: "/connexion", method: "POST", expect: everyone(400) },
  ],
  // Not a demo database, and production: the persona page does not exist.
  "connexion_.demo": () => [
    { path: "/connexion/demo", expect: everyone(404) },
    { path: "/connexion/demo", method: "POST", expect: everyone(404) },
  ],
  "connexion_.invitation-requise": () => [{ path: "/connexion/invitation-requise", expect: everyone(404) }],
  "connexion_.lien": () => [
    { path: "/connexion/lien?jeton=inconnu", expect: everyone(200) },
    { path: "/connexion/lien", method: "POST", expect: everyone(400) },
  ],
  // ProConnect is not configured on this server.
  "connexion_.proconnect": () => [{ path: "/connexion/proconnect", method: "POST", expect: everyone(404) }],
  "connexion_.proconnect.callback": () => [{ path: "/connexion/proconnect/callback", expect: everyone(404) }],
  deconnexion: () => [
    { path: "/deconnexion", expect: everyone("home") },
    { path: "/deconnexion", method: "POST", expect: everyone("home") },
  ],
  compte: () => [{ path: "/compte", expect: signedIn(200) }],
  "incubateurs._index": () => [{ path: "/incubateurs", expect: everyone(200) }],
  "incubateurs.$slug": (f) => [
    { path: `/incubateurs/${f.incubatorA}`, expect: everyone(200) },
    { path: "/incubateurs/inconnu", expect: everyone(404) },
  ],
  "admin._index": () => [{ path: "/admin", expect: adminHub }],
  "admin.utilisateurs._index": () => [{ path: "/admin/utilisateurs", expect: adminHub }],
  "admin.utilisateurs.inviter": () => [
    { path: "/admin/utilisateurs/inviter", expect: adminHub },
    { path: "/admin/utilisateurs/inviter", method: "POST", expect: adminHubWrite },
  ],
  "admin.utilisateurs.$id": (f) => [
    {
      path: `/admin/utilisateurs/${f.userInA}`,
      expect: { anonymous: "signin", platformAdmin: 200, incubatorAdminA: 200, incubatorAdminB: 404, others: 403 },
    },
    {
      path: `/admin/utilisateurs/${f.userInA}`,
      method: "POST",
      expect: { anonymous: "signin", platformAdmin: 400, incubatorAdminA: 400, incubatorAdminB: 404, others: 403 },
    },
  ],
  "admin.ministeres._index": () => [{ path: "/admin/ministeres", expect: platformOnly }],
  "admin.ministeres.$id": () => [
    { path: "/admin/ministeres/nouveau", expect: platformOnly },
    { path: "/admin/ministeres/nouveau", method: "POST", expect: platformOnlyWrite },
  ],
  "admin.organisations._index": () => [{ path: "/admin/organisations", expect: platformOnly }],
  "admin.organisations.$id": () => [
    { path: "/admin/organisations/nouveau", expect: platformOnly },
    { path: "/admin/organisations/nouveau", method: "POST", expect: platformOnlyWrite },
  ],
  "admin.incubateurs._index": () => [{ path: "/admin/incubateurs", expect: platformOnly }],
  "admin.incubateurs.$id": () => [
    { path: "/admin/incubateurs/nouveau", expect: platformOnly },
    { path: "/admin/incubateurs/nouveau", method: "POST", expect: platformOnlyWrite },
  ],
  "admin.journal": () => [{ path: "/admin/journal", expect: platformOnly }],
  "produits.$slug": (f) => [
    { path: `/produits/${f.publicProduct}`, expect: everyone(200) },
    {
      path: `/produits/${f.privateProductA}`,
      expect: { platformAdmin: 200, incubatorAdminA: 200, coachA: 200, intrapreneurA: 200, committeeA: 200, investorA: 200, others: 404 },
    },
    { path: `/produits/${f.privateProductB}`, expect: { platformAdmin: 200, incubatorAdminB: 200, coachB: 200, teamB: 200, committeeB: 200, others: 404 } },
  ],
};

function routeIds(): string[] {
  return readdirSync(projectPath("app", "routes"))
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => f.replace(/\.tsx?$/, ""))
    .sort();
}

function expectedFor(probe: Probe, persona: Persona): Expected {
  return typeof probe.expect === "object" ? (probe.expect[persona] ?? probe.expect.others) : probe.expect;
}

function describeAnswer(response: Response, path: string): Expected | number {
  if (response.status === 302 || response.status === 303) {
    const location = response.headers.get("location") ?? "";
    if (location === `/connexion?redirectTo=${encodeURIComponent(path)}`) return "signin";
    if (location === "/") return "home";
  }
  return response.status as Expected;
}

let testDb: TestDatabase;
let server: RunningServer;
let fixture: Fixture;
const cookies = new Map<Persona, string>();

beforeAll(async () => {
  testDb = await createTestDatabase();
  installDatabase(testDb.database);
  const db = testDb.database.prisma;
  const orgA = await createOrganisation(db);
  const orgOther = await createOrganisation(db);
  const incA = await createIncubator(db);
  const incB = await createIncubator(db);
  const publicProduct = await createProduct(db, { primaryIncubatorId: incA.id, phases: [{ phase: "investigation", start: "2025-01-06" }] });
  const privateA = await createProduct(db, { primaryIncubatorId: incA.id, isPublic: false, sponsorIds: [orgA.id] });
  const privateB = await createProduct(db, { primaryIncubatorId: incB.id, isPublic: false, sponsorIds: [orgOther.id] });

  const grants: Record<Exclude<Persona, "anonymous">, Parameters<typeof assignRole>[1] extends infer G ? Omit<G, "userId"> : never> = {
    platformAdmin: { role: "platform_admin" },
    incubatorAdminA: { role: "incubator_admin", incubatorId: incA.id },
    incubatorAdminB: { role: "incubator_admin", incubatorId: incB.id },
    coachA: { role: "coach", incubatorId: incA.id },
    coachB: { role: "coach", incubatorId: incB.id },
    intrapreneurA: { role: "team_member", productId: privateA.id, isIntrapreneur: true },
    teamB: { role: "team_member", productId: privateB.id },
    committeeA: { role: "committee_member", incubatorId: incA.id },
    committeeB: { role: "committee_member", incubatorId: incB.id },
    investorA: { role: "investor", organisationId: orgA.id },
    investorOther: { role: "investor", organisationId: await createOrganisation(db).then((o) => o.id) },
  };
  let userInA = "";
  for (const [persona, grant] of Object.entries(grants) as [Exclude<Persona, "anonymous">, (typeof grants)[keyof typeof grants]][]) {
    const user = await createUser(db);
    await assignRole(db, { ...grant, userId: user.id });
    if (persona === "coachA") userInA = user.id;
    const setCookie = await createSession(user.id, "demo", new Request("http://localhost/"));
    cookies.set(persona, setCookie.split(";")[0]);
  }
  fixture = { publicProduct: publicProduct.slug, privateProductA: privateA.slug, privateProductB: privateB.slug, incubatorA: incA.slug, userInA };

  // The server process opens the same data: the test process lets go of it first.
  await testDb.database.close();
  server = await startServer({ ...targetEnv(testDb.target), SESSION_SECRETS: SECRET, JALON_DEMO_DATA: "0" });
});

afterAll(async () => {
  await server?.stop();
  await testDb?.remove();
});

describe("authorization matrix", () => {
  it("has a rule for every route", () => {
    expect(routeIds().filter((id) => !(id in ROUTES))).toEqual([]);
    expect(Object.keys(ROUTES).filter((id) => !routeIds().includes(id))).toEqual([]);
  });

  it("answers every persona as the rules say", async () => {
    const mismatches: string[] = [];
    // Signing out ends the personas' sessions: probed last.
    const ordered = [...routeIds().filter((id) => id !== "deconnexion"), "deconnexion"];
    for (const id of ordered) {
      for (const probe of ROUTES[id]?.(fixture) ?? []) {
        for (const persona of PERSONAS) {
          const cookie = cookies.get(persona);
          const response = await fetch(`${server.url}${probe.path}`, {
            method: probe.method ?? "GET",
            redirect: "manual",
            headers: cookie ? { Cookie: cookie } : {},
          });
          await response.arrayBuffer();
          const got = describeAnswer(response, probe.path);
          const expected = expectedFor(probe, persona);
          if (got !== expected) mismatches.push(`${probe.method ?? "GET"} ${probe.path} as ${persona}: got ${got}, expected ${expected}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
