import pg from "pg";
import { securityDatabaseUrl } from "./security-server";

// Direct reads of the security server's database: state snapshots ("nothing changed") and
// scans for raw keys.

export async function withSecurityDb<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = securityDatabaseUrl();
  if (!url) throw new Error("E2E_SECURITY_DATABASE_URL is not set (run through `npm test`).");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Application tables (Prisma's bookkeeping excluded). */
async function tables(client: pg.Client): Promise<string[]> {
  const rows = await client.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE '\\_prisma%' ORDER BY 1`,
  );
  return rows.rows.map((row) => row.table_name);
}

/**
 * Row count of every table: equal before and after means no row was added or removed.
 * `ignoreAuditActions`: audit events of these actions are left out of the AuditEvent count.
 */
export async function rowCounts(ignoreAuditActions: string[] = []): Promise<Record<string, number>> {
  return withSecurityDb(async (client) => {
    const counts: Record<string, number> = {};
    // KeyUsageDay is written by the usage flush, a second after earlier specs' verifications, not
    // by the requests being checked: counting it would make "nothing changed" depend on timing.
    // KeyAlert and lifecycle-alert events are written by the key jobs' alert scan on its own schedule
    // (a key made with a 7-day expiry gets key.expiring within a minute); every event a request
    // writes is counted (its type is not an alert type, and it comes with an audit event).
    // VerificationLog gains rows for verifications by design (identical ones folded), refused ones included, a second later.
    const unrelated = new Set(["KeyUsageDay", "KeyAlert", "VerificationLog"]);
    for (const table of (await tables(client)).filter((name) => !unrelated.has(name))) {
      const query =
        table === "AuditEvent"
          ? client.query(`SELECT count(*) AS n FROM "AuditEvent" WHERE NOT (action = ANY($1::text[]))`, [ignoreAuditActions])
          : table === "WebhookEvent"
            ? client.query(`SELECT count(*) AS n FROM "WebhookEvent" WHERE type NOT IN ('key.expiring', 'key.expired', 'key.unused')`)
            : client.query(`SELECT count(*) AS n FROM "${table}"`);
      counts[table] = Number((await query).rows[0].n);
    }
    return counts;
  });
}

/** The full content of an organisation's rows, for "nothing of theirs changed". */
export async function orgSnapshot(orgId: string): Promise<string> {
  return withSecurityDb(async (client) => {
    const queries = [
      `SELECT * FROM "Organization" WHERE id = $1`,
      `SELECT * FROM "ApiKey" WHERE "orgId" = $1 ORDER BY id`,
      `SELECT * FROM "Registry" WHERE "orgId" = $1 ORDER BY id`,
      `SELECT * FROM "Membership" WHERE "orgId" = $1 ORDER BY id`,
      `SELECT * FROM "Project" WHERE "orgId" = $1 ORDER BY id`,
      `SELECT * FROM "OrgScope" WHERE "orgId" = $1 ORDER BY id`,
      `SELECT * FROM "WebhookEndpoint" WHERE "orgId" = $1 ORDER BY id`,
      `SELECT count(*) FROM "AuditEvent" WHERE "orgId" = $1`,
    ];
    const parts: unknown[] = [];
    for (const query of queries) parts.push((await client.query(query, [orgId])).rows);
    return JSON.stringify(parts, (_key, value) => (typeof value === "bigint" ? String(value) : value));
  });
}

/** Every text, varchar, char, json, jsonb and array-of-text value in every table, as `table.column: value`. */
export async function allTextValues(): Promise<string[]> {
  return withSecurityDb(async (client) => {
    const columns = await client.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name NOT LIKE '\\_prisma%'
          AND (data_type IN ('text', 'character varying', 'character', 'json', 'jsonb') OR (data_type = 'ARRAY' AND udt_name IN ('_text', '_varchar')))`,
    );
    const values: string[] = [];
    for (const { table_name, column_name } of columns.rows) {
      const rows = await client.query(`SELECT "${column_name}"::text AS value FROM "${table_name}" WHERE "${column_name}" IS NOT NULL`);
      for (const row of rows.rows) values.push(`${table_name}.${column_name}: ${row.value}`);
    }
    return values;
  });
}
