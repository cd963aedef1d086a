// Plain module: server components and the chart (a client component) format alike.
// Days are UTC days (that is how usage is counted), so they are labelled in UTC.

const dayLabel = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const fullDay = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const countFormat = new Intl.NumberFormat("en-US");

const asDate = (day: string) => new Date(`${day}T00:00:00Z`);

/** "Nov 23" */
export const formatDay = (day: string) => dayLabel.format(asDate(day));
/** "Nov 23, 2026" */
export const formatFullDay = (day: string) => fullDay.format(asDate(day));
/** "12,345" */
export const formatCount = (count: number) => countFormat.format(count);
