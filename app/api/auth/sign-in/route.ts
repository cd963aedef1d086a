import { publicRoute } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { signIn } from "@/lib/auth/local-accounts";
import { attachNewSession } from "@/lib/auth/local-cookie";
import { assertLocalAuth } from "@/lib/auth/local-only";
import { signIn as signInOperation } from "@/lib/api/operations/public";

export const POST = publicRoute(signInOperation, async ({ body, origin }) => {
  assertLocalAuth();
  const { userId } = await signIn(body, origin);
  return attachNewSession(json({ userId }), userId);
});
