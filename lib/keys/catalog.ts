import { recordAudit } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/audit/types";
import { requirePermission, type Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError, notFound } from "@/lib/errors";
import { ROLE_SCOPES } from "./roles";
import { COMMON_SCOPES } from "./scopes";

// The scopes a key may be given: Keysmith's built-in ones plus the organisation's own catalogue.

export interface CatalogScope {
  name: string;
  description: string;
  builtIn: boolean;
  id: string | null;
}

const BUILT_IN_DESCRIPTIONS: Record<string, string> = {
  "packages:read": "Read packages.",
  "packages:write": "Publish and update packages.",
  "packages:execute": "Execute interactions (run, install).",
  "packages:*": "Everything on packages.",
  "keys:read": "List keys through the API.",
  "keys:write": "Create, rotate and revoke keys through the API.",
  "keys:pk": "Request publishable keys (GET /api/tokens/pk).",
  "registries:read": "Read registries.",
  "registries:write": "Change registries.",
  "members:read": "List members.",
  "members:write": "Change members.",
  "admin:*": "Every scope.",
};

export const BUILT_IN_SCOPES: readonly string[] = [...new Set([...COMMON_SCOPES, ...Object.values(ROLE_SCOPES).flat()])];

export async function listScopeCatalog(orgId: string): Promise<CatalogScope[]> {
  const own = await db().orgScope.findMany({ where: { orgId }, orderBy: { name: "asc" } });
  return [
    ...BUILT_IN_SCOPES.map((name) => ({ name, description: BUILT_IN_DESCRIPTIONS[name] ?? "", builtIn: true, id: null })),
    ...own.map((scope) => ({ name: scope.name, description: scope.description, builtIn: false, id: scope.id })),
  ];
}

export async function addCatalogScope(
  session: Principal,
  input: { name: string; description: string },
  audit: AuditContext,
): Promise<CatalogScope> {
  requirePermission(session, "keys:write");
  if (BUILT_IN_SCOPES.includes(input.name)) {
    throw new AppError("CONFLICT", `${input.name} is a built-in scope already.`, "name");
  }
  try {
    return await db().$transaction(async (tx) => {
      const scope = await tx.orgScope.create({ data: { orgId: session.orgId, name: input.name, description: input.description } });
      await recordAudit(tx, audit, {
        action: "org.scope_create",
        targetType: "organization",
        targetId: session.orgId,
        metadata: { scope: input.name },
      });
      return { name: scope.name, description: scope.description, builtIn: false, id: scope.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", `${input.name} is in the catalogue already.`, "name");
    }
    throw error;
  }
}

/** Removes a scope from the catalogue; keys that have it keep it (their grants do not change silently). */
export async function removeCatalogScope(session: Principal, id: string, audit: AuditContext): Promise<void> {
  requirePermission(session, "keys:write");
  await db().$transaction(async (tx) => {
    const scope = await tx.orgScope.findFirst({ where: { id, orgId: session.orgId } });
    if (!scope) throw notFound("Scope");
    await tx.orgScope.delete({ where: { id } });
    await recordAudit(tx, audit, {
      action: "org.scope_delete",
      targetType: "organization",
      targetId: session.orgId,
      metadata: { scope: scope.name },
    });
  });
}
