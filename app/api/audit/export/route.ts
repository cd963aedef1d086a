import { validate } from "@/lib/api/parse";
import { withSession } from "@/lib/api/route";
import { auditCsvHeader, auditCsvRows } from "@/lib/audit/csv";
import { assertCanReadAudit } from "@/lib/audit/permissions";
import { allAuditEvents } from "@/lib/audit/query";
import { auditFilterSchema } from "@/lib/validations/audit";

/** The filtered trail as a CSV download, streamed batch by batch. */
export const GET = withSession({}, async ({ session, request }) => {
  assertCanReadAudit(session);
  const filter = validate(auditFilterSchema, Object.fromEntries(request.nextUrl.searchParams));
  const batches = allAuditEvents(session.orgId, filter);
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
