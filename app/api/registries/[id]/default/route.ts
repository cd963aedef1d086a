import { z } from "zod";
import { auditContext } from "@/lib/audit/context";
import { withSession } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { setDefaultRegistry } from "@/lib/registries/service";
import { registryIdSchema } from "@/lib/validations/registries";

const params = z.object({ id: registryIdSchema });

/** Makes this registry the default; idempotent. */
export const POST = withSession({ params }, async ({ session, params, request }) =>
  json({ registry: await setDefaultRegistry(session, params.id, auditContext(request, session)) }),
);
