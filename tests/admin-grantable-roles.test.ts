// Which roles an admin may grant, remove and which accounts they may deactivate: pure rules.
import { describe, expect, it } from "vitest";
import { adminScope, administersAnything, grantableRoles, mayGrant, mayManageAccount } from "~/admin/grantable-roles";
import type { Grant } from "~/auth/permissions";
import type { Role } from "~/generated/prisma/enums";

const grant = (role: Role, incubatorId: string | null = null): Grant => ({
  role,
  incubatorId,
  productId: null,
  organisationId: null,
  committeeSessionId: null,
  isIntrapreneur: false,
});

const platform = adminScope({ userId: "p", grants: [grant("platform_admin")] });
const fabrique = adminScope({ userId: "a", grants: [grant("incubator_admin", "fabrique"), grant("coach", "atelier")] });
const coach = adminScope({ userId: "c", grants: [grant("coach", "fabrique")] });

describe("adminScope", () => {
  it("keeps only the incubators administered, not those coached", () => {
    expect(fabrique).toEqual({ platform: false, incubatorIds: ["fabrique"] });
    expect(administersAnything(fabrique)).toBe(true);
    expect(administersAnything(coach)).toBe(false);
    expect(administersAnything(platform)).toBe(true);
  });
});

describe("grantableRoles", () => {
  it("offers every role to platform admins, incubator roles to incubator admins, nothing to others", () => {
    expect(grantableRoles(platform)).toHaveLength(6);
    expect(grantableRoles(fabrique).sort()).toEqual(["coach", "committee_member", "incubator_admin", "team_member"]);
    expect(grantableRoles(coach)).toEqual([]);
  });
});

describe("mayGrant", () => {
  it("lets an incubator admin grant incubator roles on their incubator, its products and sessions", () => {
    expect(mayGrant(fabrique, { role: "coach", incubatorIds: ["fabrique"] })).toBe(true);
    expect(mayGrant(fabrique, { role: "incubator_admin", incubatorIds: ["fabrique"] })).toBe(true);
    expect(mayGrant(fabrique, { role: "committee_member", incubatorIds: ["fabrique"] })).toBe(true);
    // A product co-incubated by the admin's incubator.
    expect(mayGrant(fabrique, { role: "team_member", incubatorIds: ["atelier", "fabrique"] })).toBe(true);
  });

  it("refuses other incubators, platform admin and investor roles", () => {
    expect(mayGrant(fabrique, { role: "coach", incubatorIds: ["atelier"] })).toBe(false);
    expect(mayGrant(fabrique, { role: "team_member", incubatorIds: ["atelier"] })).toBe(false);
    expect(mayGrant(fabrique, { role: "platform_admin", incubatorIds: [] })).toBe(false);
    expect(mayGrant(fabrique, { role: "investor", incubatorIds: [] })).toBe(false);
    expect(mayGrant(coach, { role: "coach", incubatorIds: ["fabrique"] })).toBe(false);
  });

  it("lets a platform admin grant anything", () => {
    expect(mayGrant(platform, { role: "platform_admin", incubatorIds: [] })).toBe(true);
    expect(mayGrant(platform, { role: "investor", incubatorIds: [] })).toBe(true);
  });
});

describe("mayManageAccount", () => {
  it("needs every role of the person within the incubator admin's reach", () => {
    expect(mayManageAccount(fabrique, [{ role: "coach", incubatorIds: ["fabrique"] }])).toBe(true);
    expect(
      mayManageAccount(fabrique, [
        { role: "coach", incubatorIds: ["fabrique"] },
        { role: "coach", incubatorIds: ["atelier"] },
      ]),
    ).toBe(false);
    expect(mayManageAccount(fabrique, [{ role: "platform_admin", incubatorIds: [] }])).toBe(false);
    // A person without any role is nobody's incubator's: only platform admins manage them.
    expect(mayManageAccount(fabrique, [])).toBe(false);
    expect(mayManageAccount(platform, [])).toBe(true);
  });
});
