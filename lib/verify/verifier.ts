import { createHmac, timingSafeEqual } from "node:crypto";
import { availableParallelism } from "node:os";
import { LRUCache } from "lru-cache";
import { dbClock, type DbClock } from "@/lib/db/db-clock";
import { parseRawKey } from "@/lib/keys/format";
import { hashSecret, verifySecret } from "@/lib/keys/hash";
import { getPepper } from "@/lib/keys/pepper";
import { missingScopes } from "@/lib/keys/scopes";
import { keyStatus } from "@/lib/keys/status";
import { ipAllowed } from "@/lib/net/ip-allowlist";
import { usageRecorder, type UsageRecorder } from "@/lib/usage/recorder";
import { KeyChangeListener } from "./key-change-listener";
import { KeyStateStore, type KeyState, type LoadKeyStates } from "./key-state-store";
import { FailureLimiter, KeyRateLimiter, failuresPerMinuteFromEnv } from "./rate-limit";
import { redisFromEnv } from "./redis";
import type { Redis } from "ioredis";
import {
  VerificationUnavailableError,
  anonymousResult,
  type RateLimitState,
  type VerifyCode,
  type VerifyOptions,
  type VerifyResult,
} from "./result";
import { Semaphore } from "./semaphore";

export interface VerifierOptions {
  /** PostgreSQL for the change listener (default DATABASE_URL). */
  connectionString?: string;
  loadStates?: LoadKeyStates;
  /** Shared rate-limit counters; default: REDIS_URL's client, or memory without it. */
  redis?: Redis | null;
  /** Redis key prefix for this verifier's limiters (default "keysmith:rl"). */
  rateLimitPrefix?: string;
  failuresPerMinute?: number;
  usage?: UsageRecorder;
  /** How long key state is trusted without a reload, even with the listener up (default 1000). */
  stateTtlMs?: number;
  /** How long "this secret proved correct for this key" is remembered (default 10 min). */
  proofTtlMs?: number;
  cacheMax?: number;
  argon2Concurrency?: number;
  /** The clock expiry, not-before and grace ends are judged by: the database's (default dbClock()). */
  clock?: DbClock;
}

const REVOKED_LIKE: Record<"revoked" | "disabled" | "expired" | "active" | "expiring", VerifyCode> = {
  active: "VALID",
  expiring: "VALID",
  revoked: "REVOKED",
  disabled: "DISABLED",
  expired: "EXPIRED",
};

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The address a key's allowlist is checked against: a service's claim for its own keys, else the caller's. */
function allowlistAddress(state: KeyState, ip: string | null, options: VerifyOptions): string | null {
  const claim = options.clientIpClaim;
  if (claim && claim.orgId === state.orgId && (claim.projectId === null || claim.projectId === state.projectId)) return claim.ip;
  return options.clientIp === undefined ? ip : options.clientIp;
}

/**
 * The verification pipeline: checksum (no I/O for malformed keys) → key state (cache, else one
 * batched query) and its environment and type → failed-attempt limit (per address for keys that
 * name no key, per address and key id for wrong secrets; skipped for keys proven before) → Argon2
 * proof of the secret (remembered per raw key, bounded concurrency, fair between addresses) → IP
 * allowlist (only a key holder learns it is outside) → revoked (also past a rotation grace) /
 * disabled / expired → not-before → scopes → per-key rate limit → usage count.
 *
 * A wrong secret and an unknown keyId give the same answer (NOT_FOUND, no key fields), and both
 * pay one Argon2 run: unknown keyIds verify against a decoy hash. What still differs is whether
 * the key's state came from the cache; that can reveal that a keyId exists, which is public
 * information anyway (it is part of every copy of the key) and does not help guess its 256-bit secret.
 */
