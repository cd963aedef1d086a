import { requestOrigin } from "@/lib/audit/context";
import { publicRoute } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { signUp } from "@/lib/auth/local-accounts";
import { attachNewSession } from "@/lib/auth/local-cookie";
import { assertLocalAuth } from "@/lib/auth/local-only";
import { signUpSchema } from "@/lib/validations/auth";

export const POST = publicRoute({ body: signUpSchema }, async ({ body, request }) => {
  assertLocalAuth();
  const { userId } = await signUp(body, requestOrigin(request));
  return attachNewSession(json({ userId }, 201), userId);
});
