// npm run bench:keys-list — seeds 100,000 keys in one organisation of a throwaway database and
// prints p50/p95 of GET /api/tokens (the real route handler, authenticated by an API key) for
// typical queries. The seeded keys carry a dummy hash and never verify; only listing is measured.
// BENCH_KEYS (default 100000), BENCH_RUNS (default 200); DATABASE_URL names the server to use;
// BENCH_KEEP=1 keeps the database (its URL is printed) for EXPLAIN ANALYZE.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { NextRequest } from "next/server";
import { applyMigrations } from "../lib/db/schema-engine";
import { createTempDatabase } from "../lib/db/temp-database";

const KEYS = Number(process.env.BENCH_KEYS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const SERVER = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
process.env.KEYSMITH_PEPPER ??= "bench-pepper-0123456789abcdefghijklmnopqrstuvwxyz";
process.env.KEYSMITH_JOBS_INTERVAL_MS = "0";
process.env.LOG_LEVEL ??= "warn";

const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$YmVuY2hzYWx0YmVuY2g$0000000000000000000000000000000000000000000";

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main() {
  const database = await createTempDatabase(SERVER, "keysmith_bench");
  process.env.DATABASE_URL = database.url;
  try {
    await applyMigrations(database.url, path.resolve(fileURLToPath(import.meta.url), "../../prisma/migrations"));
    const { db, closeDb } = await import("../lib/db/client");
    const { createKey } = await import("../lib/keys/service");
    const tokens = await import("../app/api/tokens/route");
    const { defaultVerifier } = await import("../lib/verify");

    const org = await db().organization.create({ data: { name: "Bench" } });
    const project = await db().project.create({ data: { orgId: org.id, name: "Bench project" } });
    const started = Date.now();
    // Spread over a year; 10 % never used, 5 % revoked, 5 % disabled, 20 % publishable, a quarter in a project.
    await db().$executeRawUnsafe(
      `
      INSERT INTO "ApiKey" (id, "orgId", name, "keyId", prefix, hash, environment, type, status, "createdBy", "createdAt",
                            "expiresAt", "lastUsedAt", "usageCount", scopes, "disabledAt", "revokedAt", "projectId", role)
      SELECT gen_random_uuid(), $1::uuid, 'service ' || i, 'b' || lpad(i::text, 11, '0'),
             'ks_live_' || (CASE WHEN i % 5 = 0 THEN 'pk' ELSE 'sk' END) || '_' || substr(md5(i::text), 1, 4),
             $2, 'live', (CASE WHEN i % 5 = 0 THEN 'pk' ELSE 'sk' END)::"KeyType",
             (CASE WHEN i % 20 = 1 THEN 'revoked' ELSE 'active' END)::"KeyStatus", 'bench',
             now() - (i % 365) * interval '1 day' - (i % 86400) * interval '1 second',
             CASE WHEN i % 3 = 0 THEN now() + ((i % 400) - 30) * interval '1 day' END,
             CASE WHEN i % 10 = 0 THEN NULL ELSE now() - (i % 10000) * interval '1 minute' END,
             i % 5000, ARRAY['packages:read'], CASE WHEN i % 20 = 2 THEN now() END,
             CASE WHEN i % 20 = 1 THEN now() END, CASE WHEN i % 4 = 0 THEN $3::uuid END, 'reader'
      FROM generate_series(1, $4::int) AS i`,
      org.id,
      DUMMY_HASH,
      project.id,
      KEYS,
    );
    await db().$executeRawUnsafe(`ANALYZE "ApiKey"`);
    console.log(`seeded ${KEYS.toLocaleString("en-US")} keys in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const owner = await db().user.create({ data: { email: "bench@example.test" } });
    await db().membership.create({ data: { orgId: org.id, userId: owner.id, role: "owner" } });
    const { rawKey } = await createKey(
      { userId: owner.id, orgId: org.id, orgRole: "owner" },
      { name: "bench reader", scopes: ["keys:read"], rateLimitPerMinute: 1_000_000 },
    );
    await defaultVerifier().ready();

    const queries: [string, string][] = [
      ["first page (newest first)", ""],
      ["sorted by last used", "?sort=lastUsedAt&order=desc"],
      ["page 200 by name", "?sort=name&order=asc&page=200"],
      ["status=active", "?status=active"],
      ["status=expiring", "?status=expiring"],
      ["type=pk, project", `?type=pk&projectId=${project.id}`],
      ["text search q=service 4242", "?q=service%204242"],
    ];
    console.log(`\nGET /api/tokens, ${RUNS} runs each (pageSize 25):`);
    console.log("query".padEnd(32) + "p50 ms".padStart(9) + "p95 ms".padStart(9) + "  total");
    for (const [label, search] of queries) {
      const times: number[] = [];
      let total = 0;
      for (let run = 0; run < RUNS + 10; run++) {
        const request = new NextRequest(`http://localhost/api/tokens${search}`, { headers: { authorization: `Bearer ${rawKey}` } });
        const begin = performance.now();
        const response = await tokens.GET(request, { params: Promise.resolve({}) });
        const body = (await response.json()) as { total: number };
        const elapsed = performance.now() - begin;
        if (response.status !== 200) throw new Error(`${label}: HTTP ${response.status} ${JSON.stringify(body)}`);
        total = body.total;
        if (run >= 10) times.push(elapsed);
      }
      times.sort((a, b) => a - b);
      console.log(
        label.padEnd(32) +
          percentile(times, 50).toFixed(1).padStart(9) +
          percentile(times, 95).toFixed(1).padStart(9) +
          `  ${total.toLocaleString("en-US")}`,
      );
    }
    await defaultVerifier().close();
    const { usageRecorder } = await import("../lib/usage/recorder");
    await usageRecorder().stop();
    await closeDb();
  } finally {
    if (process.env.BENCH_KEEP === "1") console.log(`kept ${database.url}`);
    else await database.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
