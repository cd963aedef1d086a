import { z } from "zod";
import { validate } from "@/lib/api/parse";
import { withSession } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { keyDailyUsage } from "@/lib/usage/key-usage";
import { keyIdParamSchema } from "@/lib/validations/keys";
import { usageQuerySchema } from "@/lib/validations/usage";

const params = z.object({ id: keyIdParamSchema });

/** GET ?days=1..90 (default 30) → { days: [{ day: "YYYY-MM-DD", count }] }, oldest first, UTC days, zeros included. */
export const GET = withSession({ params }, async ({ session, params, request }) => {
  const query = validate(usageQuerySchema, Object.fromEntries(request.nextUrl.searchParams));
  return json({ days: await keyDailyUsage(session.orgId, params.id, query.days) });
});
