import pg from "pg";
import { sleep } from "../tests/load/cluster/processes";

// PostgreSQL's cumulative statistics: what a phase of the bench cost the database. Backends
// report them lazily (up to ~10 s after going idle in PostgreSQL 15), so a snapshot waits for
// a quiet period first. Read from the maintenance database so reading does not count itself.

export interface DbActivity {
  xactCommit: number;
  tupFetched: number;
  /** Index and sequential scans of the ApiKey table: every key lookup is one of them. */
  apiKeyScans: number;
}

export async function readDbActivity(adminUrl: string, database: string, quietMs = 11_000): Promise<DbActivity> {
  await sleep(quietMs);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const db = await client.query<{ xact_commit: string; tup_fetched: string }>(
      "SELECT xact_commit, tup_fetched FROM pg_stat_database WHERE datname = $1",
      [database],
    );
    const scans = await readApiKeyScans(adminUrl, database);
    return { xactCommit: Number(db.rows[0]?.xact_commit ?? 0), tupFetched: Number(db.rows[0]?.tup_fetched ?? 0), apiKeyScans: scans };
  } finally {
    await client.end();
  }
}

// Table statistics live in each database's own view; this connection's one query is not a key lookup.
async function readApiKeyScans(adminUrl: string, database: string): Promise<number> {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const result = await client.query<{ scans: string }>(
      `SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0) AS scans FROM pg_stat_user_tables WHERE relname = 'ApiKey'`,
    );
    return Number(result.rows[0]?.scans ?? 0);
  } finally {
    await client.end();
  }
}
