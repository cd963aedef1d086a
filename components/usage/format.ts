// Plain module: server components and the chart (a client component) format alike.
import { formatDate } from "@/components/ui/format";

// Days are UTC days (that is how usage is counted), so they are labelled in UTC.

const dayLabel = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

const asDate = (day: string) => new Date(`${day}T00:00:00Z`);

/** "Nov 23" */
export const formatDay = (day: string) => dayLabel.format(asDate(day));
/** "Nov 23, 2026" */
export const formatFullDay = (day: string) => formatDate(asDate(day), "utc");
export { formatCount } from "@/components/ui/format";
