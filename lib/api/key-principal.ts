import type { NextRequest } from "next/server";
import { currentMemberRole } from "@/lib/auth/member-role";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { denialFor, unavailableDenial, type Denial } from "@/lib/verify/denial";
import { defaultVerifier } from "@/lib/verify";
import { VerificationUnavailableError } from "@/lib/verify/result";

// Automation calls the management API with a secret API key instead of a browser session. The
// key is verified like any other (state, allowlist, rate limit), then acts for its creator: its
// principal carries the creator's current role, which bounds everything the key's scopes allow.

export type KeyPrincipalOutcome = { principal: Principal } | { denial: Denial } | { error: AppError };

export async function keyPrincipal(request: NextRequest, rawKey: string): Promise<KeyPrincipalOutcome> {
  let result;
  try {
    // Failed attempts here have their own counter: a flood against verification cannot lock out the API.
    result = await defaultVerifier().verify(rawKey, { ip: clientIp(request.headers), purpose: "management" });
  } catch (error) {
    if (error instanceof VerificationUnavailableError) return { denial: unavailableDenial() };
    throw error;
  }
  const denied = denialFor(result);
  if (denied) return { denial: denied };

  const orgId = result.orgId!;
  const row = await db().apiKey.findUnique({
    where: { keyId: result.keyId! },
    select: { id: true, creatorUserId: true, expiresAt: true },
  });
  const role = row?.creatorUserId ? await currentMemberRole(orgId, row.creatorUserId) : null;
  const key = {
    id: row?.id ?? "",
    keyId: result.keyId!,
    type: result.type!,
    scopes: result.scopes,
    projectId: result.projectId,
    expiresAt: row?.expiresAt ?? null,
    creatorUserId: row?.creatorUserId ?? "",
  };
  if (key.type === "sk" && (!row || role === null)) {
    return {
      error: new AppError(
        "FORBIDDEN",
        "This API key's creator is no longer a member of the organisation, so the key has no authority here.",
      ),
    };
  }
  // A pk key never reaches an operation (authorize refuses it first); give it no authority at all.
  return { principal: { userId: `apikey:${key.keyId}`, orgId, orgRole: role ?? "member", key } };
}
