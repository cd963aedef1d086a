import { route } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import * as operations from "@/lib/api/operations/registries";
import { deleteRegistry, updateRegistry } from "@/lib/registries/service";

/** Changes name, scopes, upstream, or the API key (a string replaces it, null removes it). */
export const PATCH = route(operations.updateRegistry, async ({ principal, params, body, audit }) =>
  json({ registry: await updateRegistry(principal, params.id, body, audit) }),
);

export const DELETE = route(operations.deleteRegistry, async ({ principal, params, audit }) => {
  await deleteRegistry(principal, params.id, audit);
  return json({ deleted: params.id });
});
