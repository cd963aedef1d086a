import { json } from "@/lib/api/respond";
import { route } from "@/lib/api/route";
import { listMembers as listMembersOperation } from "@/lib/api/operations/members";
import { listMembers } from "@/lib/members/service";

export const GET = route(listMembersOperation, async ({ principal }) => json({ data: await listMembers(principal.orgId) }));
