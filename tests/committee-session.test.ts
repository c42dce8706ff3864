// A whole committee session on a real database, through the pages as Remix calls them: planning with
// the proposed agenda and the members' roles, votes (visibility, conflict of interest, 50 at once),
// the deliberation, the decision and its phase change in one transaction, refusals that write nothing,
// the amendment, closing, the minutes, the conditions and the calendar file.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { addMonthsUtc, day, isoDay } from "~/domain/days";
import { loadCalendar } from "~/committees/calendar.server";
import { CONDITION_AUDIT, productConditions } from "~/committees/conditions.server";
import { convocationMessage } from "~/committees/convocation.server";
import { DECISION_AUDIT, recordDecision } from "~/committees/decisions.server";
import { parseParisDateTime, toDateTimeInput } from "~/committees/form-rows";
import { calendarFile, escapeText, foldLine, icsDateTime } from "~/committees/ics";
import type { loadMinutes } from "~/committees/session-page.server";
import type { loadSessionProduct } from "~/committees/session-product.server";
import { castVote } from "~/committees/votes.server";
import { addDaysUtc, parisDay } from "~/domain/committee-calendar";
import { loadProductPage } from "~/products/product-page.server";
import {
  assignRole,
  createCommitteeSession,
  createIncubator,
  createOrganisation,
  createProduct,
  createUser,
  recordDecision as seedDecision,
} from "~/db/seed/factories.server";
import * as sessionPage from "~/routes/comites.$id._index";
import { loader as icsLoader } from "~/routes/comites.$id.invitation[.]ics";
import * as editPage from "~/routes/comites.$id.modifier";
import * as productPage from "~/routes/comites.$id.produits.$slug";
import * as minutesPage from "~/routes/comites.$id.proces-verbal";
import { loader as minutesPdfLoader } from "~/routes/comites.$id.proces-verbal[.pdf]";
import * as newSessionPage from "~/routes/incubateurs.$slug_.comites.nouveau";
import { setupTestDatabase } from "./support/db";
import { pdfText } from "./support/pdf";
import { outcome, post, signIn, thrownStatus } from "./support/route-calls";
import { routeArgs } from "./support/routes";

