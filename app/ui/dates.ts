// Dates as French readers expect them, in Paris time on the server and in every browser alike (an
// agent in Martinique sees the same day as the server rendered, and hydration never disagrees).
import { tz } from "@date-fns/tz";
import { addMonths, differenceInCalendarDays, differenceInMonths, format } from "date-fns";
import { fr } from "date-fns/locale";
import { plural } from "./plural";

const paris = tz("Europe/Paris");
// Built once, and faster than date-fns in a zone: pages format hundreds of days (tables of values).
const DAY = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", day: "numeric", month: "long", year: "numeric" });

/** "12 mars 2024". */
export function formatDay(date: Date): string {
  return DAY.format(date);
}

/** "14 mois et 3 jours", "5 jours": months as the doctrine counts them, then the remaining days. */
export function formatDuration(start: Date, end: Date): string {
  const months = differenceInMonths(end, start, { in: paris });
  const days = differenceInCalendarDays(end, addMonths(start, months, { in: paris }), { in: paris });
  if (months === 0) return days === 0 ? "moins d'un jour" : plural(days, "jour", "jours");
  const monthsText = `${months} mois`;
  return days === 0 ? monthsText : `${monthsText} et ${plural(days, "jour", "jours")}`;
}

/** "12 mars 2024 à 14 h 05", in Paris time. */
export function formatDateTime(date: Date): string {
  return format(date, "d MMMM yyyy 'à' H 'h' mm", { locale: fr, in: paris });
}
