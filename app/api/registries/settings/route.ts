import { route } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import * as operations from "@/lib/api/operations/registries";
import { getRegistrySettings, updateRegistrySettings } from "@/lib/registries/settings";

export const GET = route(operations.getRegistrySettings, async ({ principal }) =>
  json({ settings: await getRegistrySettings(principal.orgId) }),
);

/** { allowPrivateHosts }: whether discovery may reach loopback and private-network hosts. */
export const PATCH = route(operations.updateRegistrySettings, async ({ principal, body, audit }) =>
  json({ settings: await updateRegistrySettings(principal, body, audit) }),
);
