// A small network with public and private data side by side, every private value a unique marker:
// the public pages, the open data API and the CSV files are scanned for these markers, and for the
// public values that prove the scan looked at a real answer.
import {
  assignRole,
  createCommitteeSession,
  createFundingEnvelope,
  createIncubator,
  createIndicator,
  createOrganisation,
  createProduct,
  createUser,
  recordDecision,
  type Db,
} from "~/db/seed/factories.server";

/** Values that must never reach a public answer, by what they are. */
export const PRIVATE = {
  privateProductName: "Projet Confidentiel Zèbre",
  privateProductSlug: "zz-projet-confidentiel",
  privateProductPitch: "MARQUEUR-PITCH-PRIVE-7c1e",
  teamEmail: "membre.discret@exemple.gouv.fr",
  privateTeamEmail: "equipe.confidentielle@exemple.gouv.fr",
  rationale: "MARQUEUR-NOTE-INTERNE-4f2a",
  unpublishedPublicRationale: "MARQUEUR-DECISION-NON-PUBLIEE-91bd",
  futurePublicRationale: "MARQUEUR-PUBLICATION-A-VENIR-33c0",
  privateProductRationale: "MARQUEUR-DECISION-PROJET-CACHE-5e77",
  voteComment: "MARQUEUR-VOTE-COMMENTAIRE-0a9f",
  condition: "MARQUEUR-CONDITION-2b64",
  conditionOwner: "MARQUEUR-RESPONSABLE-CONDITION-d410",
  dossierDraft: "MARQUEUR-BROUILLON-DOSSIER-8e3c",
  hiddenIndicator: "MARQUEUR-INDICATEUR-NON-PUBLIC-6d21",
  hiddenValue: "271828.75",
  archivedIndicator: "MARQUEUR-INDICATEUR-ARCHIVE-19fe",
  archivedValue: "314159.25",
  futureValue: "161803.5",
  envelopeComment: "MARQUEUR-ENVELOPPE-COMMENTAIRE-7a0d",
  envelopeAmount: "987654",
  sessionTitle: "MARQUEUR-TITRE-COMITE-c5b8",
  phaseComment: "MARQUEUR-COMMENTAIRE-PHASE-4410",
  /** The next review an unpublished decision set, as a page and a file write it. */
  unpublishedNextReview: "13 juillet 2031",
  unpublishedNextReviewDay: "2031-07-13",
} as const;

/** Values a public answer shows: a scan that finds none of them looked at nothing. */
export const PUBLISHED = {
  productSlug: "aa-mon-service",
  productName: "Mon service",
  formerSlug: "ancien-mon-service",
  publicRationale: "Impact démontré auprès de trois départements.",
  publicIndicator: "Démarches abouties",
  publicValue: "1520",
  milestone: "Lancement national du service",
  incubatorSlug: "incubateur-a",
  incubatorName: "Incubateur A",
} as const;

