// The forms that invite people and change their roles. A role's scope depends on the role (see
// RoleAssignment_scope_check in the init migration): the form shows every scope field, the schema
// keeps only those the chosen role uses.
import { z } from "zod";
import type { Grant } from "~/auth/permissions";
import { Role } from "~/generated/prisma/enums";
import { checkbox, emailAddress, optionalId, optionalText, personName } from "./form-parsing";
import type { Option } from "./form-ui";

export type ScopeField = "incubatorId" | "productId" | "organisationId" | "committeeSessionId";

/** The scope fields each role uses; a committee member sits on an incubator's committee or on one session. */
export const ROLE_SCOPE_FIELDS: Record<Role, readonly ScopeField[]> = {
  platform_admin: [],
  incubator_admin: ["incubatorId"],
  coach: ["incubatorId"],
  committee_member: ["incubatorId", "committeeSessionId"],
  team_member: ["productId"],
  investor: ["organisationId"],
};

/** What a role form offers this admin (see grantOptions): the server still checks every grant. */
export interface RoleChoices {
  roles: Role[];
  incubators: Option[];
  products: Option[];
  organisations: Option[];
  sessions: Option[];
}

/** A role assignment ready to be written: exactly the scope its role needs. */
export interface RequestedGrant extends Grant {
  title: string | null;
}

const grantFields = {
  role: z.enum(Role, { error: "Choisissez un rôle dans la liste." }),
  incubatorId: optionalId("Choisissez un incubateur dans la liste."),
  productId: optionalId("Choisissez un produit dans la liste."),
  organisationId: optionalId("Choisissez une organisation dans la liste."),
  committeeSessionId: optionalId("Choisissez une séance de comité dans la liste."),
  isIntrapreneur: checkbox,
  title: optionalText(100),
};

const MISSING_SCOPE: Record<ScopeField, string> = {
  incubatorId: "Choisissez l'incubateur où cette personne exercera ce rôle.",
  productId: "Choisissez le produit dont cette personne fera partie de l'équipe.",
  organisationId: "Choisissez l'organisation qui finance.",
  committeeSessionId: "Choisissez la séance de comité.",
};

type GrantFields = z.infer<z.ZodObject<typeof grantFields>>;

function toGrant(fields: GrantFields, ctx: z.RefinementCtx): RequestedGrant {
  const used = ROLE_SCOPE_FIELDS[fields.role];
  const given = used.filter((field) => fields[field] !== undefined);
  if (fields.role === "committee_member" && given.length !== 1) {
    ctx.addIssue({
      code: "custom",
      path: [given.length === 0 ? "incubatorId" : "committeeSessionId"],
      message:
        "Choisissez soit l'incubateur (membre permanent du comité), soit une séance (invitée ou invité), mais pas les deux.",
    });
  } else if (fields.role !== "committee_member") {
    for (const field of used) {
      if (fields[field] === undefined) ctx.addIssue({ code: "custom", path: [field], message: MISSING_SCOPE[field] });
    }
  }
  const scope = (field: ScopeField) => (used.includes(field) ? fields[field] ?? null : null);
  const isTeamMember = fields.role === "team_member";
  return {
    role: fields.role,
    incubatorId: scope("incubatorId"),
    productId: scope("productId"),
    organisationId: scope("organisationId"),
    committeeSessionId: scope("committeeSessionId"),
    isIntrapreneur: isTeamMember && fields.isIntrapreneur,
    title: isTeamMember ? fields.title ?? null : null,
  };
}

export const InviteSchema = z
  .object({
    name: personName,
    email: emailAddress,
    ...grantFields,
  })
  .transform(({ name, email, ...fields }, ctx) => ({ name, email, grant: toGrant(fields, ctx) }));
export type Invitation = z.infer<typeof InviteSchema>;

/** The user page's forms, told apart by their hidden `intent` field. */
export const UserActionSchema = z.discriminatedUnion(
  "intent",
  [
    z
      .object({ intent: z.literal("grant"), ...grantFields })
      .transform(({ intent, ...fields }, ctx) => ({ intent, grant: toGrant(fields, ctx) })),
    z.object({ intent: z.literal("revoke"), assignmentId: z.uuid({ error: "Ce rôle n'existe pas." }) }),
    z.object({ intent: z.literal("deactivate"), reason: optionalText(500) }),
    z.object({ intent: z.literal("reactivate") }),
  ],
  { error: "Cette action n'existe pas : rechargez la page et réessayez." },
);
export type UserAction = z.infer<typeof UserActionSchema>;
