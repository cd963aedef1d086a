import { route } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { resolvePackage } from "@/lib/api/operations/registries";
import { resolvePackageForOrg } from "@/lib/registries/resolve";

/** GET ?package=@company/pkg → the registry that serves it, why, and the upstreams it falls through to. */
export const GET = route(resolvePackage, async ({ principal, query }) => json(await resolvePackageForOrg(principal.orgId, query.package)));
