import { auditContext } from "@/lib/audit/context";
import { withSession } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { reorderRegistries } from "@/lib/registries/service";
import { reorderRegistriesSchema } from "@/lib/validations/registries";

/** { ids }: every registry id, in the new priority order. 409 if the list changed meanwhile. */
export const PUT = withSession({ body: reorderRegistriesSchema }, async ({ session, body, request }) =>
  json({ data: await reorderRegistries(session, body.ids, auditContext(request, session)) }),
);
