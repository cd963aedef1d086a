import pg from "pg";

/** Rows a crash could have left half-written; each entry names a broken row. */
export async function findHalfWrittenRows(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const keys = await client.query<{ id: string; problem: string }>(`
      SELECT id, CASE
        WHEN hash IS NULL OR hash NOT LIKE '$argon2id$%' THEN 'hash'
        WHEN prefix IS NULL OR prefix = '' OR "keyId" IS NULL OR length("keyId") <> 12 THEN 'prefix/keyId'
        WHEN status = 'revoked' AND "revokedAt" IS NULL THEN 'revoked without revokedAt'
        WHEN status = 'active' AND "revokedAt" IS NOT NULL THEN 'active with revokedAt'
      END AS problem
      FROM "ApiKey"`);
    const audit = await client.query<{ id: string }>(`
      SELECT id FROM "AuditEvent"
      WHERE "actorId" = '' OR action = '' OR "targetType" = '' OR metadata IS NULL`);
    // Key changes are audited in their own transaction: a key without its event is half-written.
    const unaudited = await client.query<{ id: string; missing: string }>(`
      SELECT k.id, CASE WHEN c.id IS NULL THEN 'key.create' ELSE 'key.revoke' END AS missing
      FROM "ApiKey" k
      LEFT JOIN "AuditEvent" c ON c."targetId" = k.id::text AND c.action = 'key.create'
      LEFT JOIN "AuditEvent" r ON r."targetId" = k.id::text AND r.action = 'key.revoke'
      WHERE c.id IS NULL OR (k.status = 'revoked' AND r.id IS NULL)`);
    return [
      ...unaudited.rows.map((row) => `ApiKey ${row.id}: no ${row.missing} audit event`),
      ...keys.rows.filter((row) => row.problem !== null).map((row) => `ApiKey ${row.id}: ${row.problem}`),
      ...audit.rows.map((row) => `AuditEvent ${row.id}: incomplete`),
    ];
  } finally {
    await client.end();
  }
}

export async function readKeyStates(
  databaseUrl: string,
  ids: readonly string[],
): Promise<Map<string, { status: string; usageCount: number }>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ id: string; status: string; usageCount: string }>(
      `SELECT id, status, "usageCount" FROM "ApiKey" WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(result.rows.map((row) => [row.id, { status: row.status, usageCount: Number(row.usageCount) }]));
  } finally {
    await client.end();
  }
}

export async function countRows(databaseUrl: string): Promise<{ keys: number; auditEvents: number; keyAuditEvents: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ keys: string; audit: string; key_audit: string }>(`
      SELECT (SELECT count(*) FROM "ApiKey") AS keys, (SELECT count(*) FROM "AuditEvent") AS audit,
             (SELECT count(*) FROM "AuditEvent" WHERE action ILIKE '%key%' OR "targetType" ILIKE '%key%') AS key_audit`);
    const row = result.rows[0]!;
    return { keys: Number(row.keys), auditEvents: Number(row.audit), keyAuditEvents: Number(row.key_audit) };
  } finally {
    await client.end();
  }
}
