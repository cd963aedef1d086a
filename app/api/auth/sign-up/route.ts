import { publicRoute } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { signUp } from "@/lib/auth/local-accounts";
import { attachNewSession } from "@/lib/auth/local-cookie";
import { assertLocalAuth } from "@/lib/auth/local-only";
import { signUp as signUpOperation } from "@/lib/api/operations/public";

export const POST = publicRoute(signUpOperation, async ({ body, origin }) => {
  assertLocalAuth();
  const { userId } = await signUp(body, origin);
  return attachNewSession(json({ userId }, 201), userId);
});
