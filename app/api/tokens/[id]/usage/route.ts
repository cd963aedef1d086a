import { route } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { getKeyUsage } from "@/lib/api/operations/keys";
import { keyDailyUsage } from "@/lib/usage/key-usage";

export const GET = route(getKeyUsage, async ({ principal, params, query }) =>
  json({ days: await keyDailyUsage(principal, params.id, query.days) }),
);
