import { requestOrigin } from "@/lib/audit/context";
import { publicRoute } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { signIn } from "@/lib/auth/local-accounts";
import { attachNewSession } from "@/lib/auth/local-cookie";
import { assertLocalAuth } from "@/lib/auth/local-only";
import { signInSchema } from "@/lib/validations/auth";

export const POST = publicRoute({ body: signInSchema }, async ({ body, request }) => {
  assertLocalAuth();
  const { userId } = await signIn(body, requestOrigin(request));
  return attachNewSession(json({ userId }), userId);
});
