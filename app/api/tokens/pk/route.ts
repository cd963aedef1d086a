import { route } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { requestPublishableKey } from "@/lib/api/operations/keys";
import { requestPublicKey } from "@/lib/keys/public-key";

export const dynamic = "force-dynamic";

/** A fresh publishable key for a server holding a secret key with keys:pk. See lib/keys/public-key.ts. */
export const GET = route(requestPublishableKey, async ({ principal, query, origin }) =>
  json(await requestPublicKey(principal, query, origin)),
);
