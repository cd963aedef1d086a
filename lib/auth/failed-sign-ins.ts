import type { RequestOrigin } from "@/lib/audit/types";
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { onShutdown } from "@/lib/shutdown";
import { recordAccountEvent } from "./account-audit";

// Failed sign-ins on real accounts go to the audit trail as one row per account, address and
// window (a minute) with a count, not one row per attempt: a guessing flood cannot fill the trail,
// and owners still see who was targeted, from where and how hard.

export const FAILED_SIGN_IN_WINDOW_MS = 60_000;

interface Tally {
  userId: string;
  origin: RequestOrigin;
  count: number;
  from: Date;
  to: Date;
}

const tallies = new Map<string, Tally>();
let timer: NodeJS.Timeout | null = null;
let hooked = false;

/** Counts a failed sign-in; written when its window closes (or at shutdown). */
export function countFailedSignIn(userId: string, origin: RequestOrigin, at = new Date()): void {
  const key = `${userId}|${origin.ip ?? ""}`;
  const tally = tallies.get(key);
  if (tally) {
    tally.count += 1;
    tally.to = at;
  } else {
    tallies.set(key, { userId, origin, count: 1, from: at, to: at });
  }
  if (!hooked) {
    hooked = true;
    onShutdown(flushFailedSignIns);
  }
  timer ??= setTimeout(() => void flushFailedSignIns(), FAILED_SIGN_IN_WINDOW_MS).unref();
}

/** Writes one auth.sign_in_failed row per account and address counted since the last flush. */
export async function flushFailedSignIns(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  const batch = [...tallies.values()];
  tallies.clear();
  for (const tally of batch) {
    try {
      await recordAccountEvent(db(), tally.userId, "auth.sign_in_failed", tally.origin, {
        count: tally.count,
        from: tally.from.toISOString(),
        to: tally.to.toISOString(),
      });
    } catch (error) {
      log.error({ err: error }, "could not record failed sign-ins");
    }
  }
}
