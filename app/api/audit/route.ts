import { route } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { listAuditEvents as listAuditEventsOperation } from "@/lib/api/operations/insight";
import { listAuditEvents } from "@/lib/audit/query";

/** GET ?area=&action=&actor=&targetId=&from=&to=&cursor=&limit= → { data, nextCursor }, newest first. */
export const GET = route(listAuditEventsOperation, async ({ principal, query }) => json(await listAuditEvents(principal.orgId, query)));
