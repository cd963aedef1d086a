import { addDays, parseISO, startOfDay } from "date-fns";
import type { AuditFilterValues } from "./audit-filters";

/** The API's query for the filters: "to" includes the whole chosen day in the viewer's time zone. */
export function filterQuery(values: AuditFilterValues): URLSearchParams {
  const query = new URLSearchParams();
  if (values.area) query.set("area", values.area);
  if (values.action) query.set("action", values.action);
  if (values.actor.trim()) query.set("actor", values.actor.trim());
  if (values.fromDay) query.set("from", startOfDay(parseISO(values.fromDay)).toISOString());
  if (values.toDay) query.set("to", addDays(startOfDay(parseISO(values.toDay)), 1).toISOString());
  return query;
}
