import { route } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { createKey as createKeyOperation, listKeys as listKeysOperation } from "@/lib/api/operations/keys";
import { createKey, listKeys } from "@/lib/keys/service";

export const GET = route(listKeysOperation, async ({ principal, query }) => json(await listKeys(principal, query)));

export const POST = route(createKeyOperation, async ({ principal, body, audit }) => json(await createKey(principal, body, audit), 201));
