// Plain module: the one way the dashboard writes dates and counts ("Nov 22, 2026",
// "Nov 22, 2026, 3:04 PM", "1 key" / "1,100 keys"). Server and client components alike.

const dateFormat = {
  local: new Intl.DateTimeFormat("en-US", { dateStyle: "medium" }),
  utc: new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }),
};
const dateTimeFormat = {
  local: new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" }),
  utc: new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }),
};
const countFormat = new Intl.NumberFormat("en-US");

/** Where a time is shown: the viewer's zone (after hydration), or UTC (server render, labelled). */
export type Zone = "local" | "utc";

/** "Nov 22, 2026" */
export function formatDate(value: Date | string, zone: Zone = "local"): string {
  return dateFormat[zone].format(new Date(value));
}

/** "Nov 22, 2026, 3:04 PM" in the viewer's zone, "Nov 22, 2026, 2:04 PM UTC" in UTC. */
export function formatDateTime(value: Date | string, zone: Zone = "local"): string {
  const text = dateTimeFormat[zone].format(new Date(value));
  return zone === "utc" ? `${text} UTC` : text;
}

/** "12,345" */
export function formatCount(count: number): string {
  return countFormat.format(count);
}

/** "1 key", "0 keys", "1,100 keys"; `many` for irregular plurals ("registries"). */
export function countOf(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}
