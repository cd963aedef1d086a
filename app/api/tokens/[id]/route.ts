import { z } from "zod";
import { auditContext } from "@/lib/audit/context";
import { withSession } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { getKeyDetail } from "@/lib/keys/detail";
import { revokeKey, setKeyDisabled } from "@/lib/keys/service";
import { keyIdParamSchema, updateKeySchema } from "@/lib/validations/keys";

const params = z.object({ id: keyIdParamSchema });

/** The key's metadata (never its secret or hash) and its creator's email; 404 outside the organisation. */
export const GET = withSession({ params }, async ({ session, params }) =>
  json({ key: await getKeyDetail(session.orgId, params.id) }),
);

/** Revokes the key. Idempotent: revoking a revoked key answers 200 with it unchanged; 409 for a rotated key. */
export const DELETE = withSession({ params }, async ({ session, params, request }) =>
  json({ key: await revokeKey(session, params.id, auditContext(request, session)) }),
);

/** `{ disabled: boolean }` switches the key off or on again; 409 for a revoked key. */
export const PATCH = withSession({ params, body: updateKeySchema }, async ({ session, params, body, request }) =>
  json({ key: await setKeyDisabled(session, params.id, body.disabled, auditContext(request, session)) }),
);
