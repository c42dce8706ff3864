// Who did what, when: every sign-in, invitation, role change and history correction leaves a row.
import type { Db } from "~/db/seed/factories.server";
import type { Prisma } from "~/generated/prisma/client";

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  reason?: string;
  data?: Prisma.InputJsonValue;
}

export function recordAudit(db: Db, entry: AuditEntry) {
  return db.auditLog.create({ data: entry });
}
