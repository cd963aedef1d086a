import type { RouteConfig } from "@asteasolutions/zod-to-openapi";
import type { ZodType } from "zod";
import { ROLE_PERMISSIONS } from "@/lib/auth/permissions";
import type { OrgRole } from "@/lib/auth/types";
import { isProtected, type Operation, type ProtectedAccess } from "@/lib/api/operation";
import { errors, jsonBody, SECURITY } from "./components";
import { RATE_LIMIT_HEADERS, withHeaders, type HeaderName } from "./headers";

// One declared operation (lib/api/operations) as an OpenAPI path item: security from who may
// call, the error answers that authentication and input parsing add, and who holds the permission.

const ROLES: OrgRole[] = ["owner", "admin", "member"];

function security(access: ProtectedAccess): RouteConfig["security"] {
  return [
    ...(access.callers.includes("session") ? [{ [SECURITY.session]: [] }] : []),
    ...(access.callers.some((caller) => caller !== "session") ? [{ [SECURITY.apiKey]: [] }, { [SECURITY.apiKeyHeader]: [] }] : []),
  ];
}

/** "Needs `keys:write`: owners and admins, or an API key with that scope." */
export function whoMayCall(access: ProtectedAccess): string {
  const roles = ROLES.filter((role) => ROLE_PERMISSIONS[role].includes(access.permission));
  const people = access.callers.includes("session") ? `${roles.map((role) => `${role}s`).join(" and ")} signed in` : null;
  const keys = access.callers.includes("sk") ? `a secret API key with \`${access.permission}\` whose creator's role holds it` : null;
  const project =
    access.projectKeys === "refused"
      ? " Keys limited to a project get 403."
      : access.projectKeys === "own"
        ? " Keys limited to a project act on that project's keys only."
        : "";
  return `Needs \`${access.permission}\`: ${[people, keys].filter(Boolean).join(", or ")}. Publishable keys get 401.${project}`;
}

function statusesOf(operation: Operation): number[] {
  const statuses = new Set<number>(operation.errors ?? []);
  if (operation.body || operation.params || operation.query) statuses.add(400);
  if (operation.body) statuses.add(413);
  if (isProtected(operation.access)) for (const status of [401, 403, 429, 503]) statuses.add(status);
  for (const status of Object.keys(operation.responses)) statuses.delete(Number(status));
  return [...statuses].sort();
}

/** Headers of the success answers: the declared ones, and RateLimit-* when an API key may call. */
function successHeaders(operation: Operation): HeaderName[] {
  const { access } = operation;
  const byKey = isProtected(access) && access.callers.some((caller) => caller !== "session");
  return [...(operation.responseHeaders ?? []), ...(byKey ? RATE_LIMIT_HEADERS : [])];
}

function responses(operation: Operation): RouteConfig["responses"] {
  const success = successHeaders(operation);
  const own = Object.entries(operation.responses).map(
    ([status, response]) =>
      [
        status,
        status.startsWith("2")
          ? withHeaders(response, success)
          : status === "429"
            ? withHeaders(response, ["Retry-After", ...RATE_LIMIT_HEADERS])
            : response,
      ] as const,
  );
  const failures = Object.entries(errors(...statusesOf(operation))).map(
    ([status, response]) => [status, status === "429" ? withHeaders(response, ["Retry-After", ...RATE_LIMIT_HEADERS]) : response] as const,
  );
  return Object.fromEntries([...own, ...failures]);
}

export function operationRoute(operation: Operation): RouteConfig {
  const { access } = operation;
  const description = [operation.description, isProtected(access) ? whoMayCall(access) : null].filter(Boolean).join("\n\n");
  const request: NonNullable<RouteConfig["request"]> = {};
  if (operation.params) request.params = operation.params as never;
  if (operation.query) request.query = operation.query as never;
  if (operation.body) request.body = jsonBody(operation.body as ZodType, operation.bodyExample);
  if (operation.body && operation.formPost) {
    request.body!.content["application/x-www-form-urlencoded"] = { schema: operation.body as ZodType };
  }
  if (operation.rawBody) request.body = operation.rawBody;
  return {
    method: operation.method.toLowerCase() as RouteConfig["method"],
    path: operation.path,
    operationId: operation.id,
    tags: [operation.tag],
    summary: operation.summary,
    ...(description ? { description } : {}),
    security: isProtected(access) ? security(access) : [],
    ...(isProtected(access) ? { "x-keysmith-permission": access.permission } : {}),
    ...(Object.keys(request).length > 0 ? { request } : {}),
    responses: responses(operation),
  };
}
