import { auditContext } from "@/lib/audit/context";
import { withSession } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { addCatalogScope, listScopeCatalog } from "@/lib/keys/catalog";
import { orgScopeSchema } from "@/lib/validations/keys";

/** Built-in scopes and the organisation's own. */
export const GET = withSession({}, async ({ session }) => json({ data: await listScopeCatalog(session.orgId) }));

export const POST = withSession({ body: orgScopeSchema }, async ({ session, body, request }) =>
  json({ scope: await addCatalogScope(session, body, auditContext(request, session)) }, 201),
);
