// npm run jobs:retention — one run of the key jobs (rotation grace ends, expired-key retention),
// for cron. Safe next to running app instances: rows are claimed with SKIP LOCKED.
import { runKeyJobs } from "../lib/keys/jobs";
import { closeDb } from "../lib/db/client";

const done = await runKeyJobs();
console.log(`revoked ${done.revoked} key(s) past their rotation grace; deleted ${done.deleted} expired key(s) past retention.`);
await closeDb();
