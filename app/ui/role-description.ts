// A role in words, with its scope: "Coach — La Fabrique numérique".
import { ROLE_LABELS } from "~/domain/labels";
import type { Prisma } from "~/generated/prisma/client";
import type { Role } from "~/generated/prisma/enums";
import { formatDay } from "~/ui/dates";
import { organisationName } from "~/ui/organisation-name";

export interface DescribedRole {
  role: Role;
  isIntrapreneur: boolean;
  title: string | null;
  incubator: { name: string } | null;
  product: { name: string } | null;
  organisation: { name: string; acronym: string | null } | null;
  committeeSession: { title: string; startsAt: Date; incubator: { name: string } } | null;
}

/** The columns `describeRole` reads, for queries. */
export const roleDescriptionSelect = {
  role: true,
  isIntrapreneur: true,
  title: true,
  incubator: { select: { name: true } },
  product: { select: { name: true } },
  organisation: { select: { name: true, acronym: true } },
  committeeSession: { select: { title: true, startsAt: true, incubator: { select: { name: true } } } },
} satisfies Prisma.RoleAssignmentSelect;

function scopeName(r: DescribedRole): string | null {
  if (r.incubator) return r.incubator.name;
  if (r.product) return r.product.name;
  if (r.organisation) return organisationName(r.organisation);
  if (r.committeeSession) {
    const session = r.committeeSession;
    return `${session.incubator.name}, séance « ${session.title} » du ${formatDay(session.startsAt)}`;
  }
  return null;
}

/** A team member's function and whether they carry the product, as "(designer, intrapreneur·e)". */
function teamDetails(r: DescribedRole): string {
  if (r.role !== "team_member") return "";
  const details = r.title ? [r.title] : [];
  // Titles are free text: "intrapreneure" already says it.
  if (r.isIntrapreneur && !/intrapreneu/i.test(r.title ?? "")) details.push("intrapreneur·e");
  return details.length > 0 ? ` (${details.join(", ")})` : "";
}

export function describeRole(r: DescribedRole): string {
  const role = `${ROLE_LABELS[r.role]}${teamDetails(r)}`;
  const scope = scopeName(r);
  return scope ? `${role} — ${scope}` : role;
}
