import { randomBytes } from "node:crypto";
import pg from "pg";

/** The server tests create their databases on: a maintenance database on the local PostgreSQL. */
export const ADMIN_URL = process.env.KEYSMITH_TEST_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database `keysmith_test_<random>` and returns its name and URL. */
export async function createTestDatabase(label = "test"): Promise<{ name: string; url: string }> {
  const name = `keysmith_${label}_${randomBytes(6).toString("hex")}`;
  await withAdmin((client) => client.query(`CREATE DATABASE "${name}"`));
  return { name, url: databaseUrl(name) };
}

export async function dropTestDatabase(name: string): Promise<void> {
  await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
