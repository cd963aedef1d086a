import { verifyKey } from "@/lib/api/operations/keys";
import { answerVerifyOnNext } from "@/lib/verify/pages-route";

// Key verification under a bare `next start`. A Pages Router API route rather than an App Router
// route.ts: lib/verify/pages-route.ts says why. Outside proxy.ts; sets its security headers itself.

export const config = { api: { bodyParser: false } };

/** The declared operation this file serves (tests/support/route-files.ts reads it). */
export const operation = verifyKey;

export default answerVerifyOnNext;
