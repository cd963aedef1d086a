import { z } from "zod";
import { auditContext } from "@/lib/audit/context";
import { withSession } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { rotateKey } from "@/lib/keys/rotate";
import { keyIdParamSchema, rotateKeySchema } from "@/lib/validations/keys";

const params = z.object({ id: keyIdParamSchema });

/** `{ grace }` → 201 { key, rawKey (shown once), previous }; 409 when the key is rotated or revoked already. */
export const POST = withSession({ params, body: rotateKeySchema }, async ({ session, params, body, request }) =>
  json(await rotateKey(session, params.id, body.grace, auditContext(request, session)), 201),
);
