// How a runway is said in French, on the product page and the Financement page alike.
import { formatEuros } from "~/domain/money";
import { RUNWAY_ALERT_DAYS, type Runway } from "~/domain/runway";
import { formatDay } from "~/ui/dates";

const inDays = (days: number) =>
  days < 0 ? `il y a ${-days} jour${days < -1 ? "s" : ""}` : days === 0 ? "aujourd'hui" : `dans ${days} jour${days > 1 ? "s" : ""}`;

/** One or two sentences: until when the granted money lasts, and why then. */
export function describeRunway(runway: Runway): string {
  if (runway.status === "unfunded") return "Aucune enveloppe accordée ne couvre la période en cours.";
  const pace =
    runway.centsPerMonth === null
      ? "Aucun paiement (CP) n'est déclaré pour l'année : la fin des enveloppes fait foi."
      : `Rythme des paiements (CP de l'année) : ${formatEuros(runway.centsPerMonth, { whole: true })} par mois.`;
  const end = `${formatDay(runway.runsOutOn)} (${inDays(runway.daysLeft)})`;
  return runway.cause === "money"
    ? `À ce rythme, les ${formatEuros(runway.cents, { whole: true })} accordés seront épuisés le ${end}, avant la fin des enveloppes le ${formatDay(runway.envelopeEnd)}. ${pace}`
    : `Les ${formatEuros(runway.cents, { whole: true })} accordés couvrent jusqu'au ${end}. ${pace}`;
}

export const NEEDS_COMMITTEE_TITLE = "Comité à programmer";
export const NEEDS_COMMITTEE_TEXT = `Le budget s'achève dans moins de ${RUNWAY_ALERT_DAYS} jours et aucune séance de comité n'est prévue pour ce produit avant cette date. Le comité se tient 30 à 45 jours avant la fin du budget : l'achat de prestations prend environ un mois après la décision.`;

export interface RunwaySummaryData {
  description: string;
  needsCommittee: boolean;
  /** "Comité de mars 2027, le 11 mars 2027". */
  nextSession: string | null;
}

/** What the runway summary shows, worded on the server (no date crosses to the browser). */
export function runwaySummary(view: {
  runway: Runway;
  needsCommittee: boolean;
  nextSession: { title: string; startsAt: Date } | null;
}): RunwaySummaryData {
  return {
    description: describeRunway(view.runway),
    needsCommittee: view.needsCommittee,
    nextSession: view.nextSession && `${view.nextSession.title}, le ${formatDay(view.nextSession.startsAt)}`,
  };
}
