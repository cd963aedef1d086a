import { withSession } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { previewRegistry } from "@/lib/registries/service";
import { discoverRegistrySchema } from "@/lib/validations/registries";

/** Fetches <url>/.well-known/registry.json and shows what it says. Stores nothing. */
export const POST = withSession({ body: discoverRegistrySchema }, async ({ session, body }) =>
  json(await previewRegistry(session, body.url)),
);
