import type { NextRequest } from "next/server";
import type { ZodType } from "zod";
import { getSession } from "@/lib/auth/session";
import type { Session } from "@/lib/auth/types";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { isForeignOriginWrite } from "./origin";
import { readJsonBody, validate } from "./parse";
import { errorResponse } from "./respond";

// One wrapper for every API route: origin check → session → zod parse → handler → typed
// errors as JSON. Handlers read like the rule they implement.

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

/** An API route for a signed-in member of an organisation. */
export function withSession<Body = undefined, Params = undefined>(
  options: RouteOptions<Body, Params>,
  handler: (args: SessionArgs<Body, Params>) => Promise<Response>,
) {
  return (request: NextRequest, context: RouteContext) =>
    handleErrors(request, async () => {
      if (isForeignOriginWrite(request)) {
        return errorResponse("BAD_ORIGIN", "Cross-site requests are not allowed.");
      }
      const session = await getSession();
      if (!session) return errorResponse("UNAUTHENTICATED", "Sign in to use this API.");
      return handler({ ...(await parseArgs(request, context, options)), session });
    });
}