export class Verifier {
  private readonly listener: KeyChangeListener;
  private readonly states: KeyStateStore;
  /** HMAC-SHA256(pepper, raw key) → the hash the key proved itself against. Never the raw key. */
  private readonly proofs: LRUCache<string, string>;
  private readonly proving = new Map<string, Promise<boolean>>();
  private readonly argon2: Semaphore;
  private readonly keyLimits: KeyRateLimiter;
  /** Failed attempts against public verification, and against the management API: separate counters. */
  private readonly failures: Record<"verify" | "management", FailureLimiter>;
  private readonly usage: UsageRecorder;
  private readonly clock: DbClock;
  private decoyHash: Promise<string> | null = null;
  private readonly started: Promise<void>;

  constructor(options: VerifierOptions = {}) {
    const max = options.cacheMax ?? 100_000;
    this.listener = new KeyChangeListener({
      connectionString: options.connectionString ?? requireDatabaseUrl(),
      onChange: (keyId) => this.states.invalidate(keyId),
      onReset: () => this.states.clear(),
    });
    this.states = new KeyStateStore({
      load: options.loadStates,
      ttlMs: options.stateTtlMs ?? 1_000,
      max,
      trusted: () => this.listener.listening,
    });
    this.proofs = new LRUCache({ max, ttl: options.proofTtlMs ?? 10 * 60_000 });
    this.argon2 = new Semaphore(options.argon2Concurrency ?? Math.max(1, availableParallelism()));
    const redis = options.redis === undefined ? redisFromEnv() : options.redis;
    const prefix = options.rateLimitPrefix ?? "keysmith:rl";
    this.keyLimits = new KeyRateLimiter({ redis, prefix: `${prefix}:key` });
    const failuresPerMinute = options.failuresPerMinute ?? failuresPerMinuteFromEnv();
    this.failures = {
      verify: new FailureLimiter(failuresPerMinute, { redis, prefix: `${prefix}:fail` }),
      management: new FailureLimiter(failuresPerMinute, { redis, prefix: `${prefix}:mfail` }),
    };
    this.usage = options.usage ?? usageRecorder();
    this.clock = options.clock ?? dbClock();
    // The clock's first anchor is read at start, so the first verification does not wait for it.
    this.started = Promise.all([this.listener.start(), this.clock.check().catch(() => {})]).then(() => {});
  }

  /** Resolves once the change listener has connected (or failed its first attempt). */
  ready(): Promise<void> {
    return this.started;
  }

  /** Whether key changes are being received; while false, every verification reads the database. */
  get listening(): boolean {
    return this.listener.listening;
  }

  async verify(rawKey: unknown, options: VerifyOptions = {}): Promise<VerifyResult> {
    const ip = options.ip ?? null;
    // Failures are counted per address for keys that name no key (malformed, unknown id), and per
    // address and key id for wrong secrets: a flood of junk through one address never locks out
    // that address's valid keys. A service that proved itself is limited by its own key instead.
    const failures = options.caller === "service" ? null : this.failures[options.purpose ?? "verify"];
    const parsed = parseRawKey(rawKey);
    if (!parsed) return (await this.overLimit(failures, ip)) ?? this.fail(failures, ip, "MALFORMED");
    const raw = rawKey as string;

    const found = await this.loadState(parsed.keyId);
    // The environment and type written in the key are part of it: a relabelled key is unknown.
    const state = found && found.type === parsed.type && found.environment === parsed.environment ? found : null;
    if (!state) {
      const limited = await this.overLimit(failures, ip);
      if (limited) return limited;
      await this.decoy(parsed.secret, ip ?? "");
      return this.fail(failures, ip, "NOT_FOUND");
    }
    const bucket = ip === null ? null : `${ip}/${state.keyId}`;
    if (!this.provenBefore(raw, state)) {
      const limited = await this.overLimit(failures, bucket);
      if (limited) return limited;
      if (!(await this.prove(raw, state, parsed.secret, ip ?? ""))) return this.fail(failures, bucket, "NOT_FOUND");
    }
    // Only someone who holds the key learns that it exists and is used from the wrong place.
    if (!ipAllowed(state.allowedIps, allowlistAddress(state, ip, options))) return anonymousResult("IP_NOT_ALLOWED");

    const now = await this.databaseNow();
    const code = REVOKED_LIKE[keyStatus(state, now)];
    if (code !== "VALID") return this.keyResult(state, code, null);
    if (state.notBefore !== null && state.notBefore.getTime() > now.getTime()) return this.keyResult(state, "NOT_YET_VALID", null);
    if (missingScopes(state.scopes, options.scopes ?? []).length > 0) {
      return this.keyResult(state, "INSUFFICIENT_SCOPE", null);
    }
    const limit = await this.keyLimits.consume(state.keyId, state.rateLimitPerMinute);
    if (!limit.allowed) return this.keyResult(state, "RATE_LIMITED", limit.state);
    this.usage.record(state.id);
    return this.keyResult(state, "VALID", limit.state);
  }

