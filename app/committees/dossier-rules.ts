// When a dossier may still be submitted, and who reads which of its versions. Pure: the server loads
// the session and the rows, these rules decide.
import type { DossierStatus, SessionStatus } from "~/generated/prisma/enums";
import { formatDateTime } from "~/ui/dates";

export interface SessionTiming {
  startsAt: Date;
  dossierDeadline: Date | null;
  status: SessionStatus;
  closedAt: Date | null;
}

/** Dossiers are due by the session's deadline, else by its start. */
export function dossierDeadline(session: Pick<SessionTiming, "startsAt" | "dossierDeadline">): Date {
  return session.dossierDeadline ?? session.startsAt;
}

/** Why nothing more may be written for this session (in French), or null while it may. */
export function submissionRefusal(session: SessionTiming, now: Date): string | null {
  if (session.status === "cancelled") return "Cette séance a été annulée : son dossier ne peut plus être modifié ni déposé.";
  if (session.closedAt !== null || session.status === "held") {
    return "Cette séance a eu lieu : son dossier ne peut plus être modifié ni déposé.";
  }
  const deadline = dossierDeadline(session);
  if (now.getTime() >= deadline.getTime()) {
    return `La date limite de dépôt était le ${formatDateTime(deadline)} : le dossier ne peut plus être modifié ni déposé. Les versions déjà déposées restent celles que le comité lit.`;
  }
  return null;
}

export interface VersionRow {
  version: number;
  status: DossierStatus;
}

/** Drafts are the team's working copy: only those who write the dossier read them. */
export function readableVersions<R extends VersionRow>(rows: readonly R[], mayWrite: boolean): R[] {
  return rows.filter((row) => mayWrite || row.status === "submitted").sort((a, b) => b.version - a.version);
}

/** The version a page shows: the one asked for if readable, else the latest readable; null if none. */
export function chosenVersion<R extends VersionRow>(readable: readonly R[], asked: number | undefined): R | null {
  if (asked === undefined) return readable[0] ?? null;
  return readable.find((row) => row.version === asked) ?? null;
}

/**
 * What a save writes: the latest draft is edited in place; once the latest version is submitted
 * (or none exists), a new version starts, so that every submitted version stays as it was.
 */
export function versionToWrite<R extends VersionRow>(latest: R | null): { update: R } | { create: number } {
  if (latest && latest.status === "draft") return { update: latest };
  return { create: (latest?.version ?? 0) + 1 };
}
