import { z } from "@/lib/openapi/zod";
import { leakFeedbackSchema, leakReportSchema } from "@/lib/leaks/payload";
import { defineOperation } from "../operation";

/** Handled by app/api/leaks/github/route.ts (lib/leaks); declared here for the document and the tests. */
export const reportLeakedKeys = defineOperation({
  id: "reportLeakedKeys",
  method: "POST",
  path: "/api/leaks/github",
  tag: "Keys",
  summary: "Report leaked keys (GitHub secret scanning)",
  description:
    "The endpoint of GitHub's secret-scanning partner program, for any scanner that signs the same way: the raw body is signed with ECDSA P-256/SHA-256 " +
    "by one of the keys configured in `KEYSMITH_SECRET_SCANNING_KEYS` (GitHub's `/meta/public_keys/secret_scanning` document; Keysmith never fetches it), " +
    "named in `Github-Public-Key-Identifier`, the base64 DER signature in `Github-Public-Key-Signature`; anything else is 401. " +
    "Each token that is a Keysmith key (checksum, key id and secret all match) is marked leaked, revoked unless the organisation's key policy says " +
    "`revokeLeakedKeys: false`, and audited (`key.leak_report`). The answer labels each match by the SHA-256 of its token.",
  access: "public",
  rawBody: {
    required: true,
    content: {
      "application/json": {
        schema: leakReportSchema,
        example: [
          { token: "ks_live_sk_…", type: "keysmith_api_key", url: "https://github.com/octo/repo/blob/abc/.env", source: "content" },
        ],
      },
    },
  },
  responses: {
    200: {
      description: "Each match labelled true_positive (a Keysmith key) or false_positive.",
      content: { "application/json": { schema: z.array(leakFeedbackSchema.element) } },
    },
  },
  errors: [400, 401, 413],
});
