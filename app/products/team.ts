// The rules of a product's team. Pure: team.server.ts loads the memberships, asks here, then writes.
//
// - A membership is current from its start until the end of its end day (the same reading as the
//   rights in viewer.server.ts); one without an end goes on. Ending one keeps the row: the team's
//   history is kept.
// - At most one intrapreneur at a time: two intrapreneur memberships of a product may not overlap
//   in time. A handover is planned by ending one the day before the other starts.
// - One person holds one membership of a product at a time (periods do not overlap); someone who
//   comes back gets a new row.
// - Nobody takes away their own management of the team while nobody else manages it: an
//   intrapreneur may end their membership or drop the flag only if the product still has another
//   current intrapreneur or an admin or coach of one of its incubators. (Platform admins do not
//   count: they are not there to run teams.)
// - Imported memberships may already break these rules: overlaps are checked only when a change
//   creates a membership, sets the intrapreneur flag or moves dates, so an unrelated change (a
//   title) is never blocked by an old overlap.
import type { FieldErrors } from "~/admin/form-parsing";

export interface Membership {
  id: string;
  userId: string;
  name: string;
  isIntrapreneur: boolean;
  isCoach: boolean;
  title: string | null;
  startDate: Date | null;
  endDate: Date | null;
}

/** Current (or still to come): not ended before `today`. */
export function isCurrent(m: Pick<Membership, "endDate">, today: Date): boolean {
  return m.endDate === null || m.endDate.getTime() >= today.getTime();
}

type Period = Pick<Membership, "startDate" | "endDate">;

/** Whether two periods share a day; a missing start or end is open on that side. */
export function periodsOverlap(a: Period, b: Period): boolean {
  const startsBeforeEnd = (x: Period, y: Period) =>
    x.startDate === null || y.endDate === null || x.startDate.getTime() <= y.endDate.getTime();
  return startsBeforeEnd(a, b) && startsBeforeEnd(b, a);
}

const sameDay = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

export interface TeamChange {
  /** Ending is a button without fields: its problems are said for the whole form. */
  kind: "add" | "update" | "end";
  /** The membership as it is (null when adding one). */
  before: Membership | null;
  /** The membership as the change would leave it. */
  after: Membership;
  /** The product's other memberships (past ones included). */
  others: readonly Membership[];
  /** Who makes the change. */
  actorId: string;
  /** Current admins and coaches of the product's incubators. */
  incubatorStaff: number;
  today: Date;
}

/** Why the change may not be written, by field (French), or null when it may. */
export function teamChangeProblems({ kind, before, after, others, actorId, incubatorStaff, today }: TeamChange): FieldErrors | null {
  const errors: FieldErrors = {};
  const add = (field: string, message: string) => {
    const key = kind === "end" ? "form" : field;
    errors[key] = [...(errors[key] ?? []), message];
  };
  if (after.startDate && after.endDate && after.endDate < after.startDate) {
    add(
      "endDate",
      kind === "end"
        ? "Cette participation n'a pas encore commencé : modifiez sa date d'arrivée plutôt que de la terminer."
        : "La date de départ doit suivre la date d'arrivée.",
    );
  }
  const datesMoved = before === null || !sameDay(before.startDate, after.startDate) || !sameDay(before.endDate, after.endDate);
  if (datesMoved && others.some((o) => o.userId === after.userId && periodsOverlap(o, after))) {
    add(
      kind === "add" ? "email" : "startDate",
      "Cette personne fait déjà partie de l'équipe sur cette période : modifiez sa participation plutôt que d'en ajouter une autre.",
    );
  }
  if (after.isIntrapreneur && (datesMoved || !before?.isIntrapreneur)) {
    const other = others.find((o) => o.isIntrapreneur && periodsOverlap(o, after));
    if (other) {
      add(
        "isIntrapreneur",
        `${other.name} est déjà intrapreneur·e de ce produit sur cette période. Un produit a une seule intrapreneure ou un seul intrapreneur à la fois : terminez d'abord sa participation ou retirez-lui cette qualité.`,
      );
    }
  }
  const givesUpOwnManagement =
    before !== null &&
    before.userId === actorId &&
    before.isIntrapreneur &&
    isCurrent(before, today) &&
    (!after.isIntrapreneur || (after.endDate !== null && (before.endDate === null || after.endDate < before.endDate)));
  if (givesUpOwnManagement) {
    const otherManagers = incubatorStaff + others.filter((o) => o.isIntrapreneur && isCurrent(o, today)).length;
    if (otherManagers === 0) {
      add(
        "form",
        "Vous êtes la seule personne qui gère l'équipe de ce produit : demandez d'abord à votre incubateur de désigner une autre intrapreneure ou un autre intrapreneur, ou d'y nommer une ou un coach.",
      );
    }
  }
  return Object.keys(errors).length > 0 ? errors : null;
}
