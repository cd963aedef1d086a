import { auditContext } from "@/lib/audit/context";
import { withSession } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { createRegistry } from "@/lib/registries/service";
import { getRegistrySettings } from "@/lib/registries/settings";
import { listRegistries } from "@/lib/registries/store";
import { createRegistrySchema } from "@/lib/validations/registries";

/** The registries in priority order, and the organisation's registry settings. */
export const GET = withSession({}, async ({ session }) =>
  json({ data: await listRegistries(session.orgId), settings: await getRegistrySettings(session.orgId) }),
);

/** Discovers the URL again and adds the registry last in priority order. */
export const POST = withSession({ body: createRegistrySchema }, async ({ session, body, request }) =>
  json({ registry: await createRegistry(session, body, auditContext(request, session)) }, 201),
);
