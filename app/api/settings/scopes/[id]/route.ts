import { z } from "zod";
import { auditContext } from "@/lib/audit/context";
import { withSession } from "@/lib/api/route";
import { noContent } from "@/lib/api/respond";
import { removeCatalogScope } from "@/lib/keys/catalog";

const params = z.object({ id: z.uuid("Scope id must be a UUID.") });

export const DELETE = withSession({ params }, async ({ session, params, request }) => {
  await removeCatalogScope(session, params.id, auditContext(request, session));
  return noContent();
});
