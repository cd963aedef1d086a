import { json } from "@/lib/api/respond";
import { withSession } from "@/lib/api/route";
import { assertLocalAuth } from "@/lib/auth/local-only";
import { listMembers } from "@/lib/members/service";

export const GET = withSession({}, async ({ session }) => {
  assertLocalAuth();
  return json({ data: await listMembers(session.orgId) });
});
