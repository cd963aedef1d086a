import { route } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { discoverRegistry } from "@/lib/api/operations/registries";
import { previewRegistry } from "@/lib/registries/service";

/** Fetches <url>/.well-known/registry.json and shows what it says. Stores nothing. */
export const POST = route(discoverRegistry, async ({ principal, body }) => json(await previewRegistry(principal, body.url)));
