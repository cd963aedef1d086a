import { route } from "@/lib/api/route";
import { exportVerifications } from "@/lib/api/operations/verifications";
import { verificationCsvDownload } from "@/lib/verification-log/csv-response";
import { allVerifications } from "@/lib/verification-log/query";

export const GET = route(exportVerifications, async ({ principal, query }) =>
  verificationCsvDownload(allVerifications(principal.orgId, query), "keysmith-requests"),
);
