import { describe, expect, it } from "vitest";
import { createIncubator, createIndicator, createProduct, createUser } from "~/db/seed/factories.server";
import { day, isoDay } from "~/domain/days";
import { parseLocaleNumber } from "~/domain/numbers";
import { parsePeriod, periodKey, periodStart } from "~/domain/periods";
import { recordValues } from "~/indicators/values.server";
import { setupTestDatabase } from "./support/db";

describe("numbers as agents type them", () => {
  it.each([
    ["1234", 1234],
    ["1 234,5", 1234.5],
    ["1\u202f234,5", 1234.5],
    ["12,5", 12.5],
    ["1,234.5", 1234.5],
    ["1.234,5", 1234.5],
    ["1,234,567", 1234567],
    ["1.234.567", 1234567],
    ["-3.5", -3.5],
    ["0,07", 0.07],
  ])("reads %j as %d", (text, value) => expect(parseLocaleNumber(text)).toBe(value));

  it.each(["", "abc", "12 %", "1,2,3.4.5", "--1", "1e5", "NaN"])("refuses %j", (text) => expect(parseLocaleNumber(text)).toBeNull());
});

describe("periods", () => {
  it("finds the period containing a day", () => {
    expect(isoDay(periodStart(day("2026-10-15"), "monthly"))).toBe("2026-10-01");
    expect(isoDay(periodStart(day("2026-11-15"), "quarterly"))).toBe("2026-10-01");
    expect(isoDay(periodStart(day("2026-11-22"), "weekly"))).toBe("2026-11-16");
    expect(isoDay(periodStart(day("2026-11-16"), "weekly"))).toBe("2026-11-16");
  });

  it("reads months, quarters and days, and writes them back", () => {
    expect(isoDay(parsePeriod("2026-10", "monthly")!)).toBe("2026-10-01");
    expect(isoDay(parsePeriod("2026-T4", "quarterly")!)).toBe("2026-10-01");
    expect(isoDay(parsePeriod("2026-q2", "quarterly")!)).toBe("2026-04-01");
    expect(isoDay(parsePeriod("15/10/2026", "monthly")!)).toBe("2026-10-01");
    expect(parsePeriod("2026-13", "monthly")).toBeNull();
    expect(parsePeriod("octobre", "monthly")).toBeNull();
    expect(periodKey(day("2026-10-01"), "quarterly")).toBe("2026-T4");
    expect(periodKey(day("2026-10-01"), "monthly")).toBe("2026-10");
  });
});

describe("recording values", () => {
  const db = setupTestDatabase();

  it("creates, keeps revisions on change, and ignores identical re-sends", async () => {
    const incubator = await createIncubator(db());
    const product = await createProduct(db(), { primaryIncubatorId: incubator.id });
    const indicator = await createIndicator(db(), { productId: product.id });
    const user = await createUser(db());
    const by = { userId: user.id, origin: "form" as const };
    const october = day("2026-10-01");

    expect(await recordValues(db(), [{ indicatorId: indicator.id, periodStart: october, value: 120 }], by)).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(await recordValues(db(), [{ indicatorId: indicator.id, periodStart: october, value: 120 }], { ...by, origin: "api" })).toEqual({ created: 0, updated: 0, unchanged: 1 });
    await db().indicatorValue.updateMany({ data: { status: "validated", validatedById: user.id } });
    expect(
      await recordValues(db(), [{ indicatorId: indicator.id, periodStart: october, value: 150, reason: "Oubli des usagers mobiles" }], by),
    ).toEqual({ created: 0, updated: 1, unchanged: 0 });

    const value = await db().indicatorValue.findFirstOrThrow({ where: { indicatorId: indicator.id }, include: { revisions: true } });
    expect(value.value).toBe(150);
    expect(value.status).toBe("declared");
    expect(value.validatedById).toBeNull();
    expect(value.revisions.map((r) => [r.oldValue, r.newValue, r.reason, r.changedById])).toEqual([[120, 150, "Oubli des usagers mobiles", user.id]]);
  });

  it("records a mixed batch over several indicators at once, each change with its own revision", async () => {
    const incubator = await createIncubator(db());
    const product = await createProduct(db(), { primaryIncubatorId: incubator.id });
    const [visits, satisfaction] = await Promise.all([
      createIndicator(db(), { productId: product.id, values: [{ periodStart: "2026-09-01", value: 10 }, { periodStart: "2026-10-01", value: 0.1 }] }),
      createIndicator(db(), { productId: product.id, values: [{ periodStart: "2026-07-01", value: 7 }] }),
    ]);
    await db().indicatorValue.updateMany({ where: { indicatorId: visits.id }, data: { status: "validated" } });
    const user = await createUser(db());
    const before = await db().indicatorValue.findFirstOrThrow({ where: { indicatorId: visits.id, periodStart: day("2026-10-01") } });
    const summary = await recordValues(
      db(),
      [
        { indicatorId: visits.id, periodStart: day("2026-09-01"), value: 10 },
        { indicatorId: visits.id, periodStart: day("2026-10-01"), value: 1 / 3, reason: "Arrondi" },
        { indicatorId: visits.id, periodStart: day("2026-11-01"), value: 12 },
        { indicatorId: satisfaction.id, periodStart: day("2026-07-01"), value: -2.5 },
        { indicatorId: satisfaction.id, periodStart: day("2026-10-01"), value: 8 },
      ],
      { userId: user.id, origin: "csv" },
    );
    expect(summary).toEqual({ created: 2, updated: 2, unchanged: 1 });
    const values = await db().indicatorValue.findMany({
      where: { indicator: { productId: product.id } },
      include: { revisions: true },
      orderBy: [{ indicatorId: "asc" }, { periodStart: "asc" }],
    });
    const byKey = new Map(values.map((v) => [`${v.indicatorId === visits.id ? "visits" : "satisfaction"} ${isoDay(v.periodStart)}`, v]));
    const changed = byKey.get("visits 2026-10-01")!;
    expect([changed.value, changed.status, changed.origin, changed.enteredById]).toEqual([1 / 3, "declared", "csv", user.id]);
    expect(changed.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
    expect(changed.revisions.map((r) => [r.oldValue, r.newValue, r.reason, r.changedById])).toEqual([[0.1, 1 / 3, "Arrondi", user.id]]);
    expect(byKey.get("satisfaction 2026-07-01")!.revisions.map((r) => [r.oldValue, r.newValue, r.reason])).toEqual([[7, -2.5, null]]);
    // Unchanged values keep their status and get no revision; new ones have none either.
    expect(byKey.get("visits 2026-09-01")!.status).toBe("validated");
    expect(["visits 2026-09-01", "visits 2026-11-01", "satisfaction 2026-10-01"].map((key) => byKey.get(key)!.revisions.length)).toEqual([0, 0, 0]);
    expect([byKey.get("visits 2026-11-01")!.value, byKey.get("satisfaction 2026-10-01")!.origin]).toEqual([12, "csv"]);
  });
});