/** The fixture; returns the ids the tests need. */
export async function seedPublicFixture(db: Db) {
  const incubator = await createIncubator(db, { slug: PUBLISHED.incubatorSlug, name: PUBLISHED.incubatorName, description: "L'incubateur de test." });
  const coIncubator = await createIncubator(db, { slug: "incubateur-b", name: "Incubateur B" });
  const sponsor = await createOrganisation(db, { slug: "dinum", name: "Direction interministérielle du numérique", acronym: "DINUM" });
  const product = await createProduct(db, {
    slug: PUBLISHED.productSlug,
    name: PUBLISHED.productName,
    primaryIncubatorId: incubator.id,
    coIncubatorIds: [coIncubator.id],
    sponsorIds: [sponsor.id],
    websiteUrl: "https://mon-service.exemple.gouv.fr",
    repositoryUrl: "https://git.exemple.gouv.fr/mon-service",
    statsUrl: "https://mon-service.exemple.gouv.fr/stats",
    // Same-day transitions: investigation closes the day construction opens; construction has no
    // recorded end, acceleration's start closes it.
    phases: [
      { phase: "investigation", start: "2024-01-08", end: "2024-03-12", comment: PRIVATE.phaseComment },
      { phase: "construction", start: "2024-03-12" },
      { phase: "acceleration", start: "2025-02-04" },
    ],
  });
  await db.productSlugAlias.create({ data: { slug: PUBLISHED.formerSlug, productId: product.id } });
  await db.productEvent.create({
    data: { productId: product.id, kind: "national_impact", date: new Date("2025-06-02T00:00:00Z"), comment: PUBLISHED.milestone },
  });

  const member = await createUser(db, { email: PRIVATE.teamEmail, name: "Camille Martin" });
  await assignRole(db, { userId: member.id, role: "team_member", productId: product.id, isIntrapreneur: true });

  const session = await createCommitteeSession(db, {
    incubatorId: incubator.id,
    title: PRIVATE.sessionTitle,
    startsAt: new Date("2025-02-04T08:30:00Z"),
    productIds: [product.id],
    status: "held",
  });
  const published = await recordDecision(db, {
    productId: product.id,
    sessionId: session.id,
    decidedOn: "2025-02-04",
    outcome: "next_phase",
    targetPhase: "acceleration",
    rationale: PRIVATE.rationale,
    publicRationale: PUBLISHED.publicRationale,
    publishedAt: new Date("2025-02-10T08:00:00Z"),
    budgetEuros: "987654.00",
    conditions: [{ description: PRIVATE.condition, ownerName: PRIVATE.conditionOwner, dueDate: "2025-08-01" }],
  });
  await recordDecision(db, {
    productId: product.id,
    decidedOn: "2025-08-04",
    outcome: "continue",
    nextReviewDate: PRIVATE.unpublishedNextReviewDay,
    rationale: PRIVATE.rationale,
    publicRationale: PRIVATE.unpublishedPublicRationale,
  });
  await recordDecision(db, {
    productId: product.id,
    decidedOn: "2025-09-04",
    outcome: "extend",
    publicRationale: PRIVATE.futurePublicRationale,
    publishedAt: new Date(Date.now() + 30 * 86_400_000),
  });
  await db.vote.create({
    data: { sessionId: session.id, productId: product.id, voterId: member.id, choice: "continue", comment: PRIVATE.voteComment },
  });
  await db.dossier.create({
    data: { productId: product.id, sessionId: session.id, version: 1, status: "draft", sections: { problem: PRIVATE.dossierDraft } },
  });
  await createFundingEnvelope(db, {
    productId: product.id,
    funderId: sponsor.id,
    amount: Number(PRIVATE.envelopeAmount),
    comment: PRIVATE.envelopeComment,
    decisionId: published.id,
  });

  const publicIndicator = await createIndicator(db, {
    productId: product.id,
    name: PUBLISHED.publicIndicator,
    unit: "démarches",
    values: [
      { periodStart: "2025-01-01", value: 1200 },
      { periodStart: "2025-02-01", value: Number(PUBLISHED.publicValue) },
      // A period not begun yet is not published.
      { periodStart: "2099-01-01", value: Number(PRIVATE.futureValue) },
    ],
  });
  await createIndicator(db, {
    productId: product.id,
    name: PRIVATE.hiddenIndicator,
    isPublic: false,
    values: [{ periodStart: "2025-02-01", value: Number(PRIVATE.hiddenValue) }],
  });
  await createIndicator(db, {
    productId: product.id,
    name: PRIVATE.archivedIndicator,
    archivedAt: new Date("2025-05-01T00:00:00Z"),
    values: [{ periodStart: "2025-02-01", value: Number(PRIVATE.archivedValue) }],
  });

  const others: string[] = [];
  for (const [slug, phases] of [
    ["ab-service", [{ phase: "investigation" as const, start: "2026-01-05" }]],
    ["ac-service", [{ phase: "investigation" as const, start: "2025-01-06" }, { phase: "abandon-investigation" as const, start: "2025-03-03" }]],
    ["ad-service", [{ phase: "construction" as const, start: "2025-05-05" }]],
    ["ae-service", []],
  ] as const) {
    const other = await createProduct(db, { slug, primaryIncubatorId: incubator.id, phases: [...phases] });
    others.push(other.id);
  }

  const hidden = await createProduct(db, {
    slug: PRIVATE.privateProductSlug,
    name: PRIVATE.privateProductName,
    pitch: PRIVATE.privateProductPitch,
    isPublic: false,
    primaryIncubatorId: incubator.id,
    phases: [{ phase: "construction", start: "2025-06-02" }],
  });
  const privateMember = await createUser(db, { email: PRIVATE.privateTeamEmail });
  await assignRole(db, { userId: privateMember.id, role: "team_member", productId: hidden.id });
  await recordDecision(db, {
    productId: hidden.id,
    decidedOn: "2025-06-02",
    publicRationale: PRIVATE.privateProductRationale,
    publishedAt: new Date("2025-06-03T00:00:00Z"),
  });
  await createIndicator(db, { productId: hidden.id, values: [{ periodStart: "2025-02-01", value: 424242 }] });

  return { incubatorId: incubator.id, productId: product.id, publicIndicatorId: publicIndicator.id, publishedDecisionId: published.id, hiddenProductId: hidden.id };
}

/**
 * The names of the private values found in `body`. Numbers are also looked for as a French page
 * writes them ("271 828,75"): spaces of any kind left out, the decimal comma read as a point.
 */
export function privateValuesIn(body: string): string[] {
  const digits = body.replace(/[\s\u00a0\u202f]/g, "").replaceAll(",", ".");
  return Object.entries(PRIVATE)
    .filter(([, marker]) => body.includes(marker) || (/^[\d.]+$/.test(marker) && digits.includes(marker)))
    .map(([name]) => name);
}
