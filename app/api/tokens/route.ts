import { withSession } from "@/lib/api/route";
import { auditContext } from "@/lib/audit/context";
import { json } from "@/lib/api/respond";
import { createKey, listKeys } from "@/lib/keys/service";
import { createKeySchema } from "@/lib/validations/keys";

export const GET = withSession({}, async ({ session }) => json({ data: await listKeys(session.orgId) }));

export const POST = withSession({ body: createKeySchema }, async ({ session, body, request }) =>
  json(await createKey(session, body, auditContext(request, session)), 201),
);
