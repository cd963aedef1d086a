import { validate } from "@/lib/api/parse";
import { withSession } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { resolvePackageForOrg } from "@/lib/registries/resolve";
import { resolveQuerySchema } from "@/lib/validations/registries";

/** GET ?package=@company/pkg → the registry that serves it, why, and the upstreams it falls through to. */
export const GET = withSession({}, async ({ session, request }) => {
  const query = validate(resolveQuerySchema, { package: request.nextUrl.searchParams.get("package") ?? undefined });
  return json(await resolvePackageForOrg(session.orgId, query.package));
});
