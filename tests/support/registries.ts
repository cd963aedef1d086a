import type { AuditContext } from "@/lib/audit/types";
import type { Session } from "@/lib/auth/types";
import { db } from "@/lib/db/client";
import { ConfigFileError } from "@/lib/registries/config-file";
import { updateRegistrySettings } from "@/lib/registries/settings";

/** The audit context a request from this session would carry. */
export function auditFor(session: Session): AuditContext {
  return { orgId: session.orgId, actorId: session.userId, ip: "203.0.113.7", userAgent: "vitest" };
}

/** Lets discovery reach the loopback test server (private hosts are off by default). */
export async function allowPrivateHosts(owner: Session): Promise<void> {
  await updateRegistrySettings(owner, { allowPrivateHosts: true }, auditFor(owner));
}

export async function auditActions(orgId: string): Promise<string[]> {
  const rows = await db().auditEvent.findMany({ where: { orgId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map((row) => row.action);
}

export async function registryCount(orgId: string): Promise<number> {
  return db().registry.count({ where: { orgId } });
}

/** The issues of the ConfigFileError `run` throws (throws if it throws nothing or something else). */
export function issuesOf(run: () => unknown): ConfigFileError["issues"] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigFileError) return error.issues;
    throw error;
  }
  throw new Error("expected a ConfigFileError");
}
