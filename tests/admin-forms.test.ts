// The invitation form's schema: each role keeps exactly the scope it needs (as the database's
// RoleAssignment_scope_check demands), with French messages for what is missing.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { InviteSchema } from "~/admin/user-forms";

const INCUBATOR = "11111111-1111-4111-8111-111111111111";
const SESSION = "22222222-2222-4222-8222-222222222222";
const PRODUCT = "33333333-3333-4333-8333-333333333333";
const person = { name: "Zoé Martin", email: "Zoe.Martin@Exemple.gouv.fr" };

const errorsOf = (input: Record<string, string>) => {
  const parsed = InviteSchema.safeParse({ ...person, ...input });
  return parsed.success ? null : z.flattenError(parsed.error).fieldErrors;
};

describe("InviteSchema", () => {
  it("lower-cases the address and drops the scope fields the role does not use", () => {
    const parsed = InviteSchema.parse({
      ...person,
      role: "coach",
      incubatorId: INCUBATOR,
      productId: PRODUCT,
      isIntrapreneur: "on",
      title: "x",
    });
    expect(parsed).toEqual({
      name: "Zoé Martin",
      email: "zoe.martin@exemple.gouv.fr",
      grant: {
        role: "coach",
        incubatorId: INCUBATOR,
        productId: null,
        organisationId: null,
        committeeSessionId: null,
        isIntrapreneur: false,
        title: null,
      },
    });
  });

  it("keeps the intrapreneur flag and title for team members only", () => {
    const parsed = InviteSchema.parse({
      ...person,
      role: "team_member",
      productId: PRODUCT,
      isIntrapreneur: "on",
      title: "designer",
    });
    expect(parsed.grant).toMatchObject({ productId: PRODUCT, isIntrapreneur: true, title: "designer" });
  });

  it("seats a committee member on an incubator or on one session, not both", () => {
    expect(
      InviteSchema.parse({ ...person, role: "committee_member", committeeSessionId: SESSION }).grant,
    ).toMatchObject({
      incubatorId: null,
      committeeSessionId: SESSION,
    });
    expect(errorsOf({ role: "committee_member", incubatorId: INCUBATOR, committeeSessionId: SESSION })).toHaveProperty(
      "committeeSessionId",
    );
    expect(errorsOf({ role: "committee_member" })).toHaveProperty("incubatorId");
  });

  it("needs no scope for a platform admin, and the right one for every other role", () => {
    expect(errorsOf({ role: "platform_admin", incubatorId: INCUBATOR })).toBeNull();
    expect(errorsOf({ role: "investor" })).toEqual({ organisationId: ["Choisissez l'organisation qui finance."] });
    expect(errorsOf({ role: "team_member", incubatorId: INCUBATOR })).toHaveProperty("productId");
    expect(errorsOf({ role: "chef", incubatorId: INCUBATOR })).toEqual({ role: ["Choisissez un rôle dans la liste."] });
  });
});
