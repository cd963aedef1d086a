import { publicRoute } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { signIn } from "@/lib/auth/local-accounts";
import { attachNewSession } from "@/lib/auth/local-cookie";
import { assertLocalAuth } from "@/lib/auth/local-only";
import { signInSchema } from "@/lib/validations/auth";

export const POST = publicRoute({ body: signInSchema }, async ({ body }) => {
  assertLocalAuth();
  const { userId } = await signIn(body);
  return attachNewSession(json({ userId }), userId);
});
