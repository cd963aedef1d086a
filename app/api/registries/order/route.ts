import { route } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { reorderRegistries as reorderRegistriesOperation } from "@/lib/api/operations/registries";
import { reorderRegistries } from "@/lib/registries/service";

/** { ids }: every registry id, in the new priority order. 409 if the list changed meanwhile. */
export const PUT = route(reorderRegistriesOperation, async ({ principal, body, audit }) =>
  json({ data: await reorderRegistries(principal, body.ids, audit) }),
);
