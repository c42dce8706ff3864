import { describe, expect, it } from "vitest";
import { can, readableScopes, type Actor, type Grant, type ProductScope } from "~/auth/permissions";

const grant = (g: Partial<Grant> & Pick<Grant, "role">): Grant => ({
  incubatorId: null,
  productId: null,
  organisationId: null,
  committeeSessionId: null,
  isIntrapreneur: false,
  ...g,
});
const actor = (...grants: Grant[]): Actor => ({ userId: "u", grants });

const product: ProductScope = { productId: "p1", incubatorIds: ["inc-a", "inc-b"], sponsorIds: ["org-1"], isPublic: true };
const privateProduct: ProductScope = { ...product, isPublic: false };

const admin = actor(grant({ role: "platform_admin" }));
const incubatorAdminA = actor(grant({ role: "incubator_admin", incubatorId: "inc-a" }));
const coachB = actor(grant({ role: "coach", incubatorId: "inc-b" }));
const coachC = actor(grant({ role: "coach", incubatorId: "inc-c" }));
const intrapreneur = actor(grant({ role: "team_member", productId: "p1", isIntrapreneur: true }));
const developer = actor(grant({ role: "team_member", productId: "p1" }));
const otherTeam = actor(grant({ role: "team_member", productId: "p2", isIntrapreneur: true }));
const investor = actor(grant({ role: "investor", organisationId: "org-1" }));
const otherInvestor = actor(grant({ role: "investor", organisationId: "org-2" }));
const committeeA = actor(grant({ role: "committee_member", incubatorId: "inc-a" }));
const guest = actor(grant({ role: "committee_member", committeeSessionId: "s1" }));

describe("products", () => {
  it("lets the public read public products only", () => {
    expect(can(null, "product.read", product)).toBe(true);
    expect(can(null, "product.read", privateProduct)).toBe(false);
    expect(can(null, "product.readInternal", product)).toBe(false);
    expect(can(null, "product.editProfile", product)).toBe(false);
  });

  it("opens internal data to the product's incubators (co-incubation included), team and funders", () => {
    for (const reader of [admin, incubatorAdminA, coachB, developer, investor, committeeA]) {
      expect(can(reader, "product.readInternal", privateProduct)).toBe(true);
      expect(can(reader, "product.read", privateProduct)).toBe(true);
    }
    for (const outsider of [coachC, otherTeam, otherInvestor, guest]) {
      expect(can(outsider, "product.readInternal", privateProduct)).toBe(false);
      expect(can(outsider, "product.read", privateProduct)).toBe(false);
    }
  });

  it("lets the team edit the profile and indicators, not the product's scope or history", () => {
    expect(can(developer, "product.editProfile", product)).toBe(true);
    expect(can(developer, "indicator.write", product)).toBe(true);
    expect(can(developer, "product.edit", product)).toBe(false);
    expect(can(developer, "indicator.validate", product)).toBe(false);
    expect(can(developer, "team.manage", product)).toBe(false);
    expect(can(intrapreneur, "team.manage", product)).toBe(true);
    expect(can(investor, "product.editProfile", product)).toBe(false);
    expect(can(coachB, "product.edit", product)).toBe(true);
    expect(can(coachB, "product.correctHistory", product)).toBe(false);
    expect(can(incubatorAdminA, "product.correctHistory", product)).toBe(true);
    expect(can(admin, "product.correctHistory", product)).toBe(true);
  });
});

describe("committees", () => {
  const session = { sessionId: "s1", incubatorId: "inc-a" };
  const otherSession = { sessionId: "s2", incubatorId: "inc-a" };

  it("lets committee members and invited guests vote, guests on their session only", () => {
    expect(can(committeeA, "vote.cast", session)).toBe(true);
    expect(can(guest, "vote.cast", session)).toBe(true);
    expect(can(guest, "vote.cast", otherSession)).toBe(false);
    expect(can(guest, "session.read", otherSession)).toBe(false);
    expect(can(coachB, "vote.cast", session)).toBe(false);
    expect(can(incubatorAdminA, "vote.cast", session)).toBe(false);
  });

  it("leaves sessions and decisions to the incubator's admins", () => {
    expect(can(incubatorAdminA, "session.manage", { incubatorId: "inc-a" })).toBe(true);
    expect(can(incubatorAdminA, "decision.record", session)).toBe(true);
    expect(can(committeeA, "decision.record", session)).toBe(false);
    expect(can(incubatorAdminA, "session.manage", { incubatorId: "inc-b" })).toBe(false);
  });
});

describe("administration and portfolios", () => {
  it("keeps the platform to platform admins and an incubator to its admins", () => {
    expect(can(admin, "platform.admin", {})).toBe(true);
    expect(can(incubatorAdminA, "platform.admin", {})).toBe(false);
    expect(can(incubatorAdminA, "incubator.admin", { incubatorId: "inc-a" })).toBe(true);
    expect(can(coachB, "incubator.admin", { incubatorId: "inc-b" })).toBe(false);
    expect(can(investor, "organisation.portfolio", { organisationId: "org-1" })).toBe(true);
    expect(can(investor, "organisation.portfolio", { organisationId: "org-2" })).toBe(false);
  });

  it("derives list scopes from grants", () => {
    expect(readableScopes(null)).toEqual({ all: false, incubatorIds: [], productIds: [], organisationIds: [] });
    expect(readableScopes(admin).all).toBe(true);
    expect(readableScopes(actor(...coachB.grants, ...investor.grants, ...developer.grants))).toEqual({
      all: false,
      incubatorIds: ["inc-b"],
      productIds: ["p1"],
      organisationIds: ["org-1"],
    });
  });
});

describe("funding", () => {
  it("opens the figures to the product's incubators, team and investors, not to another product's team", () => {
    for (const reader of [admin, incubatorAdminA, coachB, developer, investor, committeeA]) {
      expect(can(reader, "funding.read", privateProduct)).toBe(true);
    }
    for (const outsider of [null, coachC, otherTeam, otherInvestor, guest]) {
      expect(can(outsider, "funding.read", privateProduct)).toBe(false);
      // Even on a public product: the public budget page publishes what a public product shows.
      expect(can(outsider, "funding.read", product)).toBe(false);
    }
  });

  it("lets the incubator's staff and the team edit envelopes and budgets, not investors nor the committee", () => {
    for (const editor of [admin, incubatorAdminA, coachB, developer, intrapreneur]) expect(can(editor, "funding.edit", product)).toBe(true);
    for (const reader of [null, investor, committeeA, guest, otherTeam, coachC]) expect(can(reader, "funding.edit", product)).toBe(false);
  });
});
