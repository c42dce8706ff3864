// Entering a product's values for a month, called as Remix calls it (real Requests, signed-in cookies)
// against a real database: which periods a month's screen covers, French and English numbers, all or
// nothing, revisions with their reason, and the coaches' validation.
import { beforeAll, describe, expect, it } from "vitest";
import { assignRole, createIncubator, createIndicator, createOrganisation, createProduct, createUser } from "~/db/seed/factories.server";
import { day, isoDay } from "~/domain/days";
import { defaultEntryMonth, entryPeriods, previousPeriodStart, readEntryMonth } from "~/domain/entry-periods";
import { parseLocaleNumber } from "~/domain/numbers";
import { entrySummaryMessage, reasonField, valueField } from "~/indicators/entry-form";
import { numberFieldText } from "~/indicators/indicator-form";
import { action, loader } from "~/routes/produits.$slug_.indicateurs.saisie";
import { setupTestDatabase } from "./support/db";
import { outcome, post, signIn, thrownStatus } from "./support/route-calls";
import { routeArgs } from "./support/routes";

const db = setupTestDatabase();

describe("the periods of a month's screen", () => {
  const october = day("2025-10-01");

  it("asks monthly indicators for the month, quarterly ones for its quarter, weekly ones for each week starting in it", () => {
    expect(entryPeriods(october, "monthly").map(isoDay)).toEqual(["2025-10-01"]);
    expect(entryPeriods(day("2025-11-01"), "quarterly").map(isoDay)).toEqual(["2025-10-01"]);
    // 1 October 2025 is a Wednesday: its week began in September, on that month's screen.
    expect(entryPeriods(october, "weekly").map(isoDay)).toEqual(["2025-10-06", "2025-10-13", "2025-10-20", "2025-10-27"]);
    expect(entryPeriods(day("2025-09-01"), "weekly").map(isoDay)).toEqual(["2025-09-01", "2025-09-08", "2025-09-15", "2025-09-22", "2025-09-29"]);
    expect(isoDay(previousPeriodStart(october, "quarterly"))).toBe("2025-07-01");
    expect(isoDay(previousPeriodStart(day("2025-10-06"), "weekly"))).toBe("2025-09-29");
  });

  it("opens on the month just ended, and refuses unreadable or future months", () => {
    expect(isoDay(defaultEntryMonth(day("2026-01-15")))).toBe("2025-12-01");
    const today = day("2026-11-23");
    expect(readEntryMonth("2026-11", today)).toMatchObject({ ok: true });
    expect(readEntryMonth("2026-12", today)).toEqual({ ok: false, problem: expect.stringContaining("pas encore commencé") });
    expect(readEntryMonth("2026-13", today)).toEqual({ ok: false, problem: expect.stringContaining("pas lisible") });
    expect(readEntryMonth("1999-12", today)).toEqual({ ok: false, problem: expect.stringContaining("2000") });
  });

  it("prefills fields with saved numbers exactly, so that a form sent back unchanged changes nothing", () => {
    expect(numberFieldText(1234.5)).toBe("1234,5");
    expect(numberFieldText(null)).toBe("");
    for (const value of [0.1, 0.30000000000000004, -3.25, 1e-7, 123456789.123, 1e21]) {
      expect(parseLocaleNumber(numberFieldText(value))).toBe(value);
    }
  });

  it("sums a save up in French", () => {
    expect(entrySummaryMessage({ created: 12, updated: 2 })).toBe("12 valeurs enregistrées, 2 modifiées.");
    expect(entrySummaryMessage({ created: 1, updated: 0 })).toBe("1 valeur enregistrée.");
    expect(entrySummaryMessage({ created: 0, updated: 1 })).toBe("1 valeur modifiée.");
    expect(entrySummaryMessage({ created: 0, updated: 0 })).toBe("Aucune valeur n'a changé.");
  });
});

let product: { id: string; slug: string };
let users: { coach: { id: string }; intrapreneur: { id: string } };
let cookies: { coach: string; admin: string; intrapreneur: string; investor: string; outsider: string };
let monthly: { id: string };
let quarterly: { id: string };
let weekly: { id: string };

const OCTOBER = day("2025-10-01");
const PATH = "/produits/suivi/indicateurs/saisie";

