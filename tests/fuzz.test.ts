// Property-based fuzzing (fast-check) of every form action and API endpoint, called as Remix calls them
// (real Requests) by a signed-in platform administrator, who may write everywhere: random fields and
// values, form or multipart or JSON bodies, never answer 500 (an error other than a Response thrown),
// and an input refused with a 4xx changes nothing (a checksum of every table's rows, before and after).
// Field names and intents are read from the app's own forms, so that random input reaches past parsing.
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import {
  assignRole,
  createCommitteeSession,
  createFundingEnvelope,
  createIncubator,
  createIndicator,
  createMinistry,
  createOrganisation,
  createProduct,
  createUser,
} from "~/db/seed/factories.server";
import { projectPath } from "~/project-root.server";
import { setupTestDatabase } from "./support/db";
import { outcome, signIn } from "./support/route-calls";
import { routeArgs } from "./support/routes";

setupTestDatabase();

const RUNS_PER_ROUTE = 15;

interface Fixture {
  incubator: string;
  product: string;
  indicator: string;
  envelope: string;
  session: string;
  ministry: string;
  organisation: string;
  user: string;
}

/** Where each route with an action is called: its path and params. A new one without an entry fails. */
const TARGETS: Record<string, (f: Fixture) => { path: string; params: Record<string, string> }> = {
  "admin.incubateurs.$id": (f) => ({ path: `/admin/incubateurs/${f.incubator}`, params: { id: f.incubator } }),
  "admin.ministeres.$id": (f) => ({ path: `/admin/ministeres/${f.ministry}`, params: { id: f.ministry } }),
  "admin.organisations.$id": (f) => ({ path: `/admin/organisations/${f.organisation}`, params: { id: f.organisation } }),
  "admin.utilisateurs.$id": (f) => ({ path: `/admin/utilisateurs/${f.user}`, params: { id: f.user } }),
  "admin.utilisateurs.inviter": () => ({ path: "/admin/utilisateurs/inviter", params: {} }),
  "api.v1.products.$slug.indicator-values": (f) => ({ path: `/api/v1/products/${f.product}/indicator-values`, params: { slug: f.product } }),
  "comites.$id._index": (f) => ({ path: `/comites/${f.session}`, params: { id: f.session } }),
  "comites.$id.dossiers.$slug._index": (f) => ({ path: `/comites/${f.session}/dossiers/${f.product}`, params: { id: f.session, slug: f.product } }),
  "comites.$id.modifier": (f) => ({ path: `/comites/${f.session}/modifier`, params: { id: f.session } }),
  "comites.$id.proces-verbal": (f) => ({ path: `/comites/${f.session}/proces-verbal`, params: { id: f.session } }),
  "comites.$id.produits.$slug": (f) => ({ path: `/comites/${f.session}/produits/${f.product}`, params: { id: f.session, slug: f.product } }),
  connexion: () => ({ path: "/connexion", params: {} }),
  "connexion_.demo": () => ({ path: "/connexion/demo", params: {} }),
  "connexion_.lien": () => ({ path: "/connexion/lien", params: {} }),
  "connexion_.proconnect": () => ({ path: "/connexion/proconnect", params: {} }),
  deconnexion: () => ({ path: "/deconnexion", params: {} }),
  "incubateurs.$slug_.comites.nouveau": (f) => ({ path: `/incubateurs/${f.incubator}/comites/nouveau`, params: { slug: f.incubator } }),
  "incubateurs.$slug_.nouveau-produit": (f) => ({ path: `/incubateurs/${f.incubator}/nouveau-produit`, params: { slug: f.incubator } }),
  "produits.$slug_.equipe": (f) => ({ path: `/produits/${f.product}/equipe`, params: { slug: f.product } }),
  "produits.$slug_.financement_.budget": (f) => ({ path: `/produits/${f.product}/financement/budget`, params: { slug: f.product } }),
  "produits.$slug_.financement_.enveloppes.$id": (f) => ({ path: `/produits/${f.product}/financement/enveloppes/${f.envelope}`, params: { slug: f.product, id: f.envelope } }),
  "produits.$slug_.financement_.enveloppes.nouvelle": (f) => ({ path: `/produits/${f.product}/financement/enveloppes/nouvelle`, params: { slug: f.product } }),
  "produits.$slug_.financement_.budget_.import": (f) => ({ path: `/produits/${f.product}/financement/budget/import`, params: { slug: f.product } }),
  "produits.$slug_.indicateurs.$id": (f) => ({ path: `/produits/${f.product}/indicateurs/${f.indicator}`, params: { slug: f.product, id: f.indicator } }),
  "produits.$slug_.indicateurs._index": (f) => ({ path: `/produits/${f.product}/indicateurs`, params: { slug: f.product } }),
  "produits.$slug_.indicateurs.import": (f) => ({ path: `/produits/${f.product}/indicateurs/import`, params: { slug: f.product } }),
  "produits.$slug_.indicateurs.saisie": (f) => ({ path: `/produits/${f.product}/indicateurs/saisie?periode=2025-10`, params: { slug: f.product } }),
  "produits.$slug_.jetons": (f) => ({ path: `/produits/${f.product}/jetons`, params: { slug: f.product } }),
  "produits.$slug_.modifier": (f) => ({ path: `/produits/${f.product}/modifier`, params: { slug: f.product } }),
  "produits.$slug_.phases": (f) => ({ path: `/produits/${f.product}/phases`, params: { slug: f.product } }),
};

