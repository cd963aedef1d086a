import { validate } from "@/lib/api/parse";
import { withSession } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { assertCanReadAudit } from "@/lib/audit/permissions";
import { listAuditEvents } from "@/lib/audit/query";
import { auditPageSchema } from "@/lib/validations/audit";

/** GET ?area=&action=&actor=&targetId=&from=&to=&cursor=&limit= → { data, nextCursor }, newest first. */
export const GET = withSession({}, async ({ session, request }) => {
  assertCanReadAudit(session);
  const query = validate(auditPageSchema, Object.fromEntries(request.nextUrl.searchParams));
  return json(await listAuditEvents(session.orgId, query));
});
