import { decide, type GuardOptions } from "./decision.js";
import type { VerifyResult } from "../verify.js";

// Next.js App Router route handlers (or any fetch-style handler: Request in, Response out).

/** `export const GET = withApiKey({ verifier, scopes: ["packages:read"] }, (request, context, verdict) => Response.json(…))`. */
export function withApiKey<Context = unknown>(
  options: GuardOptions,
  handler: (request: Request, context: Context, verdict: VerifyResult) => Response | Promise<Response>,
) {
  return async (request: Request, context: Context): Promise<Response> => {
    const decision = await decide((name) => request.headers.get(name), options);
    if (!decision.allowed) return Response.json(decision.body, { status: decision.status, headers: decision.headers });
    return handler(request, context, decision.result);
  };
}
