import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey } from "@/lib/keys/service";
import { listRegistries } from "@/lib/registries/store";
import { importRegistries } from "@/lib/registries/transfer";
import { createOrgWithMembers } from "../support/fixtures";
import { auditFor } from "../support/registries";
import { createTestDatabase, dropTestDatabase } from "../support/test-database";

// docs/backups.md, proven: a real `pg_dump -Fc` of a database with keys and a registry, a real
// `pg_restore` into a fresh database, and a new process that verifies the keys there. The keys
// verify with the same pepper and not with another; the upstream key opens with the same
// encryption key and not with another.

const root = path.resolve(import.meta.dirname, "../..");
const UPSTREAM_KEY = "prmd_backup_upstream_0123456789WXYZ";
const OTHER_PEPPER = "another-pepper-0123456789abcdefghijklmnopqrstuvwxyz";
const OTHER_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString("base64");

let workDir: string;
let restored: { name: string; url: string };
let rawKeys: string[];
let registryId: string;

function checkRestored(env: Record<string, string>): { keys: boolean[]; upstreamKey: unknown } {
  const output = execFileSync(
    path.join(root, "node_modules/.bin/tsx"),
    [path.join(root, "tests/support/restore-check.ts"), JSON.stringify({ rawKeys, registryId })],
    {
      cwd: root,
      env: { ...process.env, NODE_ENV: "test", DATABASE_URL: restored.url, ...env },
      encoding: "utf8",
    },
  );
  return JSON.parse(output.trim().split("\n").at(-1)!);
}

beforeAll(async () => {
  const org = await createOrgWithMembers();
  rawKeys = [(await createKey(org.owner, { name: "backup one" })).rawKey, (await createKey(org.admin, { name: "backup two" })).rawKey];
  await importRegistries(
    org.owner,
    `registries:\n  - name: Backup Registry\n    url: https://backup.example\n    api_key: ${UPSTREAM_KEY}\n`,
    auditFor(org.owner),
  );
  registryId = (await listRegistries(org.orgId)).find((registry) => registry.name === "Backup Registry")!.id;

  workDir = mkdtempSync(path.join(os.tmpdir(), "keysmith-backup-"));
  const dumpFile = path.join(workDir, "keysmith.dump");
  execFileSync("pg_dump", ["--format=custom", "--no-owner", "--file", dumpFile, process.env.DATABASE_URL!]);
  expect(statSync(dumpFile).size).toBeGreaterThan(1_000);
  restored = await createTestDatabase("restore");
  execFileSync("pg_restore", ["--no-owner", "--exit-on-error", "--dbname", restored.url, dumpFile]);
});

afterAll(async () => {
  if (restored) await dropTestDatabase(restored.name);
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe("pg_dump and pg_restore", () => {
  it("restored keys verify with the same pepper, and the upstream key opens with the same encryption key", () => {
    const result = checkRestored({
      KEYSMITH_PEPPER: process.env.KEYSMITH_PEPPER!,
      KEYSMITH_ENCRYPTION_KEY: process.env.KEYSMITH_ENCRYPTION_KEY!,
    });
    expect(result).toEqual({ keys: [true, true], upstreamKey: UPSTREAM_KEY });
  });

  it("without the pepper no key verifies, and without the encryption key no upstream key opens", () => {
    const result = checkRestored({ KEYSMITH_PEPPER: OTHER_PEPPER, KEYSMITH_ENCRYPTION_KEY: OTHER_ENCRYPTION_KEY });
    expect(result.keys).toEqual([false, false]);
    expect(result.upstreamKey).toEqual({ error: expect.stringContaining("cannot be decrypted") });
  });

  it("a mistyped key is still refused after the restore", () => {
    const original = rawKeys;
    rawKeys = original.map((raw) => raw.slice(0, 30) + (raw[30] === "A" ? "B" : "A") + raw.slice(31));
    try {
      expect(
        checkRestored({ KEYSMITH_PEPPER: process.env.KEYSMITH_PEPPER!, KEYSMITH_ENCRYPTION_KEY: process.env.KEYSMITH_ENCRYPTION_KEY! })
          .keys,
      ).toEqual([false, false]);
    } finally {
      rawKeys = original;
    }
  });
});
