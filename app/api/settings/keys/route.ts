import { auditContext } from "@/lib/audit/context";
import { withSession } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { getKeyPolicy, updateKeyPolicy } from "@/lib/keys/policy";
import { keyPolicySchema } from "@/lib/validations/keys";

export const GET = withSession({}, async ({ session }) => json({ policy: await getKeyPolicy(session.orgId) }));

/** { allowNoExpiry, maxLifetimeDays (null: no cap), retentionDays }. Owners and admins. */
export const PUT = withSession({ body: keyPolicySchema }, async ({ session, body, request }) =>
  json({ policy: await updateKeyPolicy(session, body, auditContext(request, session)) }),
);
