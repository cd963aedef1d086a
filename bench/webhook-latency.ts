// npm run bench:webhooks — webhook delivery latency: from a key change (revokeKey returns, its
// transaction committed with the outbox row) to a loopback receiver having the signed request,
// with the delivery worker polling at KEYSMITH_WEBHOOKS_INTERVAL_MS (default 500) as a server runs
// it. One change at a time, each at a random point of the polling cycle, BENCH_RUNS (default 100); prints p50/p95/max. A throwaway database on
// DATABASE_URL's server (default the local PostgreSQL).
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { Webhook } from "standardwebhooks";
import { applyMigrations } from "../lib/db/schema-engine";
import { createTempDatabase } from "../lib/db/temp-database";
import { startWebhookReceiver } from "../tests/support/webhook-receiver";

const RUNS = Number(process.env.BENCH_RUNS ?? 100);
const SERVER = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
process.env.KEYSMITH_PEPPER ??= "bench-pepper-0123456789abcdefghijklmnopqrstuvwxyz";
process.env.KEYSMITH_ENCRYPTION_KEY ??= "Iupx6zNJqrIQv9qw2VMPQpY+KjhPfEBP2ngseCpTQUg=";
process.env.LOG_LEVEL ??= "warn";

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function main() {
  const database = await createTempDatabase(SERVER, "keysmith_bench");
  process.env.DATABASE_URL = database.url;
  const receiver = await startWebhookReceiver();
  try {
    await applyMigrations(database.url, path.resolve(fileURLToPath(import.meta.url), "../../prisma/migrations"));
    const { db, closeDb } = await import("../lib/db/client");
    const { createKey, revokeKey } = await import("../lib/keys/service");
    const { createWebhook } = await import("../lib/webhooks/endpoints");
    const { startWebhookWorker } = await import("../lib/jobs/scheduler");
    const { config } = await import("../lib/config");

    const org = await db().organization.create({ data: { name: "Bench", allowPrivateRegistryHosts: true } });
    const user = await db().user.create({ data: { email: "bench-owner@example.test" } });
    await db().membership.create({ data: { orgId: org.id, userId: user.id, role: "owner" } });
    const owner = { userId: user.id, orgId: org.id, orgRole: "owner" as const };
    const audit = { orgId: org.id, actorId: user.id, ip: null, userAgent: "bench" };
    const { secret } = await createWebhook(owner, { url: receiver.url, eventTypes: ["key.revoked"] }, audit);
    const keys = [];
    for (let run = 0; run < RUNS; run += 1) keys.push((await createKey(owner, { name: `bench ${run}` } as never, audit)).key.id);

    const interval = config().KEYSMITH_WEBHOOKS_INTERVAL_MS;
    const stop = startWebhookWorker(interval);
    const latencies: number[] = [];
    const verifier = new Webhook(secret);
    for (const [run, id] of keys.entries()) {
      // Changes arrive at random moments of the worker's polling cycle, as they do in real use.
      await sleep(Math.random() * interval);
      const started = performance.now();
      await revokeKey(owner, id, audit);
      await receiver.waitFor(run + 1);
      const request = receiver.received[run]!;
      verifier.verify(request.body, request.headers);
      latencies.push(request.receivedAt - started);
    }
    await stop();
    latencies.sort((a, b) => a - b);
    const ms = (value: number) => `${value.toFixed(0)} ms`;
    console.log(
      `webhook delivery latency, change → receiver, ${RUNS} changes one at a time, worker polling every ${interval} ms: ` +
        `p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, max ${ms(latencies.at(-1)!)}`,
    );
    await closeDb();
  } finally {
    await receiver.close();
    await database.drop();
  }
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