type RouteModule = { action?: (args: unknown) => Promise<unknown>; loader?: (args: unknown) => Promise<unknown> };

const routeFiles = readdirSync(projectPath("app", "routes")).filter((f) => /\.tsx?$/.test(f));
const routeId = (file: string) => file.replace(/\.tsx?$/, "");
const source = (file: string) => readFileSync(projectPath("app", "routes", file), "utf8");
const withAction = routeFiles.filter((f) => /export (async )?(function|const) action\b/.test(source(f)));
// Endpoints that only read: fuzzed through their query string.
const apiReads = routeFiles.filter((f) => f.startsWith("api.") && /export (async )?(function|const) loader\b/.test(source(f)));

/** Every file of app/, for the names its forms use. */
function appSources(dir = projectPath("app")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === "generated" ? [] : appSources(full);
    return /\.tsx?$/.test(entry.name) ? [readFileSync(full, "utf8")] : [];
  });
}
const sources = appSources();
const FIELD_NAMES = [...new Set(sources.flatMap((s) => [...s.matchAll(/\bname(?:=|: )"([a-zA-Z][\w-]*)"/g)].map((m) => m[1])))];
const INTENTS = [
  ...new Set(sources.flatMap((s) => s.split("\n").filter((line) => /intent/i.test(line)).flatMap((line) => [...line.matchAll(/"([a-z][a-z-]{1,30})"/g)].map((m) => m[1])))),
];

const nasty = fc.constantFrom(
  "",
  " ",
  "0",
  "-1",
  "1e309",
  "NaN",
  "-0,5",
  "1 234,56",
  "2025-13-45",
  "9999-12-31",
  "0000-00-00T25:61",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "\u0000",
  "\uFEFF",
  "é".repeat(3000),
  "x".repeat(70_000),
  "00000000-0000-4000-8000-000000000000",
  "true",
  "on",
  "[]",
  "{}",
);
const value = fc.oneof(fc.string(), fc.string({ unit: "grapheme", maxLength: 40 }), nasty, fc.integer().map(String), fc.double().map(String), fc.uuid(), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()));

function fieldsFor(fixture: Fixture) {
  const dynamic = [`valeur-${fixture.indicator}-2025-10-01`, `raison-${fixture.indicator}-2025-10-01`];
  const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FIELD_NAMES, ...dynamic) }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }) });
  const intent = fc.constantFrom(...INTENTS).map((v) => ["intent", v] as [string, string]);
  return fc
    .tuple(fc.option(intent, { nil: undefined }), fc.array(fc.tuple(key, value), { maxLength: 10 }))
    .map(([i, rest]) => (i ? [i, ...rest] : rest));
}

