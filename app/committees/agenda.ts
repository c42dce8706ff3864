// A session's agenda in time: each product gets the doctrine's timebox (15 minutes of presentation,
// 15 of questions, 20 of deliberation, about 50 in all), one after the other from the session's start.

export interface Timebox {
  presentationMinutes: number;
  questionsMinutes: number;
  deliberationMinutes: number;
}

export const DOCTRINE_TIMEBOX: Timebox = { presentationMinutes: 15, questionsMinutes: 15, deliberationMinutes: 20 };

/** The timebox columns of an agenda item, to select them. */
export const timeboxSelect = { presentationMinutes: true, questionsMinutes: true, deliberationMinutes: true } as const;

/** Longest part of a timebox a form accepts, in minutes. */
export const MAX_TIMEBOX_PART = 120;

export interface ScheduledItem {
  startsAt: Date;
  endsAt: Date;
  minutes: number;
}

const MINUTE_MS = 60_000;

export function timeboxMinutes(t: Timebox): number {
  return t.presentationMinutes + t.questionsMinutes + t.deliberationMinutes;
}

/** When each item starts and ends (in agenda order), and when the session ends. */
export function agendaSchedule(startsAt: Date, items: readonly Timebox[]): { items: ScheduledItem[]; endsAt: Date } {
  let at = startsAt.getTime();
  const scheduled = items.map((item) => {
    const minutes = timeboxMinutes(item);
    const slot = { startsAt: new Date(at), endsAt: new Date(at + minutes * MINUTE_MS), minutes };
    at = slot.endsAt.getTime();
    return slot;
  });
  return { items: scheduled, endsAt: new Date(at) };
}
