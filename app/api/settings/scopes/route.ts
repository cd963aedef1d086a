import { route } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import * as operations from "@/lib/api/operations/settings";
import { addCatalogScope, listScopeCatalog } from "@/lib/keys/catalog";

/** Built-in scopes and the organisation's own. */
export const GET = route(operations.listCatalogScopes, async ({ principal }) => json({ data: await listScopeCatalog(principal.orgId) }));

export const POST = route(operations.addCatalogScope, async ({ principal, body, audit }) =>
  json({ scope: await addCatalogScope(principal, body, audit) }, 201),
);
