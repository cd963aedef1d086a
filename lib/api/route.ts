import { safeNextPath } from "@/lib/auth/next-path";
import { NextResponse, type NextRequest } from "next/server";
import { auditContext, requestOrigin } from "@/lib/audit/context";
import type { AuditContext, RequestOrigin } from "@/lib/audit/types";
import { assertLocalAuth } from "@/lib/auth/local-only";
import type { Principal } from "@/lib/auth/principal";
import { getSession } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { keysmithKeyFromHeaders } from "@/lib/verify/credentials";
import { authorize } from "./authorize";
import { keyPrincipal } from "./key-principal";
import { isProtected, type Operation } from "./operation";
import { isForeignOriginWrite } from "./origin";
import { formErrorPath, isFormPost, readFormBody, readJsonBody, validate } from "./parse";
import { errorResponse } from "./respond";

// The one wrapper for API routes, driven by the operation's declaration: credentials (API key,
// or session with the CSRF origin check) → authorize → zod parse of params, query and body →
// handler → typed errors as JSON. Handlers read like the rule they implement.

type RouteContext = { params: Promise<Record<string, string | string[]>> };

export interface PublicArgs<Body, Params, Query> {
  request: NextRequest;
  body: Body;
  params: Params;
  query: Query;
  origin: RequestOrigin;
  /** The body came from a plain HTML form post (operations declared `formPost`): answer with a redirect. */
  form: boolean;
}

export interface ProtectedArgs<Body, Params, Query> extends PublicArgs<Body, Params, Query> {
  principal: Principal;
  /** Who acted and from where, for the audit trail. */
  audit: AuditContext;
}

async function parseArgs<Body, Params, Query>(
  request: NextRequest,
  context: RouteContext,
  operation: Operation<Body, Params, Query>,
  formFields?: Record<string, string>,
): Promise<PublicArgs<Body, Params, Query>> {
  const params = (operation.params ? validate(operation.params, await context.params) : undefined) as Params;
  const query = (operation.query ? validate(operation.query, Object.fromEntries(request.nextUrl.searchParams)) : undefined) as Query;
  const form = formPostOf(operation, request) !== null;
  const raw = operation.body ? (formFields ?? (form ? await readFormBody(request) : await readJsonBody(request))) : undefined;
  const body = (operation.body ? validate(operation.body, raw) : undefined) as Body;
  return { request, body, params, query, origin: requestOrigin(request), form };
}

async function handleErrors(request: NextRequest, run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError) return errorResponse(error.code, error.message, error.field, error.headers);
    log.error({ err: error, method: request.method, path: request.nextUrl.pathname }, "unhandled API error");
    return errorResponse("INTERNAL", "Something went wrong on our side. Nothing was changed; try again.");
  }
}

/**
 * The caller: an API key's principal (judged by the key alone), else the session behind the
 * cookie — looked up only where sessions may call.
 */
async function authenticate(request: NextRequest, sessions: boolean): Promise<Principal | null | Response> {
  const rawKey = keysmithKeyFromHeaders(request.headers);
  if (rawKey) {
    // No cookie is involved, so a cross-site page cannot make the browser send this: no origin check.
    const outcome = await keyPrincipal(request, rawKey);
    if ("denial" in outcome)
      return NextResponse.json(outcome.denial.body, { status: outcome.denial.status, headers: outcome.denial.headers });
    if ("error" in outcome) throw outcome.error;
    return outcome.principal;
  }
  if (!sessions) return null;
  if (isForeignOriginWrite(request)) return errorResponse("BAD_ORIGIN", "Cross-site requests are not allowed.");
  return getSession();
}

function formPostOf(operation: Operation<unknown, unknown, unknown>, request: NextRequest) {
  return operation.formPost && isFormPost(request) ? operation.formPost : null;
}

/** A 303 to `path` on this origin, keeping the cookies the handler set. */
function redirectTo(request: NextRequest, path: string, from?: Response): Response {
  const response = NextResponse.redirect(new URL(path, request.nextUrl.origin), 303);
  for (const cookie of from?.headers.getSetCookie() ?? []) response.headers.append("set-cookie", cookie);
  response.headers.set("Cache-Control", "no-store");
  return response;
}

/** A route for an operation open to anyone (sign-in, sign-up). Writes still need a same-site Origin. */
export function publicRoute<Body, Params, Query>(
  operation: Operation<Body, Params, Query>,
  handler: (args: PublicArgs<Body, Params, Query>) => Promise<Response>,
) {
  if (isProtected(operation.access)) throw new Error(`${operation.id} is protected: use route().`);
  return (request: NextRequest, context: RouteContext) =>
    handleErrors(request, async () => {
      if (isForeignOriginWrite(request)) return errorResponse("BAD_ORIGIN", "Cross-site requests are not allowed.");
      const formPost = formPostOf(operation as Operation<unknown, unknown, unknown>, request);
      if (!formPost) return handler(await parseArgs(request, context, operation));
      const kept: [string, string][] = [];
      try {
        const fields = await readFormBody(request);
        let success = formPost.success;
        if (formPost.next && fields[formPost.next] !== undefined) {
          const next = safeNextPath(fields[formPost.next]);
          delete fields[formPost.next];
          if (next !== formPost.success) {
            success = next;
            kept.push([formPost.next, next]);
          }
        }
        for (const name of formPost.keep ?? []) if (fields[name] !== undefined) kept.push([name, fields[name]]);
        const response = await handler(await parseArgs(request, context, operation, fields));
        return response.ok ? redirectTo(request, success, response) : response;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        return redirectTo(request, formErrorPath(formPost.page, error.message, kept));
      }
    });
}

/** A route for a protected operation: only principals its declaration allows reach the handler. */
export function route<Body, Params, Query>(
  operation: Operation<Body, Params, Query>,
  handler: (args: ProtectedArgs<Body, Params, Query>) => Promise<Response>,
) {
  const access = operation.access;
  if (!isProtected(access)) throw new Error(`${operation.id} is public: use publicRoute().`);
  return (request: NextRequest, context: RouteContext) =>
    handleErrors(request, async () => {
      if (access.localAuthOnly) assertLocalAuth();
      const principal = await authenticate(request, access.callers.includes("session"));
      if (principal instanceof Response) return principal;
      const refused = authorize(operation, principal);
      if (refused) throw refused;
      const args = await parseArgs(request, context, operation);
      return handler({ ...args, principal: principal!, audit: auditContext(request, principal!) });
    });
}
