// Every route × every persona, through real HTTP against the built server: the expected answer
// (200, 403, 404, a redirection to sign-in…) for the public and for each role inside and outside its
// scope. A route file without a rule here fails the test, so no new route slips through unreviewed.
import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "~/auth/session.server";
import { installDatabase } from "~/db.server";
import {
  assignRole,
  createCommitteeSession,
  createIncubator,
  createMinistry,
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
type Expected = 200 | 400 | 401 | 403 | 404 | 405 | "signin" | "home";

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
  /** The ministry of incubator A, and the organisation sponsoring the private product A. */
  ministryA: string;
  organisationA: string;
  userInA: string;
  /** A committee session of incubator A, ahead, whose agenda holds the private product A. */
  sessionA: string;
}

const everyone = (expected: Expected): Probe["expect"] => expected;
const signedIn = (expected: Expected): Probe["expect"] => ({ anonymous: "signin", others: expected });

const adminHub: Probe["expect"] = { anonymous: "signin", platformAdmin: 200, incubatorAdminA: 200, incubatorAdminB: 200, others: 403 };
const platformOnly: Probe["expect"] = { anonymous: "signin", platformAdmin: 200, others: 403 };
// Writes are probed with an empty form: those allowed get past authorization to validation (400).
const adminHubWrite: Probe["expect"] = { anonymous: "signin", platformAdmin: 400, incubatorAdminA: 400, incubatorAdminB: 400, others: 403 };
const platformOnlyWrite: Probe["expect"] = { anonymous: "signin", platformAdmin: 400, others: 403 };
// A product's internal pages: whoever may not even read the product gets 404 (its existence is not
// disclosed), whoever reads it without the right 403; the public is sent to sign in.
const internalReadA: Probe["expect"] = {
  anonymous: "signin",
  platformAdmin: 200,
  incubatorAdminA: 200,
  coachA: 200,
  intrapreneurA: 200,
  committeeA: 200,
  investorA: 200,
  others: 404,
};
// A dossier's draft and its writes: the team and the incubator's staff; the committee and the sponsor
// read the product (403 on a write, 404 on a draft they may not see); anyone else gets 404.
const dossierWriteA: Probe["expect"] = { ...internalReadA, platformAdmin: 400, incubatorAdminA: 400, coachA: 400, intrapreneurA: 400, committeeA: 403, investorA: 403 };
const dossierDraftReadA: Probe["expect"] = { ...internalReadA, committeeA: 404, investorA: 404 };
const internalReadPublic: Probe["expect"] = { anonymous: "signin", platformAdmin: 200, incubatorAdminA: 200, coachA: 200, committeeA: 200, others: 403 };
const readersOfA = { anonymous: "signin", coachA: 403, intrapreneurA: 403, committeeA: 403, investorA: 403, others: 404 } as const;

/** A committee session of incubator A: read by its staff and committee, planned and run by its admins. */
const sessionReadA = (allowed: Expected): Probe["expect"] => ({
  anonymous: "signin",
  platformAdmin: allowed,
  incubatorAdminA: allowed,
  coachA: allowed,
  committeeA: allowed,
  others: 403,
});
const sessionManageA = (allowed: Expected): Probe["expect"] => ({ anonymous: "signin", platformAdmin: allowed, incubatorAdminA: allowed, others: 403 });

/** Incubator A's staff (and platform admins) create products there: `allowed` is 200 to read, 400 to write. */
const productCreate = (allowed: Expected): Probe["expect"] => ({
  anonymous: "signin",
  platformAdmin: allowed,
  incubatorAdminA: allowed,
  coachA: allowed,
  others: 403,
});

/**
 * Editing a product of incubator A: its staff, and the team of the private one. Those who read the
 * product but may not edit it get a 403 (everyone, for the public product), the others a 404.
 */
function productEdit(visibility: "public" | "private", allowed: Expected): Probe["expect"] {
  const staff = { anonymous: "signin", platformAdmin: allowed, incubatorAdminA: allowed, coachA: allowed } as const;
  return visibility === "public"
    ? { ...staff, others: 403 }
    : { ...staff, intrapreneurA: allowed, committeeA: 403, investorA: 403, others: 404 };
}

