import { publicRoute } from "@/lib/api/route";
import { noContent } from "@/lib/api/respond";
import { SESSION_COOKIE } from "@/lib/auth/cookie";
import { clearSessionCookie } from "@/lib/auth/local-cookie";
import { assertLocalAuth } from "@/lib/auth/local-only";
import { endSession } from "@/lib/auth/local-sessions";

export const POST = publicRoute({}, async ({ request }) => {
  assertLocalAuth();
  const token = request.cookies.get(SESSION_COOKIE)?.value;
  if (token) await endSession(token);
  return clearSessionCookie(noContent());
});
