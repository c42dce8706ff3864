// Products: the description rendered as safe HTML, creating a product in an incubator, editing it
// (the team its profile, the incubator's staff everything), renaming with old addresses kept, and
// refusing an edit made from a stale version. Real Requests against a real database.
import { beforeAll, describe, expect, it } from "vitest";
import { isoDay, addMonthsUtc, today } from "~/domain/days";
import {
  assignRole,
  createIncubator,
  createOrganisation,
  createProduct,
  createUser,
} from "~/db/seed/factories.server";
import { renderMarkdown } from "~/products/markdown.server";
import type { ConflictRow } from "~/products/product-form";
import { action as createAction, loader as createLoader } from "~/routes/incubateurs.$slug_.nouveau-produit";
import { loader as productLoader } from "~/routes/produits.$slug";
import { action as editAction, loader as editLoader } from "~/routes/produits.$slug_.modifier";
import { setupTestDatabase } from "./support/db";
import { outcome, post, signIn, thrownStatus } from "./support/route-calls";
import { routeArgs } from "./support/routes";

const db = setupTestDatabase();

let fabrique: { id: string };
let atelier: { id: string };
let dgfip: { id: string };
let cgdd: { id: string };
let ecoTrace: { id: string };
let cookies: { coachA: string; coachB: string; team: string; admin: string };
let coachA: { id: string };
let teamMember: { id: string };

beforeAll(async () => {
  fabrique = await createIncubator(db(), { slug: "fabrique", name: "La Fabrique" });
  atelier = await createIncubator(db(), { slug: "atelier", name: "Atelier numérique" });
  dgfip = await createOrganisation(db(), { slug: "dgfip", name: "Direction générale des Finances publiques", acronym: "DGFiP" });
  cgdd = await createOrganisation(db(), { slug: "cgdd", name: "Commissariat général au développement durable", acronym: "CGDD" });
  ecoTrace = await createProduct(db(), {
    slug: "eco-trace",
    name: "Éco-trace",
    pitch: "Mesurer l'empreinte carbone des démarches.",
    primaryIncubatorId: fabrique.id,
    sponsorIds: [dgfip.id],
    phases: [{ phase: "construction", start: "2024-01-15" }],
  });
  coachA = await createUser(db(), { name: "Camille Coach" });
  await assignRole(db(), { userId: coachA.id, role: "coach", incubatorId: fabrique.id });
  const coachB = await createUser(db(), { name: "Bastien Coach" });
  await assignRole(db(), { userId: coachB.id, role: "coach", incubatorId: atelier.id });
  teamMember = await createUser(db(), { name: "Zoé Martin" });
  await assignRole(db(), { userId: teamMember.id, role: "team_member", productId: ecoTrace.id, isIntrapreneur: true });
  const admin = await createUser(db(), { name: "Paule Plateforme" });
  await assignRole(db(), { userId: admin.id, role: "platform_admin" });
  cookies = {
    coachA: await signIn(coachA.id),
    coachB: await signIn(coachB.id),
    team: await signIn(teamMember.id),
    admin: await signIn(admin.id),
  };
});

const productRow = (slug: string) =>
  db().product.findUniqueOrThrow({
    where: { slug },
    include: { sponsors: true, coIncubators: true, phases: true, slugAliases: true },
  });

const audits = (action: string, entityId?: string) =>
  db().auditLog.findMany({ where: { action, ...(entityId ? { entityId } : {}) }, orderBy: { at: "asc" } });

const errorsOf = (result: { data: unknown }) => (result.data as { errors: Record<string, string[]> }).errors;

// ---------- Markdown ----------

