// The demo personas: seeded users on the reserved demo domain, offered by the demo sign-in page.
import { db } from "~/db.server";
import { roleDescriptionSelect } from "~/ui/role-description";

export const PERSONA_DOMAIN = "demo.jalon.example";

export function listPersonas() {
  return db().user.findMany({
    where: { email: { endsWith: `@${PERSONA_DOMAIN}` }, deactivatedAt: null },
    select: {
      id: true,
      name: true,
      email: true,
      roles: { select: roleDescriptionSelect },
    },
    orderBy: { email: "asc" },
  });
}

export async function findPersona(userId: string) {
  return db().user.findFirst({
    where: { id: userId, email: { endsWith: `@${PERSONA_DOMAIN}` }, deactivatedAt: null },
    select: { id: true },
  });
}
