import { z } from "zod";
import { withSession } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { revokeKey } from "@/lib/keys/service";
import { keyIdParamSchema } from "@/lib/validations/keys";

const params = z.object({ id: keyIdParamSchema });

/** Revokes the key. Idempotent: revoking a revoked key answers 200 with it unchanged. */
export const DELETE = withSession({ params }, async ({ session, params }) =>
  json({ key: await revokeKey(session, params.id) }),
);