describe("the description's Markdown", () => {
  it("lets no script, event handler or raw HTML through", () => {
    const inputs = [
      "<script>alert(1)</script>",
      '<img src="x" onerror="alert(1)">',
      '<div onclick="alert(1)">\n\nbloc HTML brut\n\n</div>',
      "<iframe src=\"https://exemple.fr\"></iframe>",
      "Texte <b onmouseover=alert(1)>en ligne</b>",
    ];
    for (const input of inputs) {
      const html = renderMarkdown(input);
      expect(html).not.toMatch(/<(script|img|div|iframe|b)\b/i);
      expect(html).toContain("&lt;");
    }
    expect(renderMarkdown("<script>alert(1)</script>")).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
  });

  it("links only to web pages and e-mail addresses (markdown-it's own check kept)", () => {
    const refused = [
      "[x](javascript:alert(1))",
      "[x](JaVaScRiPt:alert(1))",
      "[x](javascript&#58;alert(1))",
      "[x](vbscript:msgbox(1))",
      "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
      "[x](file:///etc/passwd)",
      "[x](ftp://exemple.fr)",
      "[x](/produits/autre)",
      "<javascript:alert(1)>",
    ];
    for (const input of refused) expect(renderMarkdown(input)).not.toContain("<a");
  });

  it("gives links rel=noopener noreferrer, linkifies addresses, and loads no image", () => {
    expect(renderMarkdown("[Le site](https://beta.gouv.fr) ou [écrire](mailto:contact@beta.gouv.fr)")).toBe(
      '<p><a href="https://beta.gouv.fr" rel="noopener noreferrer">Le site</a> ou ' +
        '<a href="mailto:contact@beta.gouv.fr" rel="noopener noreferrer">écrire</a></p>\n',
    );
    expect(renderMarkdown("Voir https://beta.gouv.fr/stats")).toContain(
      '<a href="https://beta.gouv.fr/stats" rel="noopener noreferrer">',
    );
    expect(renderMarkdown("![logo](https://exemple.fr/logo.png)")).not.toContain("<img");
  });

  it("places headings under the page's own and keeps single line breaks", () => {
    expect(renderMarkdown("# Le problème\n\nUne ligne\nune autre\n\n- un\n- deux")).toBe(
      "<h3>Le problème</h3>\n<p>Une ligne<br>\nune autre</p>\n<ul>\n<li>un</li>\n<li>deux</li>\n</ul>\n",
    );
  });
});

// ---------- The product page ----------

describe("the product page", () => {
  it("shows the description as safe HTML, the last update, and Modifier only to those who may edit", async () => {
    const product = await createProduct(db(), {
      slug: "markdown-piege",
      primaryIncubatorId: fabrique.id,
      description: "**Gras** <script>alert(1)</script> [lien](javascript:alert(1))",
    });
    const load = async (cookie?: string) =>
      (await productLoader(routeArgs("/produits/markdown-piege", { params: { slug: "markdown-piege" }, cookie }))).data
        .product;

    const publicView = await load();
    expect(publicView.descriptionHtml).toBe(
      "<p><strong>Gras</strong> &lt;script&gt;alert(1)&lt;/script&gt; [lien](javascript:alert(1))</p>\n",
    );
    expect(publicView.updatedAt).toEqual(product.updatedAt);
    expect(publicView.mayEdit).toBe(false);
    expect((await load(cookies.coachB)).mayEdit).toBe(false);
    expect((await load(cookies.coachA)).mayEdit).toBe(true);
  });

  it("shows Modifier to the product's team", async () => {
    const page = await productLoader(routeArgs("/produits/eco-trace", { params: { slug: "eco-trace" }, cookie: cookies.team }));
    expect(page.data.product.mayEdit).toBe(true);
  });
});

// ---------- Creating ----------

