import { route } from "@/lib/api/route";
import { exportAuditEvents } from "@/lib/api/operations/insight";
import { auditCsvHeader, auditCsvRows } from "@/lib/audit/csv";
import { allAuditEvents } from "@/lib/audit/query";

/** The filtered trail as a CSV download, streamed batch by batch. */
export const GET = route(exportAuditEvents, async ({ principal, query }) => {
  const batches = allAuditEvents(principal.orgId, query);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(auditCsvHeader()));
    },
    async pull(controller) {
      const next = await batches.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(auditCsvRows(next.value)));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="keysmith-audit-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
