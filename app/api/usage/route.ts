import { route } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { getOrgUsage } from "@/lib/api/operations/insight";
import { orgUsage } from "@/lib/usage/org-usage";

/** The organisation's usage: totals, per day, top keys, per member and project. */
export const GET = route(getOrgUsage, async ({ principal, query }) => json(await orgUsage(principal.orgId, query.days)));
