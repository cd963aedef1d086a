import { route } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { setDefaultRegistry as setDefaultRegistryOperation } from "@/lib/api/operations/registries";
import { setDefaultRegistry } from "@/lib/registries/service";

/** Makes this registry the default; idempotent. */
export const POST = route(setDefaultRegistryOperation, async ({ principal, params, audit }) =>
  json({ registry: await setDefaultRegistry(principal, params.id, audit) }),
);
