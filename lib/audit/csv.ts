import { stringify } from "csv-stringify/sync";
import type { AuditEventView } from "./query";

export const AUDIT_CSV_COLUMNS = ["time", "actor", "actor_id", "action", "target_type", "target_id", "ip", "user_agent", "details"];

// A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
// Names and user agents come from users, so such cells get a leading apostrophe.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | null): string {
  if (value === null) return "";
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function row(event: AuditEventView): string[] {
  return [
    event.createdAt,
    event.actorLabel,
    event.actorId,
    event.action,
    event.targetType,
    event.targetId,
    event.ip,
    event.userAgent,
    JSON.stringify(event.metadata),
  ].map(csvCell);
}

export function auditCsvHeader(): string {
  return stringify([AUDIT_CSV_COLUMNS]);
}

export function auditCsvRows(events: AuditEventView[]): string {
  return stringify(events.map(row));
}