beforeAll(async () => {
  const incubator = await createIncubator(db());
  const funder = await createOrganisation(db());
  product = await createProduct(db(), { slug: "suivi", primaryIncubatorId: incubator.id, isPublic: false, sponsorIds: [funder.id] });
  monthly = await createIndicator(db(), {
    productId: product.id,
    name: "Utilisateurs actifs mensuels",
    values: [{ periodStart: "2025-09-01", value: 1100 }],
  });
  quarterly = await createIndicator(db(), { productId: product.id, name: "Satisfaction", unit: "points", level: "useful", frequency: "quarterly" });
  weekly = await createIndicator(db(), { productId: product.id, name: "Usages", unit: "usages", frequency: "weekly" });
  await createIndicator(db(), { productId: product.id, name: "Abandonné", archivedAt: new Date() });
  const coach = await createUser(db(), { name: "Camille Coach" });
  await assignRole(db(), { userId: coach.id, role: "coach", incubatorId: incubator.id });
  const admin = await createUser(db());
  await assignRole(db(), { userId: admin.id, role: "incubator_admin", incubatorId: incubator.id });
  const intrapreneur = await createUser(db(), { name: "Inès Intrapreneure" });
  await assignRole(db(), { userId: intrapreneur.id, role: "team_member", productId: product.id, isIntrapreneur: true });
  const investor = await createUser(db());
  await assignRole(db(), { userId: investor.id, role: "investor", organisationId: funder.id });
  const outsider = await createUser(db());
  await assignRole(db(), { userId: outsider.id, role: "coach", incubatorId: (await createIncubator(db())).id });
  users = { coach, intrapreneur };
  cookies = {
    coach: await signIn(coach.id),
    admin: await signIn(admin.id),
    intrapreneur: await signIn(intrapreneur.id),
    investor: await signIn(investor.id),
    outsider: await signIn(outsider.id),
  };
});

const params = { slug: "suivi" };
const open = (cookie?: string, search = "?periode=2025-10") => loader(routeArgs(`${PATH}${search}`, { cookie, params }));
const submit = (cookie: string, body: Record<string, string>) => action(post(PATH, cookie, { periode: "2025-10", ...body }, params));
const enter = (cookie: string, fields: Record<string, string>) => submit(cookie, { intent: "enter", ...fields });

type Page = Awaited<ReturnType<typeof loader>>["data"];
type Screen = NonNullable<Page["screen"]>;

async function screen(cookie = cookies.coach): Promise<Screen> {
  const page = outcome(await open(cookie)).data as Page;
  if (!page.screen) throw new Error(page.problem ?? "no screen");
  return page.screen;
}

/** The monthly indicator's field on the screen. */
const monthlyOf = (shown: Screen) => shown.indicators.find((i) => i.id === monthly.id)!.periods[0];

/** The message the next page shows after a redirection. */
async function flashAfter(response: unknown, cookie: string): Promise<string | null> {
  const flash = (response as Response).headers.get("Set-Cookie")!.split(";")[0];
  return ((outcome(await open(`${cookie}; ${flash}`)).data as Page).flash ?? null);
}

const valueOf = (indicatorId: string, periodStart: string) =>
  db().indicatorValue.findUnique({
    where: { indicatorId_periodStart: { indicatorId, periodStart: day(periodStart) } },
    include: { revisions: true },
  });

