import { publicRoute } from "@/lib/api/route";
import { signOut as signOutOperation } from "@/lib/api/operations/public";
import { noContent } from "@/lib/api/respond";
import { recordAccountEvent } from "@/lib/auth/account-audit";
import { SESSION_COOKIE } from "@/lib/auth/cookie";
import { clearSessionCookie } from "@/lib/auth/local-cookie";
import { assertLocalAuth } from "@/lib/auth/local-only";
import { endSession } from "@/lib/auth/local-sessions";
import { db } from "@/lib/db/client";

export const POST = publicRoute(signOutOperation, async ({ request, origin }) => {
  assertLocalAuth();
  const token = request.cookies.get(SESSION_COOKIE)?.value;
  const ended = token ? await endSession(token) : null;
  if (ended) await recordAccountEvent(db(), ended.userId, "auth.sign_out", origin);
  return clearSessionCookie(noContent());
});
