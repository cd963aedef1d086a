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

const DAY = /^\d{4}-\d{2}-\d{2}$/;
type Params = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

/** The filters as the page's URL carries them (?area&action&actor&from&to, days as YYYY-MM-DD); anything malformed is dropped. */
export function readAuditFilters(params: Params): AuditFilterValues {
  const fromDay = one(params.from);
  const toDay = one(params.to);
  return {
    area: one(params.area).slice(0, 40),
    action: one(params.action).slice(0, 80),
    actor: one(params.actor).slice(0, 320),
    fromDay: DAY.test(fromDay) ? fromDay : "",
    toDay: DAY.test(toDay) ? toDay : "",
  };
}

/** The page's URL query for the filters: "" when none is set. */
export function auditFiltersSearch(values: AuditFilterValues): string {
  const query = new URLSearchParams();
  if (values.area) query.set("area", values.area);
  if (values.action) query.set("action", values.action);
  if (values.actor.trim()) query.set("actor", values.actor.trim());
  if (values.fromDay) query.set("from", values.fromDay);
  if (values.toDay) query.set("to", values.toDay);
  const text = query.toString();
  return text ? `?${text}` : "";
}