describe("creating a product (/incubateurs/<slug>/nouveau-produit)", () => {
  const path = "/incubateurs/fabrique/nouveau-produit";
  const params = { slug: "fabrique" };
  const valid = () => ({
    name: "Aide à l'Écriture",
    slug: "",
    pitch: "Aider les agents à écrire des courriers clairs.",
    description: "## Le problème\r\n\r\nDes courriers **incompréhensibles**.",
    websiteUrl: "https://aide-ecriture.beta.gouv.fr",
    repositoryUrl: "",
    statsUrl: "https://aide-ecriture.beta.gouv.fr/stats",
    budgetUrl: "",
    accessibilityStatus: "partiellement_conforme",
    securityApproach: "Analyse de risques en cours.",
    openSource: "on",
    isPublic: "on",
    [`sponsorIds:${dgfip.id}`]: "on",
    [`sponsorIds:${cgdd.id}`]: "on",
    [`coIncubatorIds:${atelier.id}`]: "on",
    phaseStartDate: "2025-03-12",
  });
  const create = (cookie: string | null, body: Record<string, string>) => createAction(post(path, cookie, body, params));

  it("opens for the incubator's coach, with the lists to choose from", async () => {
    const page = await createLoader(routeArgs(path, { params, cookie: cookies.coachA }));
    expect(page.incubator).toEqual({ slug: "fabrique", name: "La Fabrique" });
    expect(page.choices.organisations.map((o) => o.value).sort()).toEqual([dgfip.id, cgdd.id].sort());
    // The incubator itself is not offered as its own co-incubator.
    expect(page.choices.incubators).toEqual([{ value: atelier.id, label: "Atelier numérique" }]);
  });

  it("creates the product, its sponsors, co-incubator and first phase in one audited step", async () => {
    const result = outcome(await create(cookies.coachA, valid()));
    expect(result).toMatchObject({ status: 302, location: "/produits/aide-a-l-ecriture" });
    const product = await productRow("aide-a-l-ecriture");
    expect(product).toMatchObject({
      name: "Aide à l'Écriture",
      pitch: "Aider les agents à écrire des courriers clairs.",
      description: "## Le problème\n\nDes courriers **incompréhensibles**.",
      websiteUrl: "https://aide-ecriture.beta.gouv.fr",
      repositoryUrl: null,
      statsUrl: "https://aide-ecriture.beta.gouv.fr/stats",
      accessibilityStatus: "partiellement_conforme",
      securityApproach: "Analyse de risques en cours.",
      openSource: true,
      usesDsfr: false,
      isPublic: true,
      primaryIncubatorId: fabrique.id,
      version: 1,
    });
    expect(product.sponsors.map((s) => s.organisationId).sort()).toEqual([dgfip.id, cgdd.id].sort());
    expect(product.coIncubators.map((c) => c.incubatorId)).toEqual([atelier.id]);
    expect(product.phases.map((p) => [p.phase, isoDay(p.startDate), p.createdById])).toEqual([
      ["investigation", "2025-03-12", coachA.id],
    ]);
    const [audit] = await audits("product.created", product.id);
    expect(audit).toMatchObject({ actorId: coachA.id, entityType: "Product" });
    expect(audit.data).toMatchObject({ slug: "aide-a-l-ecriture", phase: "investigation", startDate: "2025-03-12" });
  });

  it("refuses a coach of another incubator, a team member and the public", async () => {
    expect((await thrownStatus(createLoader(routeArgs(path, { params, cookie: cookies.coachB })))).status).toBe(403);
    expect((await thrownStatus(create(cookies.coachB, { ...valid(), slug: "par-b" }))).status).toBe(403);
    expect((await thrownStatus(create(cookies.team, { ...valid(), slug: "par-equipe" }))).status).toBe(403);
    const publicAnswer = await thrownStatus(create(null, { ...valid(), slug: "par-public" }));
    expect(publicAnswer).toMatchObject({ status: 302, location: `/connexion?redirectTo=${encodeURIComponent(path)}` });
    expect(await db().product.count({ where: { slug: { in: ["par-b", "par-equipe", "par-public"] } } })).toBe(0);
  });

  it("answers 404 for an unknown incubator", async () => {
    const unknown = createLoader(routeArgs("/incubateurs/inconnu/nouveau-produit", { params: { slug: "inconnu" }, cookie: cookies.admin }));
    expect((await thrownStatus(unknown)).status).toBe(404);
  });

  it("refuses each bad input with a French message next to its field, and writes nothing", async () => {
    const inTwoYears = isoDay(addMonthsUtc(today(), 24));
    const cases: Array<[string, Record<string, string>]> = [
      ["name", { name: "" }],
      ["pitch", { pitch: "" }],
      ["pitch", { pitch: "p".repeat(281) }],
      ["description", { description: "d".repeat(20_001) }],
      ["websiteUrl", { websiteUrl: "javascript:alert(1)" }],
      ["websiteUrl", { websiteUrl: "ftp://exemple.fr" }],
      ["repositoryUrl", { repositoryUrl: "pas une adresse" }],
      ["statsUrl", { statsUrl: `https://exemple.fr/${"s".repeat(500)}` }],
      ["securityApproach", { securityApproach: "s".repeat(501) }],
      ["accessibilityStatus", { accessibilityStatus: "parfait" }],
      ["slug", { slug: "Avec Espaces" }],
      ["slug", { name: "!!!", slug: "" }],
      ["phaseStartDate", { phaseStartDate: "" }],
      ["phaseStartDate", { phaseStartDate: "1999-12-31" }],
      ["phaseStartDate", { phaseStartDate: "2025-02-30" }],
      ["phaseStartDate", { phaseStartDate: inTwoYears }],
      ["sponsorIds", { [`sponsorIds:${"0".repeat(8)}-0000-4000-8000-${"0".repeat(12)}`]: "on" }],
      ["sponsorIds", { "sponsorIds:pas-un-id": "on" }],
      ["coIncubatorIds", { [`coIncubatorIds:${fabrique.id}`]: "on" }],
    ];
    const products = await db().product.count();
    const audited = await db().auditLog.count();
    for (const [field, change] of cases) {
      const result = outcome(await create(cookies.coachA, { ...valid(), slug: "refuse", ...change }));
      expect(result.status, JSON.stringify(change).slice(0, 80)).toBe(400);
      expect(Object.keys(errorsOf(result)), JSON.stringify(change).slice(0, 80)).toContain(field);
      // The form comes back as typed.
      expect((result.data as { values: Record<string, string> }).values.pitch).toBe(change.pitch ?? valid().pitch);
    }
    expect(await db().product.count()).toBe(products);
    expect(await db().auditLog.count()).toBe(audited);
  });

  it("says in French which slug is taken, by a product or by a product's former address", async () => {
    await db().productSlugAlias.create({ data: { slug: "ancien-eco-trace", productId: ecoTrace.id } });
    const taken = outcome(await create(cookies.coachA, { ...valid(), slug: "eco-trace" }));
    expect(taken.status).toBe(400);
    expect(errorsOf(taken).slug).toEqual(["Cet identifiant est déjà celui d'un autre produit : choisissez-en un autre."]);
    const former = outcome(await create(cookies.coachA, { ...valid(), slug: "ancien-eco-trace" }));
    expect(former.status).toBe(400);
    expect(errorsOf(former).slug?.[0]).toMatch(/^Cet identifiant est une ancienne adresse d'un autre produit/);
    // The proposal from the name is checked the same way.
    const proposed = outcome(await create(cookies.coachA, { ...valid(), name: "Aide à l'écriture" }));
    expect(errorsOf(proposed).slug).toHaveLength(1);
    await db().productSlugAlias.delete({ where: { slug: "ancien-eco-trace" } });
  });
});

// ---------- Editing ----------

/** A product of La Fabrique with a team member, for one test. */
async function freshProduct(slug: string, data: Partial<Parameters<typeof createProduct>[1]> = {}) {
  const product = await createProduct(db(), {
    slug,
    name: `Produit ${slug}`,
    pitch: "Le pitch d'origine.",
    primaryIncubatorId: fabrique.id,
    sponsorIds: [dgfip.id],
    ...data,
  });
  await assignRole(db(), { userId: teamMember.id, role: "team_member", productId: product.id });
  return product;
}

const editPath = (slug: string) => `/produits/${slug}/modifier`;

async function editForm(slug: string, cookie: string) {
  return editLoader(routeArgs(editPath(slug), { params: { slug }, cookie }));
}

const edit = (slug: string, cookie: string, body: Record<string, string>) =>
  editAction(post(editPath(slug), cookie, body, { slug }));

describe("editing a product (/produits/<slug>/modifier)", () => {
  it("gives the team the profile fields only, and the incubator's staff every field", async () => {
    await freshProduct("formulaires");
    const team = await editForm("formulaires", cookies.team);
    expect(team.access).toBe("profile");
    expect(team.choices).toBeNull();
    expect(Object.keys(team.values).sort()).toEqual(
      ["accessibilityStatus", "budgetUrl", "description", "pitch", "repositoryUrl", "securityApproach", "statsUrl", "version", "websiteUrl"],
    );
    const staff = await editForm("formulaires", cookies.coachA);
    expect(staff.access).toBe("full");
    expect(staff.values).toMatchObject({ slug: "formulaires", pitch: "Le pitch d'origine.", version: "1", isPublic: "on" });
    expect(staff.values[`sponsorIds:${dgfip.id}`]).toBe("on");
    expect(staff.choices?.incubators.map((i) => i.value)).toEqual([atelier.id]);
  });

  it("refuses those who may not edit: 403 when they read it, 404 when they do not, sign-in for the public", async () => {
    await freshProduct("portes");
    expect((await thrownStatus(editForm("portes", cookies.coachB))).status).toBe(403);
    await freshProduct("portes-privees", { isPublic: false });
    expect((await thrownStatus(editForm("portes-privees", cookies.coachB))).status).toBe(404);
    const publicAnswer = await thrownStatus(editLoader(routeArgs(editPath("portes"), { params: { slug: "portes" } })));
    expect(publicAnswer.location).toBe(`/connexion?redirectTo=${encodeURIComponent(editPath("portes"))}`);
    expect((await thrownStatus(edit("portes", cookies.coachB, { version: "1", pitch: "Piraté" }))).status).toBe(403);
    expect((await productRow("portes")).pitch).toBe("Le pitch d'origine.");
  });

  it("lets the team change the profile, audited with the changed fields", async () => {
    const product = await freshProduct("profil");
    const { values } = await editForm("profil", cookies.team);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const result = outcome(
      await edit("profil", cookies.team, {
        ...values,
        pitch: "Un pitch plus clair.",
        description: "Nouvelle **description**.",
        websiteUrl: "https://profil.beta.gouv.fr",
        accessibilityStatus: "totalement_conforme",
        usesDsfr: "on",
      }),
    );
    expect(result).toMatchObject({ status: 302, location: "/produits/profil" });
    expect(await productRow("profil")).toMatchObject({
      pitch: "Un pitch plus clair.",
      description: "Nouvelle **description**.",
      websiteUrl: "https://profil.beta.gouv.fr",
      accessibilityStatus: "totalement_conforme",
      usesDsfr: true,
      version: 2,
      name: "Produit profil",
      isPublic: true,
    });
    expect((await productRow("profil")).updatedAt.getTime()).toBeGreaterThan(product.updatedAt.getTime());
    const [audit] = await audits("product.updated", product.id);
    expect(audit.actorId).toBe(teamMember.id);
    expect(audit.data).toMatchObject({
      fromVersion: 1,
      toVersion: 2,
      fields: ["pitch", "description", "websiteUrl", "accessibilityStatus", "usesDsfr"],
      changes: { pitch: { before: "Le pitch d'origine.", after: "Un pitch plus clair." } },
    });
  });

  it("refuses (403) a forged team request that sets a staff field, and changes nothing", async () => {
    await freshProduct("falsifie");
    const { values } = await editForm("falsifie", cookies.team);
    const forged: Record<string, string>[] = [
      { slug: "vole" },
      { isPublic: "" },
      { name: "Autre nom" },
      { [`sponsorIds:${cgdd.id}`]: "on" },
      { [`coIncubatorIds:${atelier.id}`]: "on" },
    ];
    for (const change of forged) {
      const answer = await thrownStatus(edit("falsifie", cookies.team, { ...values, pitch: "Changé", ...change }));
      expect(answer.status, JSON.stringify(change)).toBe(403);
    }
    expect(await productRow("falsifie")).toMatchObject({ pitch: "Le pitch d'origine.", slug: "falsifie", version: 1 });
  });

  it("lets the incubator's coach change every field: name, sponsors, co-incubation, visibility", async () => {
    const product = await freshProduct("complet");
    const { values } = await editForm("complet", cookies.coachA);
    const { [`sponsorIds:${dgfip.id}`]: _removed, isPublic: _public, ...kept } = values;
    const result = outcome(
      await edit("complet", cookies.coachA, {
        ...kept,
        name: "Complet, renommé",
        [`sponsorIds:${cgdd.id}`]: "on",
        [`coIncubatorIds:${atelier.id}`]: "on",
      }),
    );
    expect(result.status).toBe(302);
    const row = await productRow("complet");
    expect(row).toMatchObject({ name: "Complet, renommé", isPublic: false, version: 2 });
    expect(row.sponsors.map((s) => s.organisationId)).toEqual([cgdd.id]);
    expect(row.coIncubators.map((c) => c.incubatorId)).toEqual([atelier.id]);
    const [audit] = await audits("product.updated", product.id);
    expect((audit.data as { fields: string[] }).fields).toEqual(["name", "sponsorIds", "coIncubatorIds", "isPublic"]);
  });

  it("refuses bad input with 400 and writes nothing", async () => {
    await freshProduct("invalide");
    const { values } = await editForm("invalide", cookies.coachA);
    const cases: Array<[string, Record<string, string>]> = [
      ["pitch", { pitch: "p".repeat(281) }],
      ["description", { description: "d".repeat(20_001) }],
      ["budgetUrl", { budgetUrl: "javascript:alert(1)" }],
      ["slug", { slug: "" }],
      ["slug", { slug: "eco-trace" }],
      ["sponsorIds", { [`sponsorIds:${"1".repeat(8)}-1111-4111-8111-${"1".repeat(12)}`]: "on" }],
      ["version", { version: "" }],
    ];
    for (const [field, change] of cases) {
      const result = outcome(await edit("invalide", cookies.coachA, { ...values, ...change }));
      expect(result.status, field).toBe(400);
      expect(Object.keys(errorsOf(result))).toContain(field);
    }
    expect(await productRow("invalide")).toMatchObject({ pitch: "Le pitch d'origine.", version: 1 });
  });

  it("changes nothing when nothing was changed", async () => {
    const product = await freshProduct("inchange");
    const { values } = await editForm("inchange", cookies.coachA);
    const result = outcome(await edit("inchange", cookies.coachA, values));
    expect(result).toMatchObject({ status: 302, location: "/produits/inchange" });
    expect((await productRow("inchange")).version).toBe(1);
    expect(await audits("product.updated", product.id)).toHaveLength(0);
  });
});

describe("renaming a product", () => {
  it("keeps the old address, which answers 301 to the new one (page and edit page)", async () => {
    const product = await freshProduct("ancien-nom");
    const { values } = await editForm("ancien-nom", cookies.coachA);
    const result = outcome(await edit("ancien-nom", cookies.coachA, { ...values, slug: "nouveau-nom" }));
    expect(result).toMatchObject({ status: 302, location: "/produits/nouveau-nom" });
    expect((await productRow("nouveau-nom")).slugAliases.map((a) => a.slug)).toEqual(["ancien-nom"]);
    const [renamed] = await audits("product.renamed", product.id);
    expect(renamed.data).toEqual({ from: "ancien-nom", to: "nouveau-nom" });

    const page = await thrownStatus(productLoader(routeArgs("/produits/ancien-nom", { params: { slug: "ancien-nom" } })));
    expect(page).toEqual({ status: 301, location: "/produits/nouveau-nom" });
    const editPage = await thrownStatus(editForm("ancien-nom", cookies.coachA));
    expect(editPage).toEqual({ status: 301, location: "/produits/nouveau-nom/modifier" });
  });

  it("follows the old address for a form posted there, and may take back its own former slug", async () => {
    await freshProduct("aller");
    const first = await editForm("aller", cookies.coachA);
    await edit("aller", cookies.coachA, { ...first.values, slug: "retour" });
    const { values } = await editForm("retour", cookies.coachA);
    // Posted to the old address (a page opened before the rename): the product is found all the same.
    const back = outcome(await edit("aller", cookies.coachA, { ...values, slug: "aller" }));
    expect(back).toMatchObject({ status: 302, location: "/produits/aller" });
    expect((await productRow("aller")).slugAliases.map((a) => a.slug)).toEqual(["retour"]);
  });

  it("does not reveal where a product one may not read has moved", async () => {
    await freshProduct("secret-ancien", { isPublic: false });
    const { values } = await editForm("secret-ancien", cookies.coachA);
    await edit("secret-ancien", cookies.coachA, { ...values, slug: "secret-nouveau" });
    const answer = await thrownStatus(productLoader(routeArgs("/produits/secret-ancien", { params: { slug: "secret-ancien" } })));
    expect(answer).toEqual({ status: 404, location: null });
    const forCoach = await thrownStatus(
      productLoader(routeArgs("/produits/secret-ancien", { params: { slug: "secret-ancien" }, cookie: cookies.coachA })),
    );
    expect(forCoach.status).toBe(301);
  });
});

describe("edit conflicts", () => {
  it("refuses (409) the second of two edits made from the same version, with what changed, and keeps the first", async () => {
    const product = await freshProduct("conflit", { description: "Avant." });
    const mine = await editForm("conflit", cookies.team);
    const theirs = await editForm("conflit", cookies.coachA);

    const first = outcome(
      await edit("conflit", cookies.coachA, { ...theirs.values, pitch: "Le pitch du coach.", name: "Conflit (coach)" }),
    );
    expect(first.status).toBe(302);

    const typed = { ...mine.values, pitch: "Le pitch de l'équipe.", description: "Après, par l'équipe." };
    const second = outcome(await edit("conflit", cookies.team, typed));
    expect(second.status).toBe(409);
    const body = second.data as { values: Record<string, string>; conflict: ConflictRow[] };
    expect(body.conflict).toEqual([
      { field: "name", label: "Nom", started: "Produit conflit", current: "Conflit (coach)", yours: null },
      {
        field: "pitch",
        label: "Pitch",
        started: "Le pitch d'origine.",
        current: "Le pitch du coach.",
        yours: "Le pitch de l'équipe.",
      },
    ]);
    // The form comes back as typed, now based on the current version.
    expect(body.values).toEqual({ ...typed, version: "2" });

    // The database holds the first edit, and only one update was audited.
    expect(await productRow("conflit")).toMatchObject({
      pitch: "Le pitch du coach.",
      description: "Avant.",
      name: "Conflit (coach)",
      version: 2,
    });
    expect(await audits("product.updated", product.id)).toHaveLength(1);

    // Saving again, knowingly, from the version now shown, applies the team's values.
    const again = outcome(await edit("conflit", cookies.team, body.values));
    expect(again.status).toBe(302);
    expect(await productRow("conflit")).toMatchObject({ pitch: "Le pitch de l'équipe.", version: 3 });
  });

  it("lets exactly one of two simultaneous saves from the same version through", async () => {
    await freshProduct("simultane");
    const { values } = await editForm("simultane", cookies.coachA);
    const results = await Promise.all(
      ["Premier.", "Second."].map(async (pitch) => outcome(await edit("simultane", cookies.coachA, { ...values, pitch }))),
    );
    expect(results.map((r) => r.status).sort()).toEqual([302, 409]);
    const saved = results[0].status === 302 ? "Premier." : "Second.";
    expect(await productRow("simultane")).toMatchObject({ pitch: saved, version: 2 });
  });

  it("shows the value at the form's version even after several saves, sponsors by name", async () => {
    await freshProduct("conflits-successifs");
    const stale = await editForm("conflits-successifs", cookies.coachA);
    for (const pitch of ["Deuxième pitch.", "Troisième pitch."]) {
      const { values } = await editForm("conflits-successifs", cookies.coachA);
      await edit("conflits-successifs", cookies.coachA, { ...values, pitch, [`sponsorIds:${cgdd.id}`]: "on" });
    }
    const result = outcome(await edit("conflits-successifs", cookies.coachA, { ...stale.values, pitch: "Mon pitch." }));
    expect(result.status).toBe(409);
    expect((result.data as { conflict: ConflictRow[] }).conflict).toEqual([
      { field: "pitch", label: "Pitch", started: "Le pitch d'origine.", current: "Troisième pitch.", yours: "Mon pitch." },
      {
        field: "sponsorIds",
        label: "Sponsors",
        started: "Direction générale des Finances publiques (DGFiP)",
        current:
          "Commissariat général au développement durable (CGDD), Direction générale des Finances publiques (DGFiP)",
        yours: "Direction générale des Finances publiques (DGFiP)",
      },
    ]);
    expect((await productRow("conflits-successifs")).pitch).toBe("Troisième pitch.");
  });
});
