import { auditContext } from "@/lib/audit/context";
import { withSession } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { getRegistrySettings, updateRegistrySettings } from "@/lib/registries/settings";
import { registrySettingsSchema } from "@/lib/validations/registries";

export const GET = withSession({}, async ({ session }) => json({ settings: await getRegistrySettings(session.orgId) }));

/** { allowPrivateHosts }: whether discovery may reach loopback and private-network hosts. Owners and admins. */
export const PATCH = withSession({ body: registrySettingsSchema }, async ({ session, body, request }) =>
  json({ settings: await updateRegistrySettings(session, body, auditContext(request, session)) }),
);
