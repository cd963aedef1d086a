import { route } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import * as operations from "@/lib/api/operations/settings";
import { getKeyPolicy, updateKeyPolicy } from "@/lib/keys/policy";

export const GET = route(operations.getKeyPolicy, async ({ principal }) => json({ policy: await getKeyPolicy(principal.orgId) }));

export const PUT = route(operations.updateKeyPolicy, async ({ principal, body, audit }) =>
  json({ policy: await updateKeyPolicy(principal, body, audit) }),
);
