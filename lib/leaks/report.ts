import { createHash } from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import { SYSTEM_ACTOR, type RequestOrigin } from "@/lib/audit/types";
import { db } from "@/lib/db/client";
import { maskedKey, parseRawKey } from "@/lib/keys/format";
import { verifySecret } from "@/lib/keys/hash";
import { notifyKeyChanged } from "@/lib/keys/notify";
import type { LeakFeedback, LeakReport } from "./payload";

// What a leak report does to each reported token that is one of our keys (the full raw key: the
// checksum, the key id and the Argon2 hash must all match): mark it leaked, revoke it unless the
// organisation chose otherwise (key policy, revokeLeakedKeys, default on), and audit it. Anything
// else is a false positive. The answer names tokens by their SHA-256 only.

export const tokenHash = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

async function handleMatch(match: LeakReport[number], origin: RequestOrigin): Promise<boolean> {
  const token = match.token.trim();
  const parsed = parseRawKey(token);
  if (!parsed) return false;
  const key = await db().apiKey.findUnique({ where: { keyId: parsed.keyId }, include: { org: { select: { revokeLeakedKeys: true } } } });
  if (!key || !(await verifySecret(key.hash, parsed.secret))) return false;
  await db().$transaction(async (tx) => {
    const now = new Date();
    // Locked and re-read, so a concurrent revoke or report is seen.
    const [current] = await tx.$queryRaw<
      { status: string; leakedAt: Date | null }[]
    >`SELECT status::text AS status, "leakedAt" FROM "ApiKey" WHERE id = ${key.id}::uuid FOR UPDATE`;
    if (!current) return;
    const revoke = key.org.revokeLeakedKeys && current.status !== "revoked";
    await tx.apiKey.update({
      where: { id: key.id },
      data: {
        leakedAt: current.leakedAt ?? now,
        leakedUrl: match.url ?? key.leakedUrl,
        ...(revoke ? { status: "revoked", revokedAt: now } : {}),
      },
    });
    if (revoke) await notifyKeyChanged(tx, key.keyId);
    await recordAudit(
      tx,
      { orgId: key.orgId, actorId: SYSTEM_ACTOR, ...origin },
      {
        action: "key.leak_report",
        targetType: "key",
        targetId: key.id,
        metadata: {
          name: key.name,
          maskedValue: maskedKey(key.prefix),
          url: match.url ?? null,
          source: match.source ?? null,
          type: match.type,
          revoked: revoke,
        },
      },
    );
  });
  return true;
}

export async function handleLeakReport(report: LeakReport, origin: RequestOrigin): Promise<LeakFeedback> {
  const feedback: LeakFeedback = [];
  for (const match of report) {
    const ours = await handleMatch(match, origin);
    feedback.push({ token_hash: tokenHash(match.token), token_type: match.type, label: ours ? "true_positive" : "false_positive" });
  }
  return feedback;
}
