import { route } from "@/lib/api/route";
import { exportKeyVerifications } from "@/lib/api/operations/verifications";
import { verificationCsvDownload } from "@/lib/verification-log/csv-response";
import { keyVerificationBatches } from "@/lib/verification-log/query";

export const GET = route(exportKeyVerifications, async ({ principal, params, query }) =>
  verificationCsvDownload(await keyVerificationBatches(principal, params.id, query), "keysmith-key-requests"),
);
