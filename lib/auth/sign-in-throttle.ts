import { availableParallelism } from "node:os";
import { AppError } from "@/lib/errors";
import { Limiter } from "@/lib/verify/rate-limit";
import { redisFromEnv } from "@/lib/verify/redis";
import { Semaphore } from "@/lib/verify/semaphore";

// Password guessing, slowed per account and per address with exponential back-off: a few free
// failures, then each further failure doubles the wait (1 s, 2 s, 4 s … at most 15 minutes),
// answered 429 with Retry-After before any Argon2 work. Keyed by the email as typed, whether an
// account exists or not, so the answers never tell the two apart. A correct password clears the
// account's count (not the address's). Counters live in Redis when configured (every instance
// sees them), else in this process.

export const FREE_FAILURES_PER_ACCOUNT = 5;
export const FREE_FAILURES_PER_ADDRESS = 20;
const MAX_BLOCK_SECONDS = 15 * 60;
const MEMORY_SECONDS = 24 * 3600;

interface Stores {
  failures: Limiter;
  blocks: Limiter;
}

// Kept on globalThis: Keysmith's own server (lib/server/app-server.ts) and the Next.js bundle load
// this module separately, and both must see the same in-process counters.
const STORES = Symbol.for("keysmith.signInStores");
const holder = globalThis as { [STORES]?: Stores | null };

function defaultStores(): Stores {
  const existing = holder[STORES];
  if (existing) return existing;
  const redis = redisFromEnv();
  const created = {
    failures: new Limiter(Number.MAX_SAFE_INTEGER, { redis, prefix: "keysmith:signin:fail" }, MEMORY_SECONDS),
    blocks: new Limiter(1, { redis, prefix: "keysmith:signin:block" }, 1),
  };
  holder[STORES] = created;
  return created;
}

/** For tests: counters of their own (a unique prefix each). */
export function setSignInStores(next: Stores | null): void {
  holder[STORES] = next;
}

/** Password hashing and checking take their turn, fairly between addresses, on part of the CPU. */
export const passwordWork = new Semaphore(Math.max(1, Math.floor(availableParallelism() / 2)));

const accountKey = (email: string) => `account:${email.toLowerCase()}`;
const addressKey = (ip: string) => `address:${ip}`;

/** The answer to a sign-in attempt made during a back-off. */
export function signInBackoffError(seconds: number): AppError {
  const error = new AppError("RATE_LIMITED", `Too many failed sign-ins. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`);
  error.headers = { "Retry-After": String(seconds) };
  return error;
}

async function backoffSeconds(key: string): Promise<number> {
  const state = await defaultStores().blocks.get(key);
  return state && state.consumedPoints > 1 && state.msBeforeNext > 0 ? Math.ceil(state.msBeforeNext / 1000) : 0;
}

/** Seconds the address must still wait before its next sign-in attempt (0: it may try now). */
export function addressBackoffSeconds(ip: string): Promise<number> {
  return backoffSeconds(addressKey(ip));
}

/** Refuses (429 with Retry-After) while the account or the address is in a back-off. */
export async function assertSignInAllowed(email: string, ip: string | null): Promise<void> {
  for (const key of [accountKey(email), ip ? addressKey(ip) : null]) {
    if (!key) continue;
    const seconds = await backoffSeconds(key);
    if (seconds > 0) throw signInBackoffError(seconds);
  }
}

async function countFailure(key: string, free: number): Promise<void> {
  const { failures, blocks } = defaultStores();
  const count = (await failures.penalty(key)).consumedPoints;
  if (count > free) await blocks.block(key, Math.min(MAX_BLOCK_SECONDS, 2 ** (count - free - 1)));
}

export async function recordSignInFailure(email: string, ip: string | null): Promise<void> {
  await countFailure(accountKey(email), FREE_FAILURES_PER_ACCOUNT);
  if (ip) await countFailure(addressKey(ip), FREE_FAILURES_PER_ADDRESS);
}

export async function recordSignInSuccess(email: string): Promise<void> {
  const { failures, blocks } = defaultStores();
  await Promise.all([failures.delete(accountKey(email)), blocks.delete(accountKey(email))]);
}
