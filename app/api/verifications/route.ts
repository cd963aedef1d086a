import { route } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { listVerifications as operation } from "@/lib/api/operations/verifications";
import { listVerifications } from "@/lib/verification-log/query";

export const GET = route(operation, async ({ principal, query }) => json(await listVerifications(principal.orgId, query)));