/** The rules: one entry per route file of app/routes. */
const ROUTES: Record<string, (f: Fixture) => Probe[]> = {
  _index: () => [{ path: "/", expect: everyone(200) }, { path: "/?phase=inconnue", expect: everyone(400) }],
  // Everyone may export the list; what it holds follows visibility (tests/portfolio.test.ts).
  "produits[.]csv": () => [
    { path: "/produits.csv", expect: everyone(200) },
    { path: "/produits.csv?phase=inconnue", expect: everyone(400) },
  ],
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
  // The incubator's internal views: its staff and committee members (and platform admins).
  "incubateurs.$slug_.relances": (f) => [
    {
      path: `/incubateurs/${f.incubatorA}/relances`,
      expect: { anonymous: "signin", platformAdmin: 200, incubatorAdminA: 200, coachA: 200, committeeA: 200, others: 403 },
    },
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
  "produits.$slug_.phases": (f) => [
    { path: `/produits/${f.privateProductA}/phases`, expect: internalReadA },
    { path: `/produits/${f.publicProduct}/phases`, expect: internalReadPublic },
    // Corrections: the incubator's admins and platform admins only.
    { path: `/produits/${f.privateProductA}/phases`, method: "POST", expect: { ...readersOfA, platformAdmin: 400, incubatorAdminA: 400 } },
    { path: `/produits/${f.publicProduct}/phases`, method: "POST", expect: { anonymous: "signin", platformAdmin: 400, incubatorAdminA: 400, others: 403 } },
  ],
  "produits.$slug_.equipe": (f) => [
    { path: `/produits/${f.privateProductA}/equipe`, expect: internalReadA },
    { path: `/produits/${f.publicProduct}/equipe`, expect: internalReadPublic },
    // Team changes: the incubator's admins and coaches, the intrapreneur, platform admins.
    {
      path: `/produits/${f.privateProductA}/equipe`,
      method: "POST",
      expect: { ...readersOfA, platformAdmin: 400, incubatorAdminA: 400, coachA: 400, intrapreneurA: 400 },
    },
    {
      path: `/produits/${f.publicProduct}/equipe`,
      method: "POST",
      expect: { anonymous: "signin", platformAdmin: 400, incubatorAdminA: 400, coachA: 400, others: 403 },
    },
  ],
  "produits.$slug_.modifier": (f) => [
    { path: `/produits/${f.publicProduct}/modifier`, expect: productEdit("public", 200) },
    { path: `/produits/${f.publicProduct}/modifier`, method: "POST", expect: productEdit("public", 400) },
    { path: `/produits/${f.privateProductA}/modifier`, expect: productEdit("private", 200) },
    { path: `/produits/${f.privateProductA}/modifier`, method: "POST", expect: productEdit("private", 400) },
  ],
  "incubateurs.$slug_.nouveau-produit": (f) => [
    { path: `/incubateurs/${f.incubatorA}/nouveau-produit`, expect: productCreate(200) },
    { path: `/incubateurs/${f.incubatorA}/nouveau-produit`, method: "POST", expect: productCreate(400) },
    { path: "/incubateurs/inconnu/nouveau-produit", expect: everyone(404) },
  ],
  // Indicators: the list is read like the product (public indicators for everyone); defining them and
  // entering values is the team's and the incubator staff's, as editing the product's profile is.
  "produits.$slug_.indicateurs._index": (f) => [
    { path: `/produits/${f.publicProduct}/indicateurs`, expect: everyone(200) },
    { path: `/produits/${f.privateProductA}/indicateurs`, expect: { ...internalReadA, anonymous: 404 } },
    { path: `/produits/${f.privateProductA}/indicateurs`, method: "POST", expect: productEdit("private", 400) },
    { path: `/produits/${f.publicProduct}/indicateurs`, method: "POST", expect: productEdit("public", 400) },
  ],
  "produits.$slug_.indicateurs.$id": (f) => [
    { path: `/produits/${f.privateProductA}/indicateurs/nouveau`, expect: productEdit("private", 200) },
    { path: `/produits/${f.privateProductA}/indicateurs/nouveau`, method: "POST", expect: productEdit("private", 400) },
    { path: `/produits/${f.publicProduct}/indicateurs/nouveau`, expect: productEdit("public", 200) },
    { path: `/produits/${f.privateProductA}/indicateurs/00000000-0000-4000-8000-000000000000`, expect: productEdit("private", 404) },
  ],
  "produits.$slug_.indicateurs.saisie": (f) => [
    { path: `/produits/${f.privateProductA}/indicateurs/saisie`, expect: productEdit("private", 200) },
    { path: `/produits/${f.privateProductA}/indicateurs/saisie`, method: "POST", expect: productEdit("private", 400) },
    { path: `/produits/${f.publicProduct}/indicateurs/saisie?periode=2026-01`, expect: productEdit("public", 200) },
    { path: `/produits/${f.publicProduct}/indicateurs/saisie?periode=illisible`, expect: productEdit("public", 400) },
  ],
  // Importing values and managing API tokens: `indicator.write`, as entering values is.
  "produits.$slug_.indicateurs.import": (f) => [
    { path: `/produits/${f.privateProductA}/indicateurs/import`, expect: productEdit("private", 200) },
    { path: `/produits/${f.privateProductA}/indicateurs/import`, method: "POST", expect: productEdit("private", 400) },
    { path: `/produits/${f.publicProduct}/indicateurs/import`, method: "POST", expect: productEdit("public", 400) },
  ],
  "produits.$slug_.indicateurs.modele[.]csv": (f) => [
    { path: `/produits/${f.privateProductA}/indicateurs/modele.csv`, expect: productEdit("private", 200) },
    { path: `/produits/${f.publicProduct}/indicateurs/modele.csv`, expect: productEdit("public", 200) },
  ],
  // Budget statements: entered by the incubator's staff and the team ("funding.edit").
  "produits.$slug_.financement_.budget": (f) => [
    { path: `/produits/${f.privateProductA}/financement/budget`, expect: productEdit("private", 200) },
    { path: `/produits/${f.privateProductA}/financement/budget?annee=1999&nature=actual`, expect: productEdit("private", 400) },
    { path: `/produits/${f.privateProductA}/financement/budget`, method: "POST", expect: productEdit("private", 400) },
    { path: `/produits/${f.publicProduct}/financement/budget`, method: "POST", expect: productEdit("public", 400) },
  ],
  "produits.$slug_.financement_.budget_.import": (f) => [
    { path: `/produits/${f.privateProductA}/financement/budget/import`, expect: productEdit("private", 200) },
    { path: `/produits/${f.privateProductA}/financement/budget/import`, method: "POST", expect: productEdit("private", 400) },
    { path: `/produits/${f.publicProduct}/financement/budget/import`, method: "POST", expect: productEdit("public", 400) },
  ],
  "produits.$slug_.financement_.budget_.modele[.]csv": (f) => [
    { path: `/produits/${f.privateProductA}/financement/budget/modele.csv`, expect: productEdit("private", 200) },
    { path: `/produits/${f.publicProduct}/financement/budget/modele.csv?annee=2025&nature=actual`, expect: productEdit("public", 200) },
  ],
  // The Financement page (envelopes, runway, budget): those who read the product's funding
  // ("funding.read"); the envelope forms: its staff and team ("funding.edit"), never its investors.
  "produits.$slug_.financement": (f) => [
    { path: `/produits/${f.privateProductA}/financement`, expect: internalReadA },
    { path: `/produits/${f.publicProduct}/financement`, expect: internalReadPublic },
  ],
  "produits.$slug_.financement_.enveloppes.nouvelle": (f) => [
    { path: `/produits/${f.privateProductA}/financement/enveloppes/nouvelle`, expect: productEdit("private", 200) },
    { path: `/produits/${f.privateProductA}/financement/enveloppes/nouvelle`, method: "POST", expect: productEdit("private", 400) },
    { path: `/produits/${f.publicProduct}/financement/enveloppes/nouvelle`, method: "POST", expect: productEdit("public", 400) },
  ],
  "produits.$slug_.financement_.enveloppes.$id": (f) => [
    { path: `/produits/${f.privateProductA}/financement/enveloppes/00000000-0000-4000-8000-000000000000`, expect: productEdit("private", 404) },
    { path: `/produits/${f.privateProductA}/financement/enveloppes/00000000-0000-4000-8000-000000000000`, method: "POST", expect: productEdit("private", 404) },
    { path: `/produits/${f.publicProduct}/financement/enveloppes/inconnue`, expect: productEdit("public", 404) },
  ],
  // The budget page: public for a public product; for a private one, those who read its funding, and
  // a 404 for everyone else, the public included (its existence is not disclosed).
  "produits.$slug_.budget": (f) => [
    { path: `/produits/${f.publicProduct}/budget`, expect: everyone(200) },
    { path: `/produits/${f.privateProductA}/budget`, expect: { ...internalReadA, anonymous: 404 } },
    { path: `/produits/${f.privateProductB}/budget`, expect: { platformAdmin: 200, incubatorAdminB: 200, coachB: 200, teamB: 200, committeeB: 200, others: 404 } },
  ],
  "produits.$slug_.budget[.]csv": (f) => [
    { path: `/produits/${f.publicProduct}/budget.csv`, expect: everyone(200) },
    { path: `/produits/${f.privateProductA}/budget.csv`, expect: { ...internalReadA, anonymous: 404 } },
  ],
  "produits.$slug_.jetons": (f) => [
    { path: `/produits/${f.privateProductA}/jetons`, expect: productEdit("private", 200) },
    { path: `/produits/${f.privateProductA}/jetons`, method: "POST", expect: productEdit("private", 400) },
    { path: `/produits/${f.publicProduct}/jetons`, expect: productEdit("public", 200) },
  ],
  // The API takes a bearer token, never a session cookie: every persona is unauthenticated there.
  "api.v1.products.$slug.indicator-values": (f) => [
    { path: `/api/v1/products/${f.privateProductA}/indicator-values`, method: "POST", expect: everyone(401) },
    { path: `/api/v1/products/${f.privateProductA}/indicator-values`, expect: everyone(405) },
  ],
  "api.v1.openapi[.]json": () => [{ path: "/api/v1/openapi.json", expect: everyone(200) }],
  // Open data: no session is read, so every persona sees the same; a private product is never disclosed.
  "api.public.v1.products._index": () => [
    { path: "/api/public/v1/products", expect: everyone(200) },
    { path: "/api/public/v1/products?pageSize=201", expect: everyone(400) },
  ],
  "api.public.v1.products.$slug": (f) => [
    { path: `/api/public/v1/products/${f.publicProduct}`, expect: everyone(200) },
    { path: `/api/public/v1/products/${f.privateProductA}`, expect: everyone(404) },
  ],
  "api.public.v1.openapi[.]json": () => [{ path: "/api/public/v1/openapi.json", expect: everyone(200) }],
  // The open datasets, as JSON pages and as files: the same for every persona, read-only (405 on a write).
  "api.public.v1.phases": (f) => [
    { path: "/api/public/v1/phases", expect: everyone(200) },
    { path: `/api/public/v1/phases?product=${f.privateProductA}`, expect: everyone(404) },
    { path: "/api/public/v1/phases", method: "POST", expect: everyone(405) },
  ],
  "api.public.v1.decisions": (f) => [
    { path: `/api/public/v1/decisions?product=${f.publicProduct}`, expect: everyone(200) },
    { path: "/api/public/v1/decisions?page=0", expect: everyone(400) },
    { path: "/api/public/v1/decisions", method: "POST", expect: everyone(405) },
  ],
  "api.public.v1.indicator-values": (f) => [
    { path: "/api/public/v1/indicator-values", expect: everyone(200) },
    { path: `/api/public/v1/indicator-values?product=${f.privateProductB}`, expect: everyone(404) },
    { path: "/api/public/v1/indicator-values", method: "POST", expect: everyone(405) },
  ],
  "api.public.v1.incubators": () => [
    { path: "/api/public/v1/incubators", expect: everyone(200) },
    { path: "/api/public/v1/incubators", method: "POST", expect: everyone(405) },
  ],
  "donnees._index": () => [
    { path: "/donnees", expect: everyone(200) },
    { path: "/donnees", method: "POST", expect: everyone(405) },
  ],
  "donnees.$file": () => [
    { path: "/donnees/indicateurs.csv", expect: everyone(200) },
    { path: "/donnees/decisions.schema.json", expect: everyone(200) },
    { path: "/donnees/datapackage.json", expect: everyone(200) },
    { path: "/donnees/inconnu.csv", expect: everyone(404) },
    { path: "/donnees/produits.csv", method: "POST", expect: everyone(405) },
  ],
  // A dossier: the committee and those who read the product's internals read submitted versions
  // (none yet: the page says so, the print and PDF are 404); the team and the staff read the draft.
  "comites.$id.dossiers.$slug._index": (f) => [
    { path: `/comites/${f.sessionA}/dossiers/${f.privateProductA}`, expect: internalReadA },
    { path: `/comites/${f.sessionA}/dossiers/${f.privateProductA}`, method: "POST", expect: dossierWriteA },
    // Not on the session's agenda: there is no such dossier.
    { path: `/comites/${f.sessionA}/dossiers/${f.publicProduct}`, expect: signedIn(404) },
  ],
  "comites.$id.dossiers.$slug.imprimer": (f) => [
    { path: `/comites/${f.sessionA}/dossiers/${f.privateProductA}/imprimer`, expect: dossierDraftReadA },
  ],
  "comites.$id.dossiers.$slug[.pdf]": (f) => [
    { path: `/comites/${f.sessionA}/dossiers/${f.privateProductA}.pdf`, expect: dossierDraftReadA },
  ],
  // Committees. The calendar answers anyone signed in with what they follow; a session is read by the
  // incubator's staff and committee (and its guests); planning it is the incubator admins'. Writes on
  // a session's pages are probed empty: readers reach validation (400), each action then checks its own right.
  "comites._index": () => [{ path: "/comites", expect: signedIn(200) }],
  "incubateurs.$slug_.comites.nouveau": (f) => [
    { path: `/incubateurs/${f.incubatorA}/comites/nouveau`, expect: sessionManageA(200) },
    { path: `/incubateurs/${f.incubatorA}/comites/nouveau`, method: "POST", expect: sessionManageA(400) },
    { path: "/incubateurs/inconnu/comites/nouveau", expect: signedIn(404) },
  ],
  "comites.$id._index": (f) => [
    { path: `/comites/${f.sessionA}`, expect: sessionReadA(200) },
    { path: `/comites/${f.sessionA}`, method: "POST", expect: sessionReadA(400) },
    { path: "/comites/00000000-0000-4000-8000-000000000000", expect: signedIn(404) },
  ],
  "comites.$id.modifier": (f) => [
    { path: `/comites/${f.sessionA}/modifier`, expect: sessionManageA(200) },
    { path: `/comites/${f.sessionA}/modifier`, method: "POST", expect: sessionManageA(400) },
  ],
  "comites.$id.invitation[.]ics": (f) => [{ path: `/comites/${f.sessionA}/invitation.ics`, expect: sessionReadA(200) }],
  "comites.$id.produits.$slug": (f) => [
    { path: `/comites/${f.sessionA}/produits/${f.privateProductA}`, expect: sessionReadA(200) },
    { path: `/comites/${f.sessionA}/produits/${f.privateProductA}`, method: "POST", expect: sessionReadA(400) },
    // Not on the session's agenda.
    { path: `/comites/${f.sessionA}/produits/${f.publicProduct}`, expect: sessionReadA(404) },
  ],
  "comites.$id.proces-verbal": (f) => [
    { path: `/comites/${f.sessionA}/proces-verbal`, expect: sessionReadA(200) },
    { path: `/comites/${f.sessionA}/proces-verbal`, method: "POST", expect: sessionReadA(400) },
  ],
  "comites.$id.proces-verbal[.pdf]": (f) => [{ path: `/comites/${f.sessionA}/proces-verbal.pdf`, expect: sessionReadA(200) }],
  // Dashboards: lifecycle figures for all (over what each may read); funding, impact and governance
  // exports for those who read some product's internal data; an organisation's for its investors.
  "tableau-de-bord._index": () => [
    { path: "/tableau-de-bord", expect: everyone(200) },
    { path: "/tableau-de-bord?du=deux-mille", expect: everyone(400) },
  ],
  "tableau-de-bord[.]csv": () => [
    { path: "/tableau-de-bord.csv?vue=entonnoir", expect: everyone(200) },
    { path: "/tableau-de-bord.csv?vue=financement-annees", expect: signedIn(200) },
    { path: "/tableau-de-bord.csv", expect: everyone(400) },
  ],
  "tableau-de-bord.ministeres.$slug[.csv]": (f) => [
    { path: `/tableau-de-bord/ministeres/${f.ministryA}.csv?vue=programme`, expect: everyone(200) },
    { path: "/tableau-de-bord/ministeres/inconnu.csv?vue=programme", expect: everyone(404) },
  ],
  "tableau-de-bord.incubateurs.$slug[.csv]": (f) => [
    { path: `/tableau-de-bord/incubateurs/${f.incubatorA}.csv?vue=conditions`, expect: signedIn(200) },
  ],
  "tableau-de-bord.organisations.$slug[.csv]": (f) => [
    { path: `/tableau-de-bord/organisations/${f.organisationA}.csv?vue=impact`, expect: { anonymous: "signin", platformAdmin: 200, investorA: 200, others: 403 } },
    { path: "/tableau-de-bord/organisations/inconnue.csv?vue=impact", expect: signedIn(404) },
  ],
  "tableau-de-bord.ministeres.$slug": (f) => [
    { path: `/tableau-de-bord/ministeres/${f.ministryA}`, expect: everyone(200) },
    { path: "/tableau-de-bord/ministeres/inconnu", expect: everyone(404) },
  ],
  "tableau-de-bord.incubateurs.$slug": (f) => [
    { path: `/tableau-de-bord/incubateurs/${f.incubatorA}`, expect: everyone(200) },
    { path: `/tableau-de-bord/incubateurs/${f.incubatorA}?incubateur=${f.incubatorA}`, expect: everyone(400) },
    { path: "/tableau-de-bord/incubateurs/inconnu", expect: everyone(404) },
  ],
  "tableau-de-bord.organisations.$slug": (f) => [
    { path: `/tableau-de-bord/organisations/${f.organisationA}`, expect: { anonymous: "signin", platformAdmin: 200, investorA: 200, others: 403 } },
    { path: "/tableau-de-bord/organisations/inconnue", expect: signedIn(404) },
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
  const ministryA = await createMinistry(db);
  const incA = await createIncubator(db, { ministryId: ministryA.id });
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
  const sessionA = await createCommitteeSession(db, {
    incubatorId: incA.id,
    startsAt: new Date(Date.now() + 30 * 86_400_000),
    productIds: [privateA.id],
  });
  fixture = {
    publicProduct: publicProduct.slug,
    privateProductA: privateA.slug,
    privateProductB: privateB.slug,
    incubatorA: incA.slug,
    ministryA: ministryA.slug,
    organisationA: orgA.slug,
    userInA,
    sessionA: sessionA.id,
  };

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

  // Personas are probed together, one probe at a time: every route × persona × probe takes a while.
  it("answers every persona as the rules say", { timeout: 600_000 }, async () => {
    const mismatches: string[] = [];
    // Signing out ends the personas' sessions: probed last.
    const ordered = [...routeIds().filter((id) => id !== "deconnexion"), "deconnexion"];
    for (const id of ordered) {
      for (const probe of ROUTES[id]?.(fixture) ?? []) {
        const answers = await Promise.all(
          PERSONAS.map(async (persona) => {
            const cookie = cookies.get(persona);
            const response = await fetch(`${server.url}${probe.path}`, {
              method: probe.method ?? "GET",
              redirect: "manual",
              headers: cookie ? { Cookie: cookie } : {},
            });
            await response.arrayBuffer();
            return { persona, got: describeAnswer(response, probe.path) };
          }),
        );
        for (const { persona, got } of answers) {
          const expected = expectedFor(probe, persona);
          if (got !== expected) mismatches.push(`${probe.method ?? "GET"} ${probe.path} as ${persona}: got ${got}, expected ${expected}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