describe("the calendar file", () => {
  it("escapes text and folds lines at 75 octets without cutting a character", () => {
    expect(escapeText("Salle 4, bâtiment B; étage\\2\nfin")).toBe("Salle 4\\, bâtiment B\\; étage\\\\2\\nfin");
    const line = `DESCRIPTION:${"é".repeat(80)}`;
    const folded = foldLine(line).split("\r\n");
    expect(folded.length).toBeGreaterThan(1);
    for (const part of folded) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    expect(folded.slice(1).every((part) => part.startsWith(" "))).toBe(true);
    expect(folded.map((part, i) => (i === 0 ? part : part.slice(1))).join("")).toBe(line);
    expect(icsDateTime(new Date("2026-03-12T08:30:00.000Z"))).toBe("20260312T083000Z");
  });

  it("writes one VEVENT in UTC with CRLF line ends", () => {
    const file = calendarFile({
      uid: "comite-1@jalon",
      sequence: 2,
      stamp: new Date("2026-03-01T10:00:00Z"),
      startsAt: new Date("2026-03-12T08:30:00Z"),
      endsAt: new Date("2026-03-12T10:10:00Z"),
      summary: "Comité, mars",
      location: "Salle 4",
      url: "https://visio.example/comite",
      description: "1. Produit A\n2. Produit B",
    });
    expect(file.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(file.split("\r\n")).toEqual(
      expect.arrayContaining([
        "BEGIN:VEVENT",
        "UID:comite-1@jalon",
        "SEQUENCE:2",
        "DTSTAMP:20260301T100000Z",
        "DTSTART:20260312T083000Z",
        "DTEND:20260312T101000Z",
        "SUMMARY:Comité\\, mars",
        "LOCATION:Salle 4",
        "URL:https://visio.example/comite",
        "DESCRIPTION:1. Produit A\\n2. Produit B",
        "METHOD:PUBLISH",
      ]),
    );
  });
});

const db = setupTestDatabase();

const HOUR_MS = 3_600_000;
// The session started two hours ago (to the minute, as the form takes it): its decisions may be recorded.
const startsAt = parseParisDateTime(toDateTimeInput(new Date(Date.now() - 2 * HOUR_MS))) as Date;
const sessionDay = parisDay(startsAt);
const daysFrom = (days: number) => isoDay(addDaysUtc(parisDay(new Date()), days));

type Person = { id: string; email: string; name: string; cookie: string };
const people = {} as Record<"admin" | "memberA" | "investor" | "coach" | "outsider" | "late", Person>;
let incubator: { id: string; slug: string };
let sponsorId: string;
const products = {} as Record<"overdue" | "soon" | "later" | "ended" | "elsewhere", { id: string; slug: string; name: string }>;
let sessionId = "";
let invitee: Person;

beforeAll(async () => {
  const inc = await createIncubator(db(), { reviewIntervalMonths: 6 });
  const other = await createIncubator(db());
  incubator = inc;
  sponsorId = (await createOrganisation(db(), { name: "Direction du numérique" })).id;
  const person = async (key: keyof typeof people, name: string, grant: Omit<Parameters<typeof assignRole>[1], "userId">) => {
    const user = await createUser(db(), { name });
    await assignRole(db(), { ...grant, userId: user.id });
    people[key] = { id: user.id, email: user.email, name, cookie: await signIn(user.id) };
  };
  await person("admin", "Inès Responsable", { role: "incubator_admin", incubatorId: inc.id });
  await person("memberA", "Marc Comité", { role: "committee_member", incubatorId: inc.id });
  await person("investor", "Irène Sponsor", { role: "investor", organisationId: sponsorId });
  await person("coach", "Chloé Coach", { role: "coach", incubatorId: inc.id });
  await person("outsider", "Omar Ailleurs", { role: "committee_member", incubatorId: other.id });
  await person("late", "Lucie Tardive", { role: "committee_member", incubatorId: inc.id });

  const product = async (key: keyof typeof products, name: string, input: Omit<Parameters<typeof createProduct>[1], "primaryIncubatorId">) => {
    const p = await createProduct(db(), { name, primaryIncubatorId: inc.id, sponsorIds: [sponsorId], ...input });
    products[key] = { id: p.id, slug: p.slug, name };
  };
  await product("overdue", "Aides en un clic", {
    phases: [
      { phase: "investigation", start: daysFrom(-600), end: daysFrom(-400) },
      { phase: "construction", start: daysFrom(-400) },
    ],
  });
  await seedDecision(db(), { productId: products.overdue.id, decidedOn: daysFrom(-200), nextReviewDate: daysFrom(-20) });
  // Never reviewed: due six months after its investigation began, about a month after the session.
  const soonStart = addDaysUtc(addMonthsUtc(sessionDay, -6), 30);
  await product("soon", "Démarches simplifiées", { phases: [{ phase: "investigation", start: soonStart }] });
  await product("later", "Carte grise", { phases: [{ phase: "construction", start: daysFrom(-300) }] });
  await seedDecision(db(), { productId: products.later.id, decidedOn: daysFrom(-10), nextReviewDate: daysFrom(170) });
  await product("ended", "Ancien service", {
    phases: [
      { phase: "construction", start: daysFrom(-700), end: daysFrom(-300) },
      { phase: "abandon", start: daysFrom(-300) },
    ],
  });
  await product("elsewhere", "Déjà inscrit", { phases: [{ phase: "construction", start: daysFrom(-500) }] });
  await seedDecision(db(), { productId: products.elsewhere.id, decidedOn: daysFrom(-250), nextReviewDate: daysFrom(-70) });
  await createCommitteeSession(db(), {
    incubatorId: inc.id,
    startsAt: new Date(Date.now() + 10 * 24 * HOUR_MS),
    productIds: [products.elsewhere.id],
  });
});

afterAll(() => vi.restoreAllMocks());

const sessionPath = () => `/comites/${sessionId}`;
const productPath = (key: keyof typeof products) => `${sessionPath()}/produits/${products[key].slug}`;
const productParams = (key: keyof typeof products) => ({ id: sessionId, slug: products[key].slug });
const onProduct = (key: keyof typeof products, who: Person, body: Record<string, string>) =>
  productPage.action(post(productPath(key), who.cookie, body, productParams(key)));
const viewProduct = async (key: keyof typeof products, who: Person) =>
  outcome(await productPage.loader(routeArgs(productPath(key), { cookie: who.cookie, params: productParams(key) })))
    .data as Awaited<ReturnType<typeof loadSessionProduct>> & { flash: string | null };
const counts = async () => ({
  decisions: await db().decision.count(),
  phases: await db().phaseEntry.count(),
  audit: await db().auditLog.count(),
});
const phasesOf = (key: keyof typeof products) =>
  db().phaseEntry.findMany({ where: { productId: products[key].id }, orderBy: { startDate: "asc" }, select: { phase: true, startDate: true, endDate: true } });

describe("a committee session", () => {
  it("lists the products due for review in the calendar", async () => {
    const viewer = { userId: people.admin.id, name: "", email: "", grants: [{ role: "incubator_admin" as const, incubatorId: incubator.id, productId: null, organisationId: null, committeeSessionId: null, isIntrapreneur: false }] };
    const calendar = await loadCalendar(viewer);
    const due = calendar.incubators.find((i) => i.id === incubator.id)?.due ?? [];
    expect(due.map((p) => [p.name, p.urgency])).toEqual([
      ["Déjà inscrit", "overdue"],
      ["Aides en un clic", "overdue"],
      ["Démarches simplifiées", "soon"],
    ]);
    expect(due[0].scheduledIn).not.toBeNull();
    // The product page says the same.
    expect((await loadProductPage(viewer, products.overdue.slug))?.review).toMatchObject({ date: day(daysFrom(-20)), overdue: true });
    expect((await loadProductPage(viewer, products.ended.slug))?.review).toBeNull();
  });

  it("plans a session with its proposed agenda, its members and their session roles", async () => {
    const form = {
      title: "Comité de printemps, séance plénière; salle 4",
      startsAt: toDateTimeInput(startsAt),
      location: "Salle 4.12",
      videoUrl: "https://visio.numerique.gouv.fr/comite-printemps",
      chairId: people.admin.id,
      proposeAgenda: "on",
      "members.0.email": people.admin.email,
      "members.0.seat": "incubator_head",
      "members.1.email": people.memberA.email,
      "members.1.seat": "portfolio_manager",
      "members.2.email": people.investor.email,
      "members.2.seat": "sponsor",
      "members.3.email": "gaelle.invitee@exemple.gouv.fr",
      "members.3.name": "Gaëlle Invitée",
      "members.3.seat": "guest",
      "members.4.email": "",
      "members.4.seat": "guest",
    };
    const path = `/incubateurs/${incubator.slug}/comites/nouveau`;
    const call = (who: Person, body: Record<string, string>) => newSessionPage.action(post(path, who.cookie, body, { slug: incubator.slug }));

    expect(await thrownStatus(call(people.memberA, form))).toMatchObject({ status: 403 });
    const refused = outcome(await call(people.admin, { ...form, videoUrl: "ftp://visio", "members.3.name": "" }));
    expect(refused.status).toBe(400);
    expect(refused.data).toMatchObject({
      errors: { videoUrl: [expect.stringContaining("https://")] },
    });
    const unnamed = outcome(await call(people.admin, { ...form, "members.3.name": "" }));
    expect(unnamed.data).toMatchObject({ errors: { "members.3.name": [expect.stringContaining("pas encore de compte")] } });
    expect(await db().committeeSession.count({ where: { incubatorId: incubator.id } })).toBe(1);

    const created = outcome(await call(people.admin, form));
    expect(created.status).toBe(302);
    sessionId = (created.location ?? "").split("/").at(-1) ?? "";
    const session = await db().committeeSession.findUniqueOrThrow({
      where: { id: sessionId },
      include: { agenda: { orderBy: { position: "asc" } }, members: true },
    });
    // Overdue first, then due soon; neither the later, the ended nor the already scheduled product.
    expect(session.agenda.map((a) => a.productId)).toEqual([products.overdue.id, products.soon.id]);
    expect(session.agenda[0]).toMatchObject({ presentationMinutes: 15, questionsMinutes: 15, deliberationMinutes: 20 });
    expect(session.startsAt).toEqual(startsAt);
    expect(session.dossierDeadline).toEqual(new Date(startsAt.getTime() - 7 * 24 * HOUR_MS));
    expect(session.chairId).toBe(people.admin.id);
    expect(session.members.map((m) => m.seat).sort()).toEqual(["guest", "incubator_head", "portfolio_manager", "sponsor"]);

    const guest = await db().user.findUniqueOrThrow({ where: { email: "gaelle.invitee@exemple.gouv.fr" } });
    invitee = { id: guest.id, email: guest.email, name: guest.name, cookie: await signIn(guest.id) };
    // Voting members outside the incubator's committee get a role for this session only.
    const sessionRoles = await db().roleAssignment.findMany({ where: { committeeSessionId: sessionId }, select: { userId: true, role: true } });
    expect(sessionRoles.map((r) => r.userId).sort()).toEqual([people.admin.id, people.investor.id, guest.id].sort());
    expect(sessionRoles.every((r) => r.role === "committee_member")).toBe(true);
    expect(await db().auditLog.count({ where: { entityId: sessionId, action: "committee_session.planned" } })).toBe(1);
  });

  it("edits the agenda: adds, reorders and removes products", async () => {
    const edit = (body: Record<string, string>) => editPage.action(post(`${sessionPath()}/modifier`, people.admin.cookie, body, { id: sessionId }));
    const values = outcome(await editPage.loader(routeArgs(`${sessionPath()}/modifier`, { cookie: people.admin.cookie, params: { id: sessionId } })))
      .data as { values: Record<string, string> };
    expect(values.values["agenda.0.productId"]).toBe(products.overdue.id);
    expect(await thrownStatus(editPage.loader(routeArgs(`${sessionPath()}/modifier`, { cookie: people.memberA.cookie, params: { id: sessionId } })))).toMatchObject({ status: 403 });

    const added = outcome(await edit({ ...values.values, "agenda.0.order": "2", "agenda.1.order": "1", addProductId: products.later.id }));
    expect(added.status).toBe(302);
    const agenda = () => db().agendaItem.findMany({ where: { sessionId }, orderBy: { position: "asc" }, select: { productId: true } });
    expect((await agenda()).map((a) => a.productId)).toEqual([products.soon.id, products.overdue.id, products.later.id]);

    const ended = outcome(await edit({ ...values.values, addProductId: products.ended.id }));
    expect(ended.status).toBe(400);
    const removed = outcome(
      await edit({
        ...values.values,
        "agenda.0.productId": products.soon.id,
        "agenda.1.productId": products.overdue.id,
        "agenda.2.productId": products.later.id,
        "agenda.2.order": "3",
        "agenda.2.presentationMinutes": "15",
        "agenda.2.questionsMinutes": "15",
        "agenda.2.deliberationMinutes": "20",
        "agenda.2.remove": "on",
        "agenda.0.presentationMinutes": "10",
      }),
    );
    expect(removed.status).toBe(302);
    expect((await agenda()).map((a) => a.productId)).toEqual([products.soon.id, products.overdue.id]);
    expect(await db().agendaItem.findFirst({ where: { sessionId, productId: products.soon.id } })).toMatchObject({ presentationMinutes: 10 });
  });

  it("shows a member the others' votes only once they voted, and lets them change their vote", async () => {
    expect(outcome(await onProduct("overdue", people.memberA, { intent: "vote", choice: "continue", comment: "Impact encore faible" })).status).toBe(302);
    const before = await viewProduct("overdue", people.investor);
    expect(before).toMatchObject({ showVotes: false, votes: [], voteCount: 1, tally: null, mayVote: true });
    // The chair sees the tally throughout, not the ballots.
    expect(await viewProduct("overdue", people.admin)).toMatchObject({ showVotes: false, votes: [], tally: { cast: 1 } });

    expect(outcome(await onProduct("overdue", people.investor, { intent: "vote", choice: "next_phase:acceleration" })).status).toBe(302);
    const after = await viewProduct("overdue", people.investor);
    expect(after.showVotes).toBe(true);
    expect(after.votes.map((v) => v.voter).sort()).toEqual(["Irène Sponsor", "Marc Comité"]);

    // A change is an upsert: still one vote per member.
    expect(outcome(await onProduct("overdue", people.memberA, { intent: "vote", choice: "continue:conditions" })).status).toBe(302);
    const mine = await db().vote.findMany({ where: { sessionId, productId: products.overdue.id, voterId: people.memberA.id } });
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ choice: "continue", withConditions: true });

    // A phase the lifecycle does not allow is refused.
    const wrong = outcome(await onProduct("overdue", people.memberA, { intent: "vote", choice: "next_phase:consolidation" }));
    expect(wrong.status).toBe(400);
    expect(wrong.data).toMatchObject({ errors: { choice: [expect.stringContaining("ne peut pas suivre")] } });
  });

  it("records a conflict of interest as an abstention", async () => {
    expect(outcome(await onProduct("overdue", invitee, { intent: "vote", choice: "conflict" })).status).toBe(302);
    expect(await db().vote.findFirst({ where: { voterId: invitee.id } })).toMatchObject({ choice: null, conflictOfInterest: true });
    expect(outcome(await onProduct("overdue", people.admin, { intent: "vote", choice: "next_phase:acceleration" })).status).toBe(302);
    const tally = (await viewProduct("overdue", people.admin)).tally;
    expect(tally).toMatchObject({ cast: 3, abstentions: 1, members: 4, quorum: true, majority: { key: "next_phase:acceleration", count: 2 } });
  });

  it("refuses a vote from someone outside the committee (403)", async () => {
    expect(await thrownStatus(onProduct("overdue", people.outsider, { intent: "vote", choice: "continue" }))).toMatchObject({ status: 403 });
    // The incubator's coach reads the session but does not vote.
    expect(await thrownStatus(onProduct("overdue", people.coach, { intent: "vote", choice: "continue" }))).toMatchObject({ status: 403 });
    expect(await db().vote.count({ where: { voterId: { in: [people.outsider.id, people.coach.id] } } })).toBe(0);
    expect(await thrownStatus(viewProduct("overdue", people.outsider))).toMatchObject({ status: 403 });
  });

  it("loses none of 50 concurrent votes, and keeps one row for a member voting several times at once", async () => {
    const voters = await Promise.all(Array.from({ length: 50 }, () => createUser(db())));
    await db().roleAssignment.createMany({
      data: voters.map((v) => ({ userId: v.id, role: "committee_member" as const, incubatorId: incubator.id })),
    });
    const results = await Promise.all(
      voters.map((v, i) =>
        castVote(v.id, sessionId, products.soon.id, "investigation", {
          choice: { outcome: i % 5 === 0 ? "extend" : "continue", targetPhase: null, withConditions: false },
          comment: null,
        }),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await db().vote.count({ where: { sessionId, productId: products.soon.id } })).toBe(50);
    expect(await db().vote.count({ where: { sessionId, productId: products.soon.id, choice: "extend" } })).toBe(10);

    const again = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        castVote(voters[0].id, sessionId, products.soon.id, "investigation", {
          choice: { outcome: "pivot", targetPhase: null, withConditions: false },
          comment: `Essai ${i}`,
        }),
      ),
    );
    expect(again.every((r) => r.ok)).toBe(true);
    expect(await db().vote.count({ where: { sessionId, productId: products.soon.id, voterId: voters[0].id } })).toBe(1);
    expect(await db().vote.count({ where: { sessionId, productId: products.soon.id } })).toBe(50);
  });

  it("opens the deliberation: members then see the votes before voting", async () => {
    expect((await viewProduct("overdue", people.late)).showVotes).toBe(false);
    expect(await thrownStatus(sessionPage.action(post(sessionPath(), people.memberA.cookie, { intent: "open-deliberation" }, { id: sessionId })))).toMatchObject({ status: 403 });
    const opened = outcome(await sessionPage.action(post(sessionPath(), people.admin.cookie, { intent: "open-deliberation" }, { id: sessionId })));
    expect(opened.status).toBe(302);
    expect((await db().committeeSession.findUniqueOrThrow({ where: { id: sessionId } })).deliberationOpenedAt).not.toBeNull();
    const seen = await viewProduct("overdue", people.late);
    expect(seen.showVotes).toBe(true);
    expect(seen.votes).toHaveLength(4);
  });

  it("refuses a decision the phase does not allow, writing nothing", async () => {
    const before = await counts();
    const refused = outcome(await onProduct("soon", people.admin, { intent: "decide", choice: "next_phase:acceleration" }));
    expect(refused.status).toBe(400);
    expect(refused.data).toMatchObject({
      errors: {
        choice: [
          "La phase « Accélération » ne peut pas suivre la phase « Investigation » : après celle-ci viennent « Construction ».",
        ],
      },
    });
    expect(await counts()).toEqual(before);
    // Members may not record decisions.
    expect(await thrownStatus(onProduct("soon", people.memberA, { intent: "decide", choice: "continue" }))).toMatchObject({ status: 403 });
  });

  it("writes a decision and its phase change in one transaction: a failed phase write leaves no decision", async () => {
    const before = await counts();
    await db().$executeRawUnsafe(`
      CREATE FUNCTION jalon_test_refuse_phase() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'phase refusée pour le test'; END $$`);
    await db().$executeRawUnsafe(
      `CREATE TRIGGER jalon_test_refuse_phase BEFORE INSERT ON "PhaseEntry" FOR EACH ROW EXECUTE FUNCTION jalon_test_refuse_phase()`,
    );
    try {
      await expect(
        recordDecision(people.admin.id, sessionId, products.soon.id, {
          outcome: "next_phase",
          targetPhase: "construction",
          extensionMonths: null,
          nextReviewDate: null,
          budgetEuros: null,
          budgetFunderId: null,
          budgetFrom: null,
          budgetTo: null,
          publicRationale: null,
          rationale: "",
          conditions: [],
        }),
      ).rejects.toThrow();
    } finally {
      await db().$executeRawUnsafe(`DROP TRIGGER jalon_test_refuse_phase ON "PhaseEntry"`);
      await db().$executeRawUnsafe(`DROP FUNCTION jalon_test_refuse_phase()`);
    }
    expect(await counts()).toEqual(before);
  });

  it("records a decision moving to the next phase, with the phase history changed", async () => {
    const decided = outcome(
      await onProduct("overdue", people.admin, {
        intent: "decide",
        choice: "next_phase:acceleration",
        budgetEuros: "480 000",
        budgetFunderId: sponsorId,
        budgetFrom: isoDay(sessionDay),
        budgetTo: isoDay(addMonthsUtc(sessionDay, 6)),
        "conditions.0.description": "Mesurer le taux de recours dans trois départements",
        "conditions.0.ownerName": "Paul Intrapreneur",
        "conditions.0.dueDate": daysFrom(90),
        "conditions.1.description": "",
        publicRationale: "Le service a trouvé son public ; il passe en accélération.",
        rationale: "Vigilance sur le coût par usager.",
      }),
    );
    expect(decided.status).toBe(302);
    const decision = await db().decision.findFirstOrThrow({ where: { sessionId, productId: products.overdue.id }, include: { conditions: true } });
    expect(decision).toMatchObject({
      outcome: "next_phase",
      targetPhase: "acceleration",
      decidedOn: sessionDay,
      nextReviewDate: addMonthsUtc(sessionDay, 6),
      budgetFunderId: sponsorId,
      recordedById: people.admin.id,
      publishedAt: null,
    });
    expect(decision.budgetEuros?.toString()).toBe("480000");
    expect(decision.conditions).toHaveLength(1);
    expect(await phasesOf("overdue")).toEqual([
      { phase: "investigation", startDate: day(daysFrom(-600)), endDate: day(daysFrom(-400)) },
      { phase: "construction", startDate: day(daysFrom(-400)), endDate: sessionDay },
      { phase: "acceleration", startDate: sessionDay, endDate: null },
    ]);
    expect(await db().auditLog.count({ where: { action: DECISION_AUDIT.recorded, entityId: decision.id } })).toBe(1);

    // Voting on it is over, and a second decision is refused.
    const late = outcome(await onProduct("overdue", people.late, { intent: "vote", choice: "continue" }));
    expect(late.data).toMatchObject({ errors: { form: ["La décision est enregistrée : les votes sur ce produit sont clos."] } });
    const twice = outcome(await onProduct("overdue", people.admin, { intent: "decide", choice: "continue" }));
    expect(twice.data).toMatchObject({ errors: { form: [expect.stringContaining("amendement")] } });
  });

  it("amends a decision: both are kept, the history follows the amendment", async () => {
    const original = await db().decision.findFirstOrThrow({ where: { sessionId, productId: products.overdue.id } });
    const short = outcome(await onProduct("overdue", people.admin, { intent: "amend", decisionId: original.id, choice: "continue", reason: "erreur" }));
    expect(short.data).toMatchObject({ errors: { reason: [expect.stringContaining("10 caractères")] } });

    const amended = outcome(
      await onProduct("overdue", people.admin, {
        intent: "amend",
        decisionId: original.id,
        choice: "continue",
        reason: "Le comité a décidé de poursuivre la construction, pas d'accélérer.",
        "conditions.0.description": "Mesurer le taux de recours dans trois départements",
        "conditions.0.dueDate": daysFrom(90),
        publicRationale: "Six mois de plus en construction pour mesurer l'impact.",
      }),
    );
    expect(amended.status).toBe(302);
    const chain = await db().decision.findMany({ where: { productId: products.overdue.id, sessionId }, orderBy: { createdAt: "asc" } });
    expect(chain).toHaveLength(2);
    expect(chain[1]).toMatchObject({ correctsId: original.id, outcome: "continue", targetPhase: null, decidedOn: sessionDay });
    expect(await phasesOf("overdue")).toEqual([
      { phase: "investigation", startDate: day(daysFrom(-600)), endDate: day(daysFrom(-400)) },
      { phase: "construction", startDate: day(daysFrom(-400)), endDate: null },
    ]);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: DECISION_AUDIT.amended, entityId: chain[1].id } });
    expect(audit.reason).toContain("poursuivre la construction");

    const page = await viewProduct("overdue", people.admin);
    expect(page.decisions.map((d) => [d.outcome, d.standing])).toEqual([
      ["next_phase", false],
      ["continue", true],
    ]);
    const again = outcome(await onProduct("overdue", people.admin, { intent: "amend", decisionId: original.id, choice: "pivot", reason: "Une seconde correction du même original." }));
    expect(again.data).toMatchObject({ errors: { form: [expect.stringContaining("déjà été amendée")] } });

    // The original's public rationale is not published; the amendment's is.
    const oldOne = outcome(await onProduct("overdue", people.admin, { intent: "publish", decisionId: original.id }));
    expect(oldOne.status).toBe(400);
    expect(outcome(await onProduct("overdue", people.admin, { intent: "publish", decisionId: chain[1].id })).status).toBe(302);
    expect((await db().decision.findUniqueOrThrow({ where: { id: chain[1].id } })).publishedAt).not.toBeNull();
  });

  it("follows the conditions of the standing decision", async () => {
    const conditions = await productConditions(products.overdue.id);
    expect(conditions).toHaveLength(1);
    expect(conditions[0]).toMatchObject({ status: "open", due: "later" });
    expect(await thrownStatus(onProduct("overdue", people.memberA, { intent: "condition", conditionId: conditions[0].id, status: "met" }))).toMatchObject({ status: 403 });
    expect(outcome(await onProduct("overdue", people.admin, { intent: "condition", conditionId: conditions[0].id, status: "met" })).status).toBe(302);
    const [met] = await productConditions(products.overdue.id);
    expect(met).toMatchObject({ status: "met", due: null });
    expect(met.resolvedAt).not.toBeNull();
    expect(await db().auditLog.count({ where: { action: CONDITION_AUDIT, entityId: met.id } })).toBe(1);
  });

  it("takes attendance, refuses to close while a product has no decision, then closes", async () => {
    const members = await db().committeeMember.findMany({ where: { sessionId }, orderBy: { name: "asc" } });
    const attendance = Object.fromEntries(members.map((m, i) => [`attended.${m.id}`, i === 0 ? "absent" : "present"]));
    const minutesPath = `${sessionPath()}/proces-verbal`;
    expect(outcome(await minutesPage.action(post(minutesPath, people.admin.cookie, { intent: "attendance", ...attendance }, { id: sessionId }))).status).toBe(302);
    expect((await db().committeeMember.findMany({ where: { sessionId }, orderBy: { name: "asc" } })).map((m) => m.attended)).toEqual([false, true, true, true]);

    const close = () => sessionPage.action(post(sessionPath(), people.admin.cookie, { intent: "close" }, { id: sessionId }));
    const refused = outcome(await close());
    expect(refused.status).toBe(400);
    expect(refused.data).toMatchObject({ errors: { form: [expect.stringContaining("« Démarches simplifiées »")] } });
    expect((await db().committeeSession.findUniqueOrThrow({ where: { id: sessionId } })).closedAt).toBeNull();

    expect(outcome(await onProduct("soon", people.admin, { intent: "decide", choice: "extend", extensionMonths: "1" })).status).toBe(302);
    expect(await db().decision.findFirst({ where: { sessionId, productId: products.soon.id } })).toMatchObject({
      outcome: "extend",
      nextReviewDate: addMonthsUtc(sessionDay, 1),
    });
    expect(outcome(await close()).status).toBe(302);
    const closed = await db().committeeSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(closed.status).toBe("held");
    expect(closed.closedAt).not.toBeNull();

    const lateAttendance = outcome(await minutesPage.action(post(minutesPath, people.admin.cookie, { intent: "attendance", ...attendance }, { id: sessionId })));
    expect(lateAttendance.status).toBe(400);
    const vote = await castVote(people.late.id, sessionId, products.soon.id, "investigation", {
      choice: { outcome: "continue", targetPhase: null, withConditions: false },
      comment: null,
    });
    expect(vote).toEqual({ ok: false, errors: { form: ["La séance est close : les votes sont clos."] } });
  });

  it("writes the minutes: attendance, each decision with its tally and conditions; then publishes them", async () => {
    const minutesPath = `${sessionPath()}/proces-verbal`;
    const minutes = outcome(await minutesPage.loader(routeArgs(minutesPath, { cookie: people.memberA.cookie, params: { id: sessionId } })))
      .data as Awaited<ReturnType<typeof loadMinutes>>;
    expect(minutes.closed).toBe(true);
    expect(minutes.members.filter((m) => m.attended).length).toBe(3);
    expect(minutes.items.map((i) => i.product.name)).toEqual(["Démarches simplifiées", "Aides en un clic"]);
    const overdue = minutes.items[1];
    expect(overdue.tally).toMatchObject({ cast: 3, abstentions: 1, majority: { key: "next_phase:acceleration" } });
    expect(overdue.conflicts).toEqual(["Gaëlle Invitée"]);
    expect(overdue.decisions.map((d) => [d.outcome, d.standing, d.conditions.length])).toEqual([
      ["next_phase", false, 1],
      ["continue", true, 1],
    ]);
    expect(minutes.items[0].tally).toMatchObject({ cast: 50, quorum: true });

    expect(await thrownStatus(minutesPage.action(post(minutesPath, people.memberA.cookie, { intent: "publish" }, { id: sessionId })))).toMatchObject({ status: 403 });
    expect(outcome(await minutesPage.action(post(minutesPath, people.admin.cookie, { intent: "publish" }, { id: sessionId }))).status).toBe(302);
    expect((await db().committeeSession.findUniqueOrThrow({ where: { id: sessionId } })).minutesPublishedAt).not.toBeNull();
  });

  it("downloads the minutes as a PDF with each product's decisions and conditions; not for outsiders", async () => {
    const pdfPath = `${sessionPath()}/proces-verbal.pdf`;
    const response = (await minutesPdfLoader(routeArgs(pdfPath, { cookie: people.memberA.cookie, params: { id: sessionId } }))) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="proces-verbal-${isoDay(sessionDay)}.pdf"`);
    const text = await pdfText(response);
    expect(text).toContain("Procès-verbal du comité d'investissement");
    expect(text).toContain("Aides en un clic");
    expect(text).toContain("Décision : Changement de phase : Accélération (amendée depuis)");
    expect(text).toContain("Décision : Poursuite");
    expect(text).toContain("Mesurer le taux de recours dans trois départements");
    expect(text).toContain("Paul Intrapreneur");
    expect(text).toContain("Six mois de plus en construction pour mesurer l'impact.");
    expect(text).toContain("Démarches simplifiées");
    expect(text).toContain("Décision : Prolongation provisoire");
    // Internal notes stay on the page.
    expect(text).not.toContain("Vigilance sur le coût par usager.");
    expect(await thrownStatus(minutesPdfLoader(routeArgs(pdfPath, { cookie: people.outsider.cookie, params: { id: sessionId } })))).toMatchObject({ status: 403 });
  });

  it("offers the session as an .ics file and sends the convocation with it", async () => {
    const response = (await icsLoader(routeArgs(`${sessionPath()}/invitation.ics`, { cookie: invitee.cookie, params: { id: sessionId } }))) as Response;
    expect(response.headers.get("Content-Type")).toContain("text/calendar");
    const text = await response.text();
    const lines = text.split("\r\n");
    for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const unfolded = text.replace(/\r\n /g, "");
    const endsAt = new Date(startsAt.getTime() + (45 + 50) * 60_000);
    expect(unfolded).toContain(`UID:comite-${sessionId}@jalon`);
    expect(unfolded).toContain(`DTSTART:${icsDateTime(startsAt)}`);
    expect(unfolded).toContain(`DTEND:${icsDateTime(endsAt)}`);
    expect(unfolded).toContain("SUMMARY:Comité de printemps\\, séance plénière\\; salle 4 – ");
    expect(unfolded).toContain("LOCATION:Salle 4.12");
    expect(unfolded).toContain("URL:https://visio.numerique.gouv.fr/comite-printemps");
    expect(unfolded).toMatch(/DESCRIPTION:.*1\. \d+ h \d\d – Démarches simplifiées \(présentation 10 min.*2\. \d+ h \d\d – Aides en un clic/);
    expect(await thrownStatus(icsLoader(routeArgs(`${sessionPath()}/invitation.ics`, { cookie: people.outsider.cookie, params: { id: sessionId } })))).toMatchObject({ status: 403 });

    const message = await convocationMessage(sessionId);
    expect(message.recipients.sort()).toEqual([people.admin.email, people.memberA.email, people.investor.email, invitee.email].sort());
    expect(message.text).toContain("Vous êtes convoqué·e à la séance « Comité de printemps, séance plénière; salle 4 »");
  });

  it("answers 404 for an unknown session or a product off its agenda", async () => {
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect(await thrownStatus(sessionPage.loader(routeArgs(`/comites/${unknown}`, { cookie: people.admin.cookie, params: { id: unknown } })))).toMatchObject({ status: 404 });
    expect(await thrownStatus(sessionPage.loader(routeArgs("/comites/pas-un-id", { cookie: people.admin.cookie, params: { id: "pas-un-id" } })))).toMatchObject({ status: 404 });
    expect(await thrownStatus(viewProduct("later", people.admin))).toMatchObject({ status: 404 });
  });
});

describe("the convocation", () => {
  it("is sent (to the log without SMTP) and recorded", async () => {
    const session = await createCommitteeSession(db(), { incubatorId: incubator.id, startsAt: new Date(Date.now() + 20 * 24 * HOUR_MS), productIds: [products.later.id] });
    await db().committeeMember.create({ data: { sessionId: session.id, userId: people.memberA.id, name: people.memberA.name, seat: "portfolio_manager" } });
    const info = vi.spyOn(console, "info").mockImplementation(() => undefined);
    const sent = outcome(await sessionPage.action(post(`/comites/${session.id}`, people.admin.cookie, { intent: "convene" }, { id: session.id })));
    expect(sent.status).toBe(302);
    expect(info).toHaveBeenCalledWith(expect.stringContaining("Convocation non envoyée (SMTP_URL absente)"));
    expect(info.mock.calls.flat().join(" ")).not.toContain(people.memberA.email);
    info.mockRestore();
    expect((await db().committeeSession.findUniqueOrThrow({ where: { id: session.id } })).convocationSentAt).not.toBeNull();
    // A new convocation is a new version of the event for calendars.
    const response = (await icsLoader(routeArgs(`/comites/${session.id}/invitation.ics`, { cookie: people.admin.cookie, params: { id: session.id } }))) as Response;
    expect(await response.text()).toContain("SEQUENCE:1");
    expect(await thrownStatus(sessionPage.action(post(`/comites/${session.id}`, people.memberA.cookie, { intent: "convene" }, { id: session.id })))).toMatchObject({ status: 403 });
  });
});
