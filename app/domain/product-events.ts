// A product's dated milestones besides its phases: the network's event ids, which Jalon keeps as
// they are (ProductEvent_kind_check accepts exactly these).
export const EVENT_KINDS = ["product_launch", "national_impact", "committee", "fast", "end", "other"] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export function isEventKind(value: string): value is EventKind {
  return (EVENT_KINDS as readonly string[]).includes(value);
}
