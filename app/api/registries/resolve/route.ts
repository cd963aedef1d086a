import { route } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { resolvePackage } from "@/lib/api/operations/registries";
import { resolvePackageLive } from "@/lib/registries/live-resolve";
import { resolvePackageForOrg } from "@/lib/registries/resolve";

/** GET ?package=@company/pkg[&live=true] → the registry that serves it, why, the upstreams, and (live) what the registries answered. */
export const GET = route(resolvePackage, async ({ principal, query }) =>
  json(
    query.live === "true"
      ? await resolvePackageLive(principal.orgId, query.package)
      : await resolvePackageForOrg(principal.orgId, query.package),
  ),
);
