import { validate } from "@/lib/api/parse";
import { withSession } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { orgUsage } from "@/lib/usage/org-usage";
import { assertCanReadUsage } from "@/lib/usage/permissions";
import { usageQuerySchema } from "@/lib/validations/usage";

/** GET ?days=1..90 (default 30) → the organisation's usage: totals, per day, top keys, per member. Owners and admins. */
export const GET = withSession({}, async ({ session, request }) => {
  assertCanReadUsage(session);
  const query = validate(usageQuerySchema, Object.fromEntries(request.nextUrl.searchParams));
  return json(await orgUsage(session.orgId, query.days));
});
