import { route } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { rotateKey as rotateKeyOperation } from "@/lib/api/operations/keys";
import { rotateKey } from "@/lib/keys/rotate";

export const POST = route(rotateKeyOperation, async ({ principal, params, body, audit }) =>
  json(await rotateKey(principal, params.id, body.grace, audit), 201),
);
