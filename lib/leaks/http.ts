import { validate } from "@/lib/api/parse";
import type { RequestOrigin } from "@/lib/audit/types";
import { AppError } from "@/lib/errors";
import { handleLeakReport } from "./report";
import { leakReportSchema, type LeakFeedback } from "./payload";
import { scannerKeys, type ScannerKeys } from "./public-keys";
import { assertSignedReport, KEY_IDENTIFIER_HEADER, SIGNATURE_HEADER } from "./signature";

// POST /api/leaks/github, independent of the framework: signature over the raw bytes first
// (401), then the JSON (400 naming the field), then each match.

export const LEAK_REPORT_MAX_BYTES = 256 * 1024;

export async function receiveLeakReport(
  request: { body: Uint8Array; headers: Headers; origin: RequestOrigin },
  keys: ScannerKeys = scannerKeys(),
): Promise<LeakFeedback> {
  const body = Buffer.from(request.body);
  assertSignedReport(body, request.headers.get(KEY_IDENTIFIER_HEADER), request.headers.get(SIGNATURE_HEADER), keys);
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch {
    throw new AppError("VALIDATION_FAILED", "The body is not valid JSON.");
  }
  return handleLeakReport(validate(leakReportSchema, value), request.origin);
}
