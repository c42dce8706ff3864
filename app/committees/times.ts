// The time of day of a session's slots, in Paris time like every date of Jalon: "9 h 30".
import { tz } from "@date-fns/tz";
import { format } from "date-fns";

const paris = tz("Europe/Paris");

export function formatTime(date: Date): string {
  return format(date, "H 'h' mm", { in: paris });
}
