import { route } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { checkRegistry } from "@/lib/api/operations/registries";
import { testRegistryConnection } from "@/lib/registries/service";

/** { url, apiKey } or { registryId, apiKey? } → whether the registry accepts the key. Stores nothing. */
export const POST = route(checkRegistry, async ({ principal, body }) => json(await testRegistryConnection(principal, body)));