describe("the entry screen", () => {
  it("lists the active indicators with their periods and the previous period's value", async () => {
    const shown = await screen();
    expect(shown.key).toBe("2025-10");
    // By level of the matrix, then by name; the archived indicator is not asked for.
    expect(shown.indicators.map((i) => i.name)).toEqual(["Usages", "Utilisateurs actifs mensuels", "Satisfaction"]);
    const mau = monthlyOf(shown);
    expect(mau).toMatchObject({ valueField: valueField(monthly.id, OCTOBER), current: null, previous: { value: 1100 } });
    expect(shown.indicators.find((i) => i.name === "Usages")?.periods).toHaveLength(4);
    expect(shown.indicators.find((i) => i.name === "Satisfaction")?.periods.map((p) => isoDay(p.periodStart))).toEqual(["2025-10-01"]);
    expect(shown).toMatchObject({ mayValidate: true, previous: day("2025-09-01") });
    expect((await screen(cookies.intrapreneur)).mayValidate).toBe(false);
  });

  it("opens on the month just ended, and answers 400 for a period it cannot show", async () => {
    const page = outcome(await open(cookies.coach, "")).data as Page;
    const now = new Date();
    const expected = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    // Around midnight on the 1st, Paris may already be in the next month.
    expect([isoDay(expected).slice(0, 7), isoDay(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1))).slice(0, 7)]).toContain(page.screen?.key);
    for (const search of ["?periode=octobre", "?periode=2999-01"]) {
      const refused = outcome(await open(cookies.coach, search));
      expect(refused.status).toBe(400);
      expect((refused.data as Page).problem).toMatch(/^Cette période/);
    }
  });

  it("lets neither an investor (403) nor an outsider (404) nor the public open or save it", async () => {
    expect((await thrownStatus(open(cookies.investor))).status).toBe(403);
    expect((await thrownStatus(open(cookies.outsider))).status).toBe(404);
    expect((await thrownStatus(open())).location).toMatch(/^\/connexion\?redirectTo=/);
    const fields = { [valueField(monthly.id, OCTOBER)]: "5" };
    expect((await thrownStatus(enter(cookies.investor, fields))).status).toBe(403);
    expect((await thrownStatus(enter(cookies.outsider, fields))).status).toBe(404);
    expect(await db().indicatorValue.count({ where: { periodStart: OCTOBER } })).toBe(0);
  });
});

describe("saving values", () => {
  it("refuses a bad number next to its field (400) and writes nothing, not even the good ones", async () => {
    const result = outcome(
      await enter(cookies.intrapreneur, {
        [valueField(monthly.id, OCTOBER)]: "1 234",
        [valueField(quarterly.id, OCTOBER)]: "douze",
      }),
    );
    expect(result.status).toBe(400);
    const { errors, values } = result.data as { errors: Record<string, string[]>; values: Record<string, string> };
    expect(errors).toEqual({ [valueField(quarterly.id, OCTOBER)]: [expect.stringContaining("Saisissez un nombre")] });
    expect(values[valueField(quarterly.id, OCTOBER)]).toBe("douze");
    expect(await db().indicatorValue.count({ where: { periodStart: { gte: OCTOBER } } })).toBe(0);
    expect(await db().auditLog.count({ where: { action: "indicator.values_entered" } })).toBe(0);
  });

  it("records French and English notations, an empty field being no value, in one audited save", async () => {
    const response = await enter(cookies.intrapreneur, {
      [valueField(monthly.id, OCTOBER)]: "1 234,5",
      [valueField(quarterly.id, OCTOBER)]: "12.5",
      [valueField(weekly.id, day("2025-10-06"))]: "1,234.5",
      [valueField(weekly.id, day("2025-10-13"))]: "",
    });
    expect(outcome(response)).toMatchObject({ status: 302, location: `${PATH}?periode=2025-10` });
    expect(await flashAfter(response, cookies.intrapreneur)).toBe("3 valeurs enregistrées.");
    expect(await valueOf(monthly.id, "2025-10-01")).toMatchObject({ value: 1234.5, status: "declared", origin: "form", enteredById: users.intrapreneur.id });
    expect((await valueOf(quarterly.id, "2025-10-01"))?.value).toBe(12.5);
    expect((await valueOf(weekly.id, "2025-10-06"))?.value).toBe(1234.5);
    expect(await valueOf(weekly.id, "2025-10-13")).toBeNull();
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "indicator.values_entered" } });
    expect(audit).toMatchObject({ actorId: users.intrapreneur.id, entityId: product.id, data: { period: "2025-10", created: 3, updated: 0, unchanged: 0 } });
  });

  it("keeps a revision with its reason when a value changes; the same value sent back changes nothing", async () => {
    const shown = await screen(cookies.intrapreneur);
    // The screen's fields as shown: the saved values, exactly.
    const fields = Object.fromEntries(
      shown.indicators.flatMap((i) => i.periods).filter((p) => p.current).map((p) => [p.valueField, String(p.current?.value).replace(".", ",")]),
    );
    const response = await enter(cookies.intrapreneur, {
      ...fields,
      [valueField(monthly.id, OCTOBER)]: "1 300",
      [reasonField(monthly.id, OCTOBER)]: "Doublons retirés du décompte.",
    });
    expect(await flashAfter(response, cookies.intrapreneur)).toBe("1 valeur modifiée.");
    const value = await valueOf(monthly.id, "2025-10-01");
    expect(value?.value).toBe(1300);
    expect(value?.revisions.map((r) => [r.oldValue, r.newValue, r.reason, r.changedById])).toEqual([
      [1234.5, 1300, "Doublons retirés du décompte.", users.intrapreneur.id],
    ]);
    const history = monthlyOf(await screen()).current?.revisions;
    expect(history).toEqual([expect.objectContaining({ oldValue: 1234.5, newValue: 1300, changedBy: { name: "Inès Intrapreneure" } })]);
  });

  it("refuses to clear a saved value", async () => {
    const result = outcome(await enter(cookies.intrapreneur, { [valueField(monthly.id, OCTOBER)]: " " }));
    expect(result.status).toBe(400);
    expect((await valueOf(monthly.id, "2025-10-01"))?.value).toBe(1300);
  });
});

