import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { authorize } from "@/lib/api/authorize";
import { isProtected } from "@/lib/api/operation";
import { OPERATIONS } from "@/lib/api/operations";
import { PERMISSIONS, ROLE_PERMISSIONS, SESSION_ONLY_PERMISSIONS } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/auth/principal";
import { ROLE_SCOPES } from "@/lib/keys/roles";
import {
  KEY_COLUMNS,
  KEY_ROLE_SCOPES,
  OPERATIONS_TABLE,
  parseOperationsTable,
  parsePermissionsTable,
  PERMISSIONS_TABLE,
  PUBLIC_OPERATIONS,
  SESSION_COLUMNS,
  SESSION_ONLY,
} from "./spec-copy";

// The role table in docs/authorization.md is the specification: this test holds a literal copy
// (spec-copy.ts) and checks every role and every built-in key role against every declared operation.

const spec = parseOperationsTable(OPERATIONS_TABLE);
const declared = new Map(OPERATIONS.map((operation) => [`${operation.method} ${operation.path}`, operation]));
const ORG = "0193a5b6-0000-7000-8000-0000000000aa";

const session = (role: "owner" | "admin" | "member"): Principal => ({ userId: `user-${role}`, orgId: ORG, orgRole: role });
const ownersKey = (type: "sk" | "pk", scopes: readonly string[]): Principal => ({
  userId: "apikey:abcdefghijkl",
  orgId: ORG,
  orgRole: "owner",
  key: {
    id: "0193a5b6-0000-7000-8000-0000000000bb",
    keyId: "abcdefghijkl",
    type,
    scopes,
    projectId: null,
    expiresAt: null,
    creatorUserId: "user-owner",
  },
});

function docTableRows(heading: string): string {
  const doc = readFileSync(path.resolve(import.meta.dirname, "../../docs/authorization.md"), "utf8");
  const section = doc.split(`## ${heading}`)[1]!.split("\n## ")[0]!;
  return section
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .join("\n");
}

describe("docs/authorization.md, the specification", () => {
  it("is what this test's literal copy says (a change to one needs the same change to the other)", () => {
    expect(docTableRows("Operations").trim()).toBe(OPERATIONS_TABLE.trim());
    // The doc's permission table has a "What it allows" column the copy leaves out.
    const withoutDescriptions = docTableRows("Permissions")
      .split("\n")
      .map((line) =>
        line
          .split("|")
          .filter((_, index) => index !== 2)
          .join("|"),
      )
      .join("\n");
    expect(withoutDescriptions.trim()).toBe(PERMISSIONS_TABLE.trim());
  });

  it("lists every declared operation, and declares every operation it lists", () => {
    const protectedOps = OPERATIONS.filter((operation) => isProtected(operation.access)).map(
      (operation) => `${operation.method} ${operation.path}`,
    );
    const publicOps = OPERATIONS.filter((operation) => !isProtected(operation.access)).map(
      (operation) => `${operation.method} ${operation.path}`,
    );
    expect(protectedOps.sort()).toEqual(spec.map((row) => row.operation).sort());
    expect(publicOps.sort()).toEqual([...PUBLIC_OPERATIONS].sort());
  });

  it("names the permission each operation declares", () => {
    for (const row of spec) {
      const access = declared.get(row.operation)!.access;
      expect(isProtected(access) ? access.permission : null, row.operation).toBe(row.permission);
    }
  });

  it("gives each member role exactly the permissions of the table", () => {
    const table = parsePermissionsTable(PERMISSIONS_TABLE);
    expect(Object.keys(table).sort()).toEqual([...PERMISSIONS].sort());
    for (const role of SESSION_COLUMNS) {
      const expected = Object.entries(table)
        .filter(([, roles]) => roles[role])
        .map(([permission]) => permission);
      expect([...ROLE_PERMISSIONS[role]].sort(), role).toEqual(expected.sort());
    }
    expect([...SESSION_ONLY_PERMISSIONS].sort()).toEqual([...SESSION_ONLY].sort());
  });

  it("expands the built-in key roles to the README's scopes", () => {
    for (const role of KEY_COLUMNS) expect([...ROLE_SCOPES[role]].sort(), role).toEqual([...KEY_ROLE_SCOPES[role]].sort());
  });
});

describe("every role against every declared operation", () => {
  for (const row of spec) {
    it(row.operation, () => {
      const operation = declared.get(row.operation)!;
      for (const role of SESSION_COLUMNS) {
        expect(authorize(operation, session(role)) === null, `${role} session`).toBe(row.sessions[role]);
      }
      for (const role of KEY_COLUMNS) {
        expect(authorize(operation, ownersKey("sk", KEY_ROLE_SCOPES[role])) === null, `${role} key`).toBe(row.keys[role]);
      }
      const pk = authorize(operation, ownersKey("pk", KEY_ROLE_SCOPES.executor));
      expect(pk === null, "pk key").toBe(row.pk);
      expect(pk?.code).toBe("PUBLISHABLE_KEY");
      expect(pk?.status).toBe(401);
      expect(authorize(operation, null)?.status, "anonymous").toBe(401);
    });
  }

  it("lets anyone call the public operations", () => {
    for (const name of PUBLIC_OPERATIONS) expect(authorize(declared.get(name)!, null), name).toBeNull();
  });
});