  async close(): Promise<void> {
    await this.listener.close();
  }

  private async loadState(keyId: string): Promise<KeyState | null> {
    try {
      return await this.states.get(keyId);
    } catch (error) {
      throw new VerificationUnavailableError(error);
    }
  }

  /** The database's time (this host's clock may be off); unavailable like the database itself. */
  private async databaseNow(): Promise<Date> {
    try {
      return await this.clock.now();
    } catch (error) {
      throw new VerificationUnavailableError(error);
    }
  }

  private digestOf(raw: string): string {
    return createHmac("sha256", getPepper()).update(raw).digest("base64url");
  }

  /** Whether this exact key was proven against the key's current hash (no Argon2, no limiter read). */
  private provenBefore(raw: string, state: KeyState): boolean {
    const proof = this.proofs.get(this.digestOf(raw));
    return proof !== undefined && safeEqual(proof, state.hash);
  }

  /** Argon2 proof of the secret; `fairnessKey` (the caller's address) gets its turn at the pool. */
  private async prove(raw: string, state: KeyState, secret: string, fairnessKey: string): Promise<boolean> {
    const digest = this.digestOf(raw);
    // Concurrent first uses of one key share a single Argon2 run.
    let pending = this.proving.get(digest);
    if (!pending) {
      pending = this.argon2.run(() => verifySecret(state.hash, secret), fairnessKey).finally(() => this.proving.delete(digest));
      this.proving.set(digest, pending);
    }
    const ok = await pending;
    if (ok) this.proofs.set(digest, state.hash);
    return ok;
  }

  /** Spends the same Argon2 work as a real check, so an unknown keyId is not answered faster. */
  private async decoy(secret: string, fairnessKey: string): Promise<false> {
    this.decoyHash ??= hashSecret("keysmith-decoy-" + Math.random());
    const hash = await this.decoyHash;
    await this.argon2.run(() => verifySecret(hash, secret), fairnessKey);
    return false;
  }

  /** RATE_LIMITED when the failure counter for `bucket` is over its limit, else null. */
  private async overLimit(failures: FailureLimiter | null, bucket: string | null): Promise<VerifyResult | null> {
    const blocked = failures ? await failures.blocked(bucket) : null;
    return blocked ? anonymousResult("RATE_LIMITED", blocked) : null;
  }

  /** Counts a failed attempt against `bucket` and answers `code`. */
  private async fail(failures: FailureLimiter | null, bucket: string | null, code: "MALFORMED" | "NOT_FOUND"): Promise<VerifyResult> {
    await failures?.record(bucket);
    return anonymousResult(code);
  }

  private keyResult(state: KeyState, code: VerifyCode, ratelimit: RateLimitState | null): VerifyResult {
    return {
      valid: code === "VALID",
      code,
      keyId: state.keyId,
      orgId: state.orgId,
      name: state.name,
      type: state.type,
      environment: state.environment as "live" | "test",
      projectId: state.projectId,
      scopes: state.scopes,
      expiresAt: state.expiresAt?.toISOString() ?? null,
      meta: (state.meta ?? null) as Record<string, unknown> | null,
      ratelimit,
    };
  }
}

function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: key verification needs PostgreSQL.");
  return url;
}
