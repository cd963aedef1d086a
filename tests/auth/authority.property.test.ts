import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { authorize } from "@/lib/api/authorize";
import { OPERATIONS } from "@/lib/api/operations";
import type { Principal } from "@/lib/auth/principal";
import type { OrgRole } from "@/lib/auth/types";
import {
  OPERATIONS_TABLE,
  parseOperationsTable,
  parsePermissionsTable,
  PERMISSIONS_TABLE,
  PUBLIC_OPERATIONS,
  SESSION_ONLY,
  type SpecRow,
} from "./spec-copy";

// The whole model at once: fast-check generates principals — session role × key type × scopes ×
// project × creator role — and for every declared operation compares authorize() with a small
// reference function written from docs/authorization.md (not from the code's tables).

const spec = new Map(parseOperationsTable(OPERATIONS_TABLE).map((row) => [row.operation, row]));
const rolePermissions = parsePermissionsTable(PERMISSIONS_TABLE);
const ORG = "0193a5b6-0000-7000-8000-0000000000aa";

type Generated =
  | { kind: "anonymous" }
  | { kind: "session"; role: OrgRole }
  | { kind: "key"; type: "sk" | "pk"; scopes: string[]; project: boolean; creatorRole: OrgRole };

/** Docs, rule 4: a project-limited key's own keys, and reads of organisation-wide configuration. */
const SHARED_READS = [
  "GET /api/projects",
  "GET /api/settings/keys",
  "GET /api/settings/scopes",
  "GET /api/registries",
  "GET /api/registries/resolve",
  "GET /api/registries/export",
  "POST /api/registries/export",
  "GET /api/registries/settings",
];
const projectKeyMay = (operation: string) => operation.split(" ")[1]!.startsWith("/api/tokens") || SHARED_READS.includes(operation);

/** Docs, "Permissions": a scope grants a permission exactly, by wildcard, by admin:*, or :write for :read. */
function scopeGrants(scope: string, permission: string): boolean {
  if (scope === "admin:*" || scope === permission) return true;
  if (permission.endsWith(":read") && scope === permission.replace(/:read$/, ":write")) return true;
  return scope.endsWith(":*") && permission.startsWith(scope.slice(0, -1));
}

function reference(row: SpecRow, who: Generated): boolean {
  if (who.kind === "anonymous") return false;
  const permission = row.permission;
  if (who.kind === "session") return row.operation !== "GET /api/tokens/pk" && rolePermissions[permission]![who.role];
  if (who.type === "pk") return false;
  if (who.project && !projectKeyMay(row.operation)) return false;
  if (SESSION_ONLY.includes(permission) || !rolePermissions[permission]![who.creatorRole]) return false;
  return who.scopes.some((scope) => scopeGrants(scope, permission));
}

function toPrincipal(who: Generated): Principal | null {
  if (who.kind === "anonymous") return null;
  if (who.kind === "session") return { userId: "user-1", orgId: ORG, orgRole: who.role };
  return {
    userId: "apikey:abcdefghijkl",
    orgId: ORG,
    orgRole: who.creatorRole,
    key: {
      id: "0193a5b6-0000-7000-8000-0000000000bb",
      keyId: "abcdefghijkl",
      type: who.type,
      scopes: who.scopes,
      projectId: who.project ? "0193a5b6-0000-7000-8000-0000000000cc" : null,
      expiresAt: null,
      creatorUserId: "user-1",
    },
  };
}

const SCOPE_POOL = [
  ...Object.keys(rolePermissions),
  "admin:*",
  "keys:*",
  "registries:*",
  "members:*",
  "audit:*",
  "usage:*",
  "packages:read",
  "packages:*",
  "reports:read",
  "keys:pk:extra",
];
const role = fc.constantFrom<OrgRole>("owner", "admin", "member");
const generated: fc.Arbitrary<Generated> = fc.oneof(
  fc.constant<Generated>({ kind: "anonymous" }),
  role.map<Generated>((r) => ({ kind: "session", role: r })),
  fc.record({
    kind: fc.constant("key" as const),
    type: fc.constantFrom<"sk" | "pk">("sk", "sk", "sk", "pk"),
    scopes: fc.uniqueArray(fc.constantFrom(...SCOPE_POOL), { maxLength: 5 }),
    project: fc.boolean(),
    creatorRole: role,
  }),
);

describe("authorize() against the documented model", () => {
  it("decides like the reference for every declared operation and generated principal", () => {
    const protectedOps = OPERATIONS.filter((operation) => spec.has(`${operation.method} ${operation.path}`));
    expect(protectedOps.length).toBe(spec.size);
    fc.assert(
      fc.property(generated, fc.constantFrom(...protectedOps), (who, operation) => {
        const row = spec.get(`${operation.method} ${operation.path}`)!;
        expect(authorize(operation, toPrincipal(who)) === null).toBe(reference(row, who));
      }),
      { numRuns: 5000 },
    );
  });

  it("lets every principal call the public operations", () => {
    const publicOps = OPERATIONS.filter((operation) => PUBLIC_OPERATIONS.includes(`${operation.method} ${operation.path}`));
    fc.assert(fc.property(generated, fc.constantFrom(...publicOps), (who, operation) => authorize(operation, toPrincipal(who)) === null));
  });
});
