import { NextResponse, type NextRequest } from "next/server";
import { clientIp } from "@/lib/http/client-ip";
import { apiKeyFromHeaders } from "./credentials";
import { denialFor, missingKeyDenial, unavailableDenial, type Denial } from "./denial";
import { rateLimitHeaders } from "./headers";
import { defaultVerifier, type Verifier } from "./index";
import { VerificationUnavailableError, type VerifyResult } from "./result";

export interface ApiKeyRouteOptions {
  /** Every one must be granted to the key. */
  scopes?: readonly string[];
  verifier?: Verifier;
}

export interface ApiKeyHandlerArgs<Context> {
  request: NextRequest;
  /** The verified key (code VALID). */
  key: VerifyResult;
  context: Context;
}

function respond(denial: Denial): NextResponse {
  return NextResponse.json(denial.body, { status: denial.status, headers: denial.headers });
}

/**
 * Protects a Next route handler with an API key: 401 without a valid key, 403 without the scopes,
 * 429 (with Retry-After) over the key's limit, 503 when keys cannot be checked. Successful answers
 * carry the RateLimit-* headers too.
 */
export function withApiKey<Context = unknown>(
  options: ApiKeyRouteOptions,
  handler: (args: ApiKeyHandlerArgs<Context>) => Promise<Response> | Response,
) {
  const scopes = options.scopes ?? [];
  return async (request: NextRequest, context: Context): Promise<Response> => {
    const rawKey = apiKeyFromHeaders(request.headers);
    if (!rawKey) return respond(missingKeyDenial());
    let key: VerifyResult;
    try {
      key = await (options.verifier ?? defaultVerifier()).verify(rawKey, { scopes, ip: clientIp(request.headers) });
    } catch (error) {
      if (error instanceof VerificationUnavailableError) return respond(unavailableDenial());
      throw error;
    }
    const denied = denialFor(key, scopes);
    if (denied) return respond(denied);
    const response = await handler({ request, key, context });
    for (const [name, value] of Object.entries(rateLimitHeaders(key.ratelimit, false))) response.headers.set(name, value);
    return response;
  };
}
