// The audit log as platform admins read it: newest first, a page at a time, each entry with the
// name of what it is about rather than a bare id.
import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { JOURNAL_PAGE_SIZE, type JournalFilters } from "./journal-filters";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type NameLoader = (ids: string[]) => Promise<{ id: string; name: string }[]>;

/** Entities the journal names, and where an admin manages them. */
const NAMED_ENTITIES: Record<string, { load: NameLoader; adminPath?: string }> = {
  User: {
    load: (ids) => db().user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    adminPath: "/admin/utilisateurs",
  },
  Ministry: {
    load: (ids) => db().ministry.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    adminPath: "/admin/ministeres",
  },
  Organisation: {
    load: (ids) => db().organisation.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    adminPath: "/admin/organisations",
  },
  Incubator: {
    load: (ids) => db().incubator.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    adminPath: "/admin/incubateurs",
  },
  Product: { load: (ids) => db().product.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) },
  CommitteeSession: {
    load: async (ids) => {
      const sessions = await db().committeeSession.findMany({
        where: { id: { in: ids } },
        select: { id: true, title: true },
      });
      return sessions.map((s) => ({ id: s.id, name: s.title }));
    },
  },
};

/** Names of the entities a page of entries is about, by "type:id". */
async function entityNames(entries: { entityType: string; entityId: string }[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  await Promise.all(
    Object.entries(NAMED_ENTITIES).map(async ([type, { load }]) => {
      // Ids are free text in the log; the tables' ids are UUIDs, and a malformed one would fail the query.
      const ids = [
        ...new Set(entries.filter((e) => e.entityType === type && UUID.test(e.entityId)).map((e) => e.entityId)),
      ];
      if (ids.length === 0) return;
      for (const { id, name } of await load(ids)) names.set(`${type}:${id}`, name);
    }),
  );
  return names;
}

export async function listJournal(filters: JournalFilters) {
  const where: Prisma.AuditLogWhereInput = filters.action
    ? { OR: [{ action: filters.action }, { action: { startsWith: `${filters.action}.` } }] }
    : {};
  const [entries, total] = await Promise.all([
    db().auditLog.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (filters.page - 1) * JOURNAL_PAGE_SIZE,
      take: JOURNAL_PAGE_SIZE,
      select: {
        id: true,
        at: true,
        action: true,
        entityType: true,
        entityId: true,
        reason: true,
        actor: { select: { name: true } },
      },
    }),
    db().auditLog.count({ where }),
  ]);
  const names = await entityNames(entries);
  return {
    pageCount: Math.max(1, Math.ceil(total / JOURNAL_PAGE_SIZE)),
    total,
    entries: entries.map(({ actor, ...entry }) => {
      const name = names.get(`${entry.entityType}:${entry.entityId}`) ?? null;
      const adminPath = NAMED_ENTITIES[entry.entityType]?.adminPath;
      return {
        ...entry,
        actorName: actor?.name ?? null,
        entityName: name,
        entityPath: name && adminPath ? `${adminPath}/${entry.entityId}` : null,
      };
    }),
  };
}
