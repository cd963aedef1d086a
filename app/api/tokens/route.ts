import { auditContext } from "@/lib/audit/context";
import { validate } from "@/lib/api/parse";
import { withSession } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { createKey, listKeys } from "@/lib/keys/service";
import { createKeySchema, keyListQuerySchema } from "@/lib/validations/keys";

/** ?page, pageSize, sort, order, status, type, projectId, q → { data, page, pageSize, total }. */
export const GET = withSession({}, async ({ session, request }) => {
  const query = validate(keyListQuerySchema, Object.fromEntries(request.nextUrl.searchParams));
  return json(await listKeys(session.orgId, query));
});

export const POST = withSession({ body: createKeySchema }, async ({ session, body, request }) =>
  json(await createKey(session, body, auditContext(request, session)), 201),
);
