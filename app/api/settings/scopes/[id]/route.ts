import { route } from "@/lib/api/route";
import { noContent } from "@/lib/api/respond";
import { removeCatalogScope as removeCatalogScopeOperation } from "@/lib/api/operations/settings";
import { removeCatalogScope } from "@/lib/keys/catalog";

export const DELETE = route(removeCatalogScopeOperation, async ({ principal, params, audit }) => {
  await removeCatalogScope(principal, params.id, audit);
  return noContent();
});
