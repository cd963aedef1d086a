import { route } from "@/lib/api/route";
import { exportAuditEvents } from "@/lib/api/operations/insight";
import { auditCsvHeader, auditCsvRows } from "@/lib/audit/csv";
import { allAuditEvents } from "@/lib/audit/query";
import { csvDownload } from "@/lib/http/csv-download";

/** The filtered trail as a CSV download, streamed batch by batch. */
export const GET = route(exportAuditEvents, async ({ principal, query }) =>
  csvDownload(allAuditEvents(principal.orgId, query), { header: auditCsvHeader, rows: auditCsvRows }, "keysmith-audit"),
);
