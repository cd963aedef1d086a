import { randomBytes } from "node:crypto";
import pg from "pg";

export type TempDatabase = { name: string; url: string; drop(): Promise<void> };

/**
 * Creates an empty database `<prefix>_<random>` on the server of `serverUrl`
 * (connecting to the database named in that URL to issue CREATE/DROP DATABASE).
 */
export async function createTempDatabase(serverUrl: string, prefix: string): Promise<TempDatabase> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await runOnServer(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    // FORCE ends sessions a failed run may have left open (PostgreSQL 13+).
    drop: () => runOnServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

async function runOnServer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
