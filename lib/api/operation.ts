import type { ResponseConfig, RouteConfig } from "@asteasolutions/zod-to-openapi";
import type { ZodType } from "zod";
import type { Permission } from "@/lib/auth/permissions";
import type { HeaderName } from "@/lib/openapi/headers";

// One declaration per API operation: method, path, who may call it and with which permission,
// its schemas and its documentation. The route wrapper (route.ts), the OpenAPI document, the
// docs page and the authorisation tests all read these; a handler never checks permissions.

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Dashboard sessions, secret (sk) API keys, publishable (pk) API keys. */
export type Caller = "session" | "sk" | "pk";

/**
 * What a key limited to one project may do here: "own" — the operation acts on keys, and sees and
 * changes only its project's; "shared" — organisation-wide data it may read; "refused" — 403.
 */
export type ProjectKeyAccess = "own" | "shared" | "refused";

export interface ProtectedAccess {
  permission: Permission;
  callers: readonly Caller[];
  projectKeys: ProjectKeyAccess;
  /** Local sign-in only: with Clerk as the provider the operation answers 404 (Clerk owns it). */
  localAuthOnly?: boolean;
}

export type OperationAccess = ProtectedAccess | "public";

export type Tag =
  | "Keys"
  | "Projects"
  | "Settings"
  | "Usage"
  | "Verification"
  | "Registries"
  | "Webhooks"
  | "Members"
  | "Audit"
  | "Accounts"
  | "Health"
  | "Discovery";

export interface Operation<Body = unknown, Params = unknown, Query = unknown> {
  /** The OpenAPI operationId. */
  id: string;
  method: HttpMethod;
  /** As in OpenAPI: "/api/tokens/{id}". */
  path: string;
  tag: Tag;
  summary: string;
  description?: string;
  access: OperationAccess;
  body?: ZodType<Body>;
  bodyExample?: unknown;
  params?: ZodType<Params>;
  query?: ZodType<Query>;
  /** The success answers and the operation's own failures (404, 409…); auth and input errors are added from `access` and the schemas. */
  responses: Record<number, ResponseConfig>;
  /** Statuses of the operation's own failures, documented with the shared error body. */
  errors?: readonly number[];
  /**
   * Also takes a plain HTML form post (application/x-www-form-urlencoded), for forms that carry a
   * secret and must work before (or without) JavaScript: such a post is answered with a redirect,
   * to `success`, or back to `page` with the error's message in `?error=` and only the fields named
   * in `keep` (never a secret the user typed; an invitation token that came in the page's own URL).
   * `next` names a form field (not part of the body's schema) with the path to go to on success
   * instead, judged by safeNextPath (a path of this site, else `success`); it is kept on errors too.
   */
  formPost?: { page: string; success: string; keep?: readonly string[]; next?: string };
  /** Headers its success answers carry beyond those authentication adds (API keys: RateLimit-*). */
  responseHeaders?: readonly HeaderName[];
  /** A body the handler reads itself (e.g. YAML), documented as given. */
  rawBody?: NonNullable<RouteConfig["request"]>["body"];
}

/** Declares an operation; the identity function that gives the schemas' types to the handler. */
export function defineOperation<Body = undefined, Params = undefined, Query = undefined>(
  operation: Operation<Body, Params, Query>,
): Operation<Body, Params, Query> {
  return operation;
}

export const isProtected = (access: OperationAccess): access is ProtectedAccess => access !== "public";
