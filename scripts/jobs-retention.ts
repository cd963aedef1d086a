// npm run jobs:retention — one run of the key jobs (rotation grace ends, expired-key retention, the verification log's retention),
// for cron. Safe next to running app instances: rows are claimed with SKIP LOCKED.
import { closeDb } from "../lib/db/client";
import { runKeyJobs } from "../lib/keys/jobs";
import { pruneVerificationLog } from "../lib/verification-log/retention";

async function main() {
  const done = await runKeyJobs();
  const logRows = await pruneVerificationLog();
  console.log(
    `revoked ${done.revoked} key(s) past their rotation grace; deleted ${done.deleted} expired key(s) past retention and ${logRows} verification log row(s).`,
  );
  await closeDb();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`jobs:retention failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
