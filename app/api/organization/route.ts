import { route } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { renameOrganization as renameOrganizationOperation } from "@/lib/api/operations/members";
import { renameOrganization } from "@/lib/members/organization";

export const PATCH = route(renameOrganizationOperation, async ({ principal, body, audit }) =>
  json({ organization: await renameOrganization(principal, body.name, audit) }),
);
