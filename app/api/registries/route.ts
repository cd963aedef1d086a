import { route } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import * as operations from "@/lib/api/operations/registries";
import { createRegistry } from "@/lib/registries/service";
import { getRegistrySettings } from "@/lib/registries/settings";
import { listRegistries } from "@/lib/registries/store";

/** The registries in priority order, and the organisation's registry settings. */
export const GET = route(operations.listRegistries, async ({ principal }) =>
  json({ data: await listRegistries(principal.orgId), settings: await getRegistrySettings(principal.orgId) }),
);

/** Discovers the URL again and adds the registry last in priority order. */
export const POST = route(operations.createRegistry, async ({ principal, body, audit }) =>
  json({ registry: await createRegistry(principal, body, audit) }, 201),
);
