import { json } from "@/lib/api/respond";
import { healthReport } from "@/lib/health";

export const dynamic = "force-dynamic";

/** Liveness, database reachability and degraded dependencies (lib/health.ts), for load balancers and the test harness. */
export async function GET() {
  const report = await healthReport();
  return json(report.body, report.httpStatus);
}
