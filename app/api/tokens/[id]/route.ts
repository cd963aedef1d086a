import { route } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import * as operations from "@/lib/api/operations/keys";
import { getKeyDetail } from "@/lib/keys/detail";
import { updateKey } from "@/lib/keys/edit";
import { revokeKey } from "@/lib/keys/service";

export const GET = route(operations.getKey, async ({ principal, params }) => json({ key: await getKeyDetail(principal, params.id) }));

export const DELETE = route(operations.revokeKey, async ({ principal, params, audit }) =>
  json({ key: await revokeKey(principal, params.id, audit) }),
);

export const PATCH = route(operations.updateKey, async ({ principal, params, body, audit }) =>
  json({ key: await updateKey(principal, params.id, body, audit) }),
);
