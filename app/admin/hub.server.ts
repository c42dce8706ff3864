// The administration's home: the sections this admin may open, and for an incubator admin, which
// incubators they answer for.
import { db } from "~/db.server";
import type { Admin } from "./guards.server";

export interface HubSection {
  path: string;
  title: string;
  description: string;
}

const PLATFORM_SECTIONS: HubSection[] = [
  {
    path: "/admin/ministeres",
    title: "Ministères",
    description: "Les ministères auxquels se rattachent organisations et incubateurs.",
  },
  {
    path: "/admin/organisations",
    title: "Organisations",
    description: "Les administrations qui portent des incubateurs ou financent des produits.",
  },
  {
    path: "/admin/incubateurs",
    title: "Incubateurs",
    description: "Les incubateurs, leur rattachement et leur délai de revue.",
  },
];

export async function adminHub({ scope }: Admin) {
  const users: HubSection = {
    path: "/admin/utilisateurs",
    title: "Utilisateurs",
    description: scope.platform
      ? "Toutes les personnes qui ont un compte : inviter, attribuer et retirer des rôles, désactiver un compte."
      : "Les personnes qui ont un rôle dans vos incubateurs : inviter, attribuer et retirer des rôles, désactiver un compte.",
  };
  const journal: HubSection = {
    path: "/admin/journal",
    title: "Journal",
    description: "Qui a fait quoi et quand : connexions, invitations, changements de rôles.",
  };
  const incubators = scope.platform
    ? []
    : await db().incubator.findMany({
        where: { id: { in: [...scope.incubatorIds] } },
        orderBy: { name: "asc" },
        select: { name: true },
      });
  return {
    platform: scope.platform,
    incubatorNames: incubators.map((i) => i.name),
    sections: scope.platform ? [...PLATFORM_SECTIONS, users, journal] : [users],
  };
}
