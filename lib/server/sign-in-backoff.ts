import type { IncomingMessage, ServerResponse } from "node:http";
import { ERROR_STATUS } from "@/lib/api/error-codes";
import { formErrorPath, isFormContentType } from "@/lib/api/parse";
import { signIn } from "@/lib/api/operations/public";
import { authProvider } from "@/lib/auth/mode";
import { addressBackoffSeconds, signInBackoffError } from "@/lib/auth/sign-in-throttle";

// A flood of password guesses from one address is answered here, before Next.js: once the address
// is in a back-off, each further attempt costs one counter read instead of a trip through the
// framework, so the flood cannot queue ahead of the dashboard's own requests (issue #17). The answer
// is the one the sign-in route itself gives during a back-off: 429 + Retry-After for the API, and for
// a plain HTML form the same redirect back to the form with the message.

export function isSignInAttempt(request: IncomingMessage): boolean {
  if (request.method !== "POST" || !request.url) return false;
  const path = request.url.split("?", 1)[0];
  return path === signIn.path;
}

/** Answers the request if it is a sign-in attempt from an address in back-off; says whether it did. */
export async function answerSignInBackoff(request: IncomingMessage, response: ServerResponse, address: string | null): Promise<boolean> {
  if (!address || !isSignInAttempt(request) || authProvider() !== "local") return false;
  const seconds = await addressBackoffSeconds(address);
  if (seconds === 0) return false;
  const error = signInBackoffError(seconds);
  // The body is not read: drop it rather than leave it in the socket for the next request.
  request.resume();
  if (isFormContentType(request.headers["content-type"]) && signIn.formPost) {
    response.writeHead(303, {
      location: formErrorPath(signIn.formPost.page, error.message),
      "cache-control": "no-store",
    });
    response.end();
    return true;
  }
  response.writeHead(ERROR_STATUS.RATE_LIMITED, { "content-type": "application/json", "cache-control": "no-store", ...error.headers });
  response.end(JSON.stringify({ error: { code: error.code, message: error.message } }));
  return true;
}
