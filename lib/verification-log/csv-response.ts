import { csvDownload } from "@/lib/http/csv-download";
import { verificationCsvHeader, verificationCsvRows, type VerificationView } from "./query";

/** The verification log as a streamed CSV download (lib/http/csv-download.ts). */
export function verificationCsvDownload(batches: AsyncGenerator<VerificationView[]>, name: string): Response {
  return csvDownload(batches, { header: verificationCsvHeader, rows: verificationCsvRows }, name);
}
