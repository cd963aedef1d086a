import { route } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { listKeyVerifications as operation } from "@/lib/api/operations/verifications";
import { listKeyVerifications } from "@/lib/verification-log/query";

export const GET = route(operation, async ({ principal, params, query }) => json(await listKeyVerifications(principal, params.id, query)));