describe("validation", () => {
  const validate = (cookie: string, which: string, shownAt = new Date().toISOString()) =>
    submit(cookie, { intent: "validate", valider: which, shownAt });

  it("is refused to a team member (403)", async () => {
    const value = await valueOf(monthly.id, "2025-10-01");
    expect((await thrownStatus(validate(cookies.intrapreneur, value!.id))).status).toBe(403);
    expect((await thrownStatus(validate(cookies.intrapreneur, "all"))).status).toBe(403);
    expect(await db().indicatorValue.count({ where: { status: "validated" } })).toBe(0);
  });

  it("lets a coach validate one value, audited, and shows it as validated", async () => {
    const value = await valueOf(monthly.id, "2025-10-01");
    const response = await validate(cookies.coach, value!.id);
    expect(await flashAfter(response, cookies.coach)).toBe("1 valeur validée.");
    expect(await valueOf(monthly.id, "2025-10-01")).toMatchObject({ status: "validated", validatedById: users.coach.id });
    expect(await db().auditLog.count({ where: { action: "indicator.values_validated", actorId: users.coach.id } })).toBe(1);
    expect(monthlyOf(await screen()).current).toMatchObject({ status: "validated", validatedBy: { name: "Camille Coach" } });
  });

  it("asks the reason of a change to a validated value, which then goes back to declared", async () => {
    const field = valueField(monthly.id, OCTOBER);
    const refused = outcome(await enter(cookies.intrapreneur, { [field]: "1 310" }));
    expect(refused.status).toBe(400);
    expect((refused.data as { errors: Record<string, string[]> }).errors).toEqual({
      [reasonField(monthly.id, OCTOBER)]: ["Cette valeur avait été validée : indiquez la raison de sa modification."],
    });
    expect((await valueOf(monthly.id, "2025-10-01"))?.value).toBe(1300);

    await enter(cookies.intrapreneur, { [field]: "1 310", [reasonField(monthly.id, OCTOBER)]: "Relevé Matomo corrigé." });
    const value = await valueOf(monthly.id, "2025-10-01");
    expect(value).toMatchObject({ value: 1310, status: "declared", validatedById: null });
    expect(value?.revisions.map((r) => r.reason)).toContain("Relevé Matomo corrigé.");
  });

  it("validates every value of the period as the page showed it, not one changed since", async () => {
    const shownAt = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await enter(cookies.intrapreneur, { [valueField(weekly.id, day("2025-10-06"))]: "1 240" });
    const response = await validate(cookies.admin, "all", shownAt);
    expect(await flashAfter(response, cookies.admin)).toBe("2 valeurs validées.");
    expect((await valueOf(monthly.id, "2025-10-01"))?.status).toBe("validated");
    expect((await valueOf(quarterly.id, "2025-10-01"))?.status).toBe("validated");
    expect((await valueOf(weekly.id, "2025-10-06"))?.status).toBe("declared");
    const stale = outcome(await validate(cookies.coach, (await valueOf(weekly.id, "2025-10-06"))!.id, shownAt));
    expect(stale.status).toBe(400);
    expect((await valueOf(weekly.id, "2025-10-06"))?.status).toBe("declared");
  });

  it("refuses an empty or unknown action (400)", async () => {
    expect(outcome(await submit(cookies.coach, {})).status).toBe(400);
    expect(outcome(await submit(cookies.coach, { intent: "validate", valider: "n'importe quoi", shownAt: new Date().toISOString() })).status).toBe(400);
  });
});
