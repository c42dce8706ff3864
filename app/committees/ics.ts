// A committee session as an iCalendar file (RFC 5545), attached to the convocation and downloadable:
// one VEVENT, times in UTC, text escaped (backslash, semicolon, comma, new lines) and lines folded at
// 75 octets without cutting a UTF-8 character. METHOD:PUBLISH: the file informs, it asks no reply.

export interface CalendarEvent {
  /** Stable across updates, so that calendars replace the event rather than add one. */
  uid: string;
  /** Raised at each new version sent, as calendars expect from an update. */
  sequence: number;
  /** When the file was made. */
  stamp: Date;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  location?: string | null;
  /** A link (the video call, or the session's page). */
  url?: string | null;
  description: string;
  cancelled?: boolean;
}

const CRLF = "\r\n";
const MAX_OCTETS = 75;

/** 2025-03-11T08:30:00.000Z → 20250311T083000Z. */
export function icsDateTime(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/** A TEXT value: backslashes, semicolons and commas escaped, new lines as \n. */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** A content line folded into lines of 75 octets at most, each continuation starting with a space. */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // A continuation line's leading space counts in its 75 octets.
    const limit = parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

export function calendarFile(event: CalendarEvent): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Jalon//Comites d'investissement//FR",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:${event.uid}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${icsDateTime(event.stamp)}`,
    `DTSTART:${icsDateTime(event.startsAt)}`,
    `DTEND:${icsDateTime(event.endsAt)}`,
    `SUMMARY:${escapeText(event.summary)}`,
    ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
    // URL is a URI value, not TEXT: it is not escaped.
    ...(event.url ? [`URL:${event.url}`] : []),
    `DESCRIPTION:${escapeText(event.description)}`,
    `STATUS:${event.cancelled ? "CANCELLED" : "CONFIRMED"}`,
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
