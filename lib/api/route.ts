import { NextResponse, type NextRequest } from "next/server";
import type { ZodType } from "zod";
import { getSession } from "@/lib/auth/session";
import type { Session } from "@/lib/auth/types";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { keysmithKeyFromHeaders } from "@/lib/verify/credentials";
import { apiKeyPrincipal } from "./api-key-principal";
import { isForeignOriginWrite } from "./origin";
import { readJsonBody, validate } from "./parse";
import { errorResponse } from "./respond";

// One wrapper for every API route: API key, or origin check → session; then zod parse → handler
// → typed errors as JSON. Handlers read like the rule they implement.

type RouteContext = { params: Promise<Record<string, string | string[]>> };

interface RouteOptions<Body, Params> {
  body?: ZodType<Body>;
  params?: ZodType<Params>;
}

interface PublicArgs<Body, Params> {
  request: NextRequest;
  body: Body;
  params: Params;
}

interface SessionArgs<Body, Params> extends PublicArgs<Body, Params> {
  session: Session;
}

async function parseArgs<Body, Params>(
  request: NextRequest,
  context: RouteContext,
  options: RouteOptions<Body, Params>,
): Promise<PublicArgs<Body, Params>> {
  const params = (options.params ? validate(options.params, await context.params) : undefined) as Params;
  const body = (options.body ? validate(options.body, await readJsonBody(request)) : undefined) as Body;
  return { request, body, params };
}

async function handleErrors(request: NextRequest, run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError) return errorResponse(error.code, error.message, error.field);
    log.error({ err: error, method: request.method, path: request.nextUrl.pathname }, "unhandled API error");
    return errorResponse("INTERNAL", "Something went wrong on our side. Nothing was changed; try again.");
  }
}

/** An API route open to anyone (sign-in, sign-up, discovery). Writes still need a same-site Origin. */
export function publicRoute<Body = undefined, Params = undefined>(
  options: RouteOptions<Body, Params>,
  handler: (args: PublicArgs<Body, Params>) => Promise<Response>,
) {
  return (request: NextRequest, context: RouteContext) =>
    handleErrors(request, async () => {
      if (isForeignOriginWrite(request)) {
        return errorResponse("BAD_ORIGIN", "Cross-site requests are not allowed.");
      }
      return handler(await parseArgs(request, context, options));
    });
}

/** The browser session (with the CSRF origin check it needs), or an API key's principal. */
async function authenticate(request: NextRequest): Promise<Session | Response> {
  const rawKey = keysmithKeyFromHeaders(request.headers);
  if (rawKey) {
    // No cookie is involved, so a cross-site page cannot make the browser send this: no origin check.
    const outcome = await apiKeyPrincipal(request, rawKey);
    if ("denial" in outcome) {
      const { body, status, headers } = outcome.denial;
      return NextResponse.json(body, { status, headers });
    }
    return outcome.session;
  }
  if (isForeignOriginWrite(request)) {
    return errorResponse("BAD_ORIGIN", "Cross-site requests are not allowed.");
  }
  const session = await getSession();
  if (!session) return errorResponse("UNAUTHENTICATED", "Sign in to use this API.");
  return session;
}

/**
 * An API route for a signed-in member of an organisation, or for an API key with the area's
 * management scope (lib/api/api-key-principal.ts). A request carrying a Keysmith key is judged by
 * that key alone.
 */
export function withSession<Body = undefined, Params = undefined>(
  options: RouteOptions<Body, Params>,
  handler: (args: SessionArgs<Body, Params>) => Promise<Response>,
) {
  return (request: NextRequest, context: RouteContext) =>
    handleErrors(request, async () => {
      const session = await authenticate(request);
      if (session instanceof Response) return session;
      return handler({ ...(await parseArgs(request, context, options)), session });
    });
}
