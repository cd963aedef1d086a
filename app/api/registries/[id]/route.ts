import { z } from "zod";
import { auditContext } from "@/lib/audit/context";
import { withSession } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { deleteRegistry, updateRegistry } from "@/lib/registries/service";
import { registryIdSchema, updateRegistrySchema } from "@/lib/validations/registries";

const params = z.object({ id: registryIdSchema });

/** Changes name, scopes, upstream, or the API key (a string replaces it, null removes it). */
export const PATCH = withSession({ params, body: updateRegistrySchema }, async ({ session, params, body, request }) =>
  json({ registry: await updateRegistry(session, params.id, body, auditContext(request, session)) }),
);

export const DELETE = withSession({ params }, async ({ session, params, request }) => {
  await deleteRegistry(session, params.id, auditContext(request, session));
  return json({ deleted: params.id });
});