type Body = { kind: "form"; fields: [string, string][] } | { kind: "multipart"; fields: [string, string][]; file: string } | { kind: "json"; json: unknown } | { kind: "raw"; text: string };

function bodies(fixture: Fixture): fc.Arbitrary<Body> {
  const fields = fieldsFor(fixture);
  return fc.oneof(
    { weight: 5, arbitrary: fields.map((f): Body => ({ kind: "form", fields: f })) },
    { weight: 2, arbitrary: fc.tuple(fields, fc.string({ maxLength: 500 })).map(([f, file]): Body => ({ kind: "multipart", fields: f, file })) },
    { weight: 2, arbitrary: fc.jsonValue().map((json): Body => ({ kind: "json", json })) },
    { weight: 1, arbitrary: fc.string({ maxLength: 300 }).map((text): Body => ({ kind: "raw", text })) },
  );
}

function request(path: string, body: Body, headers: Record<string, string>): Request {
  const url = `http://localhost${path}`;
  switch (body.kind) {
    case "form":
      return new Request(url, { method: "POST", headers, body: new URLSearchParams(body.fields) });
    case "multipart": {
      const form = new FormData();
      for (const [k, v] of body.fields) form.append(k, v);
      form.append("fichier", new File([body.file], "essai.csv", { type: "text/csv" }));
      return new Request(url, { method: "POST", headers, body: form });
    }
    case "json":
      return new Request(url, { method: "POST", headers: { ...headers, "Content-Type": "application/json" }, body: JSON.stringify(body.json) });
    case "raw":
      return new Request(url, { method: "POST", headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" }, body: body.text });
  }
}

/** The status Remix would send: a thrown Response is its status; any other error would be a 500. */
async function statusOf(call: Promise<unknown>): Promise<number> {
  try {
    return outcome(await call).status;
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
}

/** The query parameters an endpoint reads: the keys of its zod schemas, and a stray one. */
function queryNames(id: string): string[] {
  const file = routeFiles.find((f) => routeId(f) === id)!;
  return [...new Set([...source(file).matchAll(/^\s+"?([\w-]+)"?: z\./gm)].map((m) => m[1])), "inconnu"];
}

/**
 * A checksum of every table's rows, in one statement. Audit rows and rate-limit counters record
 * refusals by design, and a token's or a session's last use is noted whatever the answer.
 */
let snapshotSql = "";
async function snapshot(): Promise<Record<string, string>> {
  if (!snapshotSql) {
    const tables = await db().$queryRaw<{ table_name: string }[]>`
      SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
        AND table_name NOT IN ('_prisma_migrations', 'AuditLog', 'RateLimitCounter') ORDER BY 1`;
    snapshotSql = tables
      .map(({ table_name: t }) => `SELECT '${t}' AS name, (SELECT count(*) || ':' || coalesce(md5(string_agg(r, ',' ORDER BY r)), '') FROM (SELECT (to_jsonb(x) - 'lastUsedAt' - 'lastSeenAt')::text AS r FROM "${t}" x) y) AS sum`)
      .join(" UNION ALL ");
  }
  const rows = await db().$queryRawUnsafe<{ name: string; sum: string }[]>(snapshotSql);
  return Object.fromEntries(rows.map((r) => [r.name, r.sum]));
}

let fixture: Fixture;
let cookie: string;
let apiToken: string;

beforeAll(async () => {
  const incubator = await createIncubator(db());
  const organisation = await createOrganisation(db());
  const ministry = await createMinistry(db(), {});
  const product = await createProduct(db(), { primaryIncubatorId: incubator.id, phases: [{ phase: "investigation", start: "2025-01-06" }], sponsorIds: [organisation.id] });
  const indicator = await createIndicator(db(), { productId: product.id, values: [{ periodStart: "2025-09-01", value: 10 }] });
  const envelope = await createFundingEnvelope(db(), { productId: product.id, funderId: organisation.id });
  const session = await createCommitteeSession(db(), { incubatorId: incubator.id, startsAt: new Date(Date.now() - 3600_000), productIds: [product.id] });
  const admin = await createUser(db());
  await assignRole(db(), { userId: admin.id, role: "platform_admin" });
  const user = await createUser(db());
  await assignRole(db(), { userId: user.id, role: "team_member", productId: product.id });
  fixture = { incubator: incubator.slug, product: product.slug, indicator: indicator.id, envelope: envelope.id, session: session.id, ministry: ministry.id, organisation: organisation.id, user: user.id };
  cookie = await signIn(admin.id);
  const tokens = (await import("~/routes/produits.$slug_.jetons")) as RouteModule;
  const created = outcome(
    await tokens.action!(routeArgs(`/produits/${product.slug}/jetons`, { cookie, body: new URLSearchParams({ intent: "create", name: "Fuzz" }), params: { slug: product.slug } })),
  ).data as { created: { token: string } };
  apiToken = created.created.token;
});

describe("what fuzzing found", () => {
  it("refuses publishing or amending a decision without its id (400), instead of a database error", async () => {
    const committee = (await import("~/routes/comites.$id.produits.$slug")) as RouteModule;
    const { path, params } = TARGETS["comites.$id.produits.$slug"](fixture);
    for (const intent of ["publish", "amend"]) {
      const before = await snapshot();
      const call = committee.action!(routeArgs(path, { cookie, params, body: new URLSearchParams({ intent, decisionId: "", outcome: "continue" }) }));
      expect(await statusOf(call), intent).toBe(400);
      expect(await snapshot()).toEqual(before);
    }
  });
});

describe("fuzzing", () => {
  it("has a target for every route with an action", () => {
    expect(withAction.map(routeId).filter((id) => !(id in TARGETS))).toEqual([]);
    expect(Object.keys(TARGETS).filter((id) => !withAction.map(routeId).includes(id))).toEqual([]);
  });

  it.each(withAction.map(routeId))("%s never answers 500 and changes nothing when it refuses", async (id) => {
    const route = (await import(/* @vite-ignore */ projectPath("app", "routes", routeFiles.find((f) => routeId(f) === id)!))) as RouteModule;
    const { path, params } = TARGETS[id](fixture);
    // Signing out spends the session: that route gets a session of its own each time.
    const ownSession = id === "deconnexion";
    // The state before a call is the state after the previous one when that one was refused.
    let before: Record<string, string> | null = null;
    await fc.assert(
      fc.asyncProperty(bodies(fixture), async (body) => {
        const who = ownSession ? await signIn(fixture.user) : cookie;
        const headers: Record<string, string> = { Cookie: who };
        if (id.startsWith("api.")) headers.Authorization = `Bearer ${apiToken}`;
        before = ownSession || !before ? await snapshot() : before;
        const status = await statusOf(route.action!({ request: request(path, body, headers), params, context: { clientAddress: "127.0.0.1", cspNonce: "" } }));
        expect(status, JSON.stringify(body).slice(0, 300)).toBeLessThan(500);
        if (status >= 400) expect(await snapshot()).toEqual(before);
        else before = null;
      }),
      { numRuns: RUNS_PER_ROUTE, endOnFailure: true },
    );
  });

  it.each(apiReads.map(routeId))("%s never answers 500 to a random query", async (id) => {
    const route = (await import(/* @vite-ignore */ projectPath("app", "routes", routeFiles.find((f) => routeId(f) === id)!))) as RouteModule;
    const params = { slug: fixture.product };
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...queryNames(id)), value), { maxLength: 5 }), async (query) => {
        const path = `/${id.split(".").slice(0, 3).join("/")}?${new URLSearchParams(query)}`;
        const status = await statusOf(route.loader!({ request: new Request(`http://localhost${path}`), params, context: { clientAddress: "127.0.0.1", cspNonce: "" } }));
        expect(status, path).toBeLessThan(500);
      }),
      { numRuns: RUNS_PER_ROUTE, endOnFailure: true },
    );
  });
});
