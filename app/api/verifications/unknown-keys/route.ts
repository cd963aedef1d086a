import { route } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { listUnknownKeyFailures } from "@/lib/api/operations/verifications";
import { unknownKeyFailures } from "@/lib/verification-log/query";

export const GET = route(listUnknownKeyFailures, async ({ principal, query }) =>
  json({ groups: await unknownKeyFailures(principal.orgId, query) }),
);
