import { validate } from "@/lib/api/parse";
import { errorResponse, json } from "@/lib/api/respond";
import { requestOrigin } from "@/lib/audit/context";
import { AppError } from "@/lib/errors";
import { requestPublicKey } from "@/lib/keys/public-key";
import { REQUEST_PK_SCOPE } from "@/lib/keys/roles";
import { publicKeyRequestSchema } from "@/lib/validations/keys";
import { withApiKey } from "@/lib/verify/with-api-key";

export const dynamic = "force-dynamic";

/**
 * ?name&projectId&ttl (seconds) → { expiresAt, value }: a fresh publishable key, for a secret key
 * with the application role (scope keys:pk) or admin. See lib/keys/public-key.ts.
 */
export const GET = withApiKey({ scopes: [REQUEST_PK_SCOPE] }, async ({ request, key }) => {
  try {
    const input = validate(publicKeyRequestSchema, Object.fromEntries(request.nextUrl.searchParams));
    const answer = await requestPublicKey(key, input, requestOrigin(request));
    return json(answer);
  } catch (error) {
    if (error instanceof AppError) return errorResponse(error.code, error.message, error.field);
    throw error;
  }
});
