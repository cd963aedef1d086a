import { metrics } from "@/lib/metrics";
import { randomBytes } from "node:crypto";
import { dbClock, type DbClock } from "@/lib/db/db-clock";
import { KEY_ID_LENGTH, parseRawKey, type ParsedKey } from "@/lib/keys/format";
import { argon2Slots } from "@/lib/keys/hash";
import { storedTagBytes, tagMatches } from "@/lib/keys/secret-tag";
import { missingScopes } from "@/lib/keys/scopes";
import { unusableStatus } from "@/lib/keys/status";
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
import { Proofs, proofCacheBytesFromEnv } from "./proofs";
import { Semaphore } from "./semaphore";
import { CreditSpender } from "@/lib/credits/spender";
import { config } from "@/lib/config";

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
  /**
   * How long key state is used without a reload when the listener cannot vouch for it (its
   * heartbeats late), and how long an unknown keyId is remembered (default 1000; 0: no cache).
   */
  stateTtlMs?: number;
  /** Most key states cached (LRU; default 200,000). */
  cacheMax?: number;
  /**
   * Memory for proofs ("this exact key matched this hash"), in bytes (LRU; default
   * KEYSMITH_VERIFY_PROOF_CACHE_MB or 64 MiB, ~200,000 keys). A proof lasts until the key's hash
   * changes or it is evicted.
   */
  proofCacheBytes?: number;
  argon2Concurrency?: number;
  /** The clock expiry, not-before and grace ends are judged by: the database's (default dbClock()). */
  clock?: DbClock;
  /** Redis key prefix for usage credits (default "keysmith:cr"); they use `redis` too. */
  creditPrefix?: string;
  /** How often credits spent through Redis are written back (default KEYSMITH_USAGE_FLUSH_MS). */
  creditFlushMs?: number;
}

const REVOKED_LIKE: Record<"revoked" | "disabled" | "expired", VerifyCode> = {
  revoked: "REVOKED",
  disabled: "DISABLED",
  expired: "EXPIRED",
};

/** Whether the listener vouches for cached state: every change older than this has reached it. */
const CAUGHT_UP_MS = 500;
/**
 * What an unknown keyId is checked against: it takes a wrong secret's path (same bucket string, same
 * tag decoding and comparison) so that both answer in the same time. Its bucket is the address's own
 * (malformed keys count there too).
 */
const NO_KEY: Pick<KeyState, "keyId" | "hash" | "secretTag"> = {
  keyId: "-".repeat(KEY_ID_LENGTH), // as long as a keyId (so is its bucket name), and never one
  hash: "",
  secretTag: randomBytes(8).toString("hex"),
};
/** The failed-attempt bucket of an address for a key id (NO_KEY's for keys that name none); none without an address. */
function failureBucket(ip: string | null, keyId: string): string | null {
  return ip === null ? null : `${ip}/${keyId}`;
}
/** Compared with when a key has no tag yet (made before tags), for the same work. */
const NO_TAG_BYTES = storedTagBytes(randomBytes(8).toString("hex"))!;

/** The address a key's allowlist is checked against: a service's claim for its own keys, else the caller's. */
function allowlistAddress(state: KeyState, ip: string | null, options: VerifyOptions): string | null {
  const claim = options.clientIpClaim;
  if (claim && claim.orgId === state.orgId && (claim.projectId === null || claim.projectId === state.projectId)) return claim.ip;
  return options.clientIp === undefined ? ip : options.clientIp;
}

/**
 * The verification pipeline: checksum (no I/O for malformed keys) → key state (cache, else one
 * batched query) and its environment and type → proof cache (this exact key proven against the
 * key's current hash: done) → failed-attempt limit (per address for keys that name no key, per
 * address and key id for wrong secrets) → peppered 64-bit tag (lib/keys/secret-tag.ts, constant
 * time) → Argon2 proof of the secret (bounded concurrency, fair between addresses) → IP allowlist
 * (only a key holder learns it is outside) → revoked (also past a rotation grace) / disabled /
 * expired → not-before → scopes → per-key rate limit (in memory, shared through Redis in the
 * background) → usage count. Once state and proof are cached, nothing on the way waits for I/O.
 *
 * A wrong secret and an unknown keyId give the same answer (NOT_FOUND, no key fields) in the same
 * time: both compute and compare a tag, neither runs Argon2 (tests/verify/timing.test.ts). A key
 * hashed before tags existed pays Argon2 for a wrong secret until its first successful
 * verification writes its tag. What still differs is whether the key's state came from the cache;
 * that can reveal that a keyId exists, which is public information anyway (it is part of every
 * copy of the key) and does not help guess its 256-bit secret.
 */
export class Verifier {
  private readonly listener: KeyChangeListener;
  private readonly states: KeyStateStore;
  private readonly proofs: Proofs;
  private readonly keyLimits: KeyRateLimiter;
  /** Failed attempts against public verification, and against the management API: separate counters. */
  private readonly failures: Record<"verify" | "management", FailureLimiter>;
  private readonly usage: UsageRecorder;
  private readonly credits: CreditSpender;
  private readonly clock: DbClock;
  private readonly started: Promise<void>;

  constructor(options: VerifierOptions = {}) {
    const max = options.cacheMax ?? 200_000;
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
      caughtUp: () => this.listener.caughtUpWithin(CAUGHT_UP_MS),
    });
    // By default the process's one Argon2 limit, shared with hashing new keys (lib/keys/hash.ts).
    const argon2 = options.argon2Concurrency === undefined ? argon2Slots : new Semaphore(options.argon2Concurrency);
    this.proofs = new Proofs(argon2, options.proofCacheBytes ?? proofCacheBytesFromEnv());
    const redis = options.redis === undefined ? redisFromEnv() : options.redis;
    const prefix = options.rateLimitPrefix ?? "keysmith:rl";
    this.keyLimits = new KeyRateLimiter({ redis, prefix: `${prefix}:key` });
    const failuresPerMinute = options.failuresPerMinute ?? failuresPerMinuteFromEnv();
    this.failures = {
      verify: new FailureLimiter(failuresPerMinute, { redis, prefix: `${prefix}:fail` }),
      management: new FailureLimiter(failuresPerMinute, { redis, prefix: `${prefix}:mfail` }),
    };
    this.usage = options.usage ?? usageRecorder();
    this.credits = new CreditSpender({
      redis,
      prefix: options.creditPrefix,
      flushEveryMs: options.creditFlushMs ?? config().KEYSMITH_USAGE_FLUSH_MS,
    });
    this.clock = options.clock ?? dbClock();
    // The clock's first anchor is read at start, so the first verification does not wait for it.
    this.started = Promise.all([this.listener.start(), this.clock.check().catch(() => {})]).then(() => {});
  }

  /** Resolves once the change listener has connected (or failed its first attempt). */
  ready(): Promise<void> {
    return this.started;
  }

  /** Argon2 proofs waiting for a free slot (a metric). */
  get argon2Queued(): number {
    return this.proofs.argon2Queued;
  }

  /** Whether key changes are being received; while false, every verification reads the database. */
  get listening(): boolean {
    return this.listener.listening;
  }

  /** Verifies a raw key: the pipeline above, as a promise (verifyNow answers without one when it can). */
  async verify(rawKey: unknown, options: VerifyOptions = {}): Promise<VerifyResult> {
    return this.verifyNow(rawKey, options);
  }

  /**
   * The same verification, answered at once (a value, not a promise) when nothing on the way waits
   * for I/O: a malformed key, a failed tag, a limit, or a key whose state and proof are cached — the
   * verify server's common case, where a promise per request is a measurable share of the work.
   */
  verifyNow(rawKey: unknown, options: VerifyOptions = {}): VerifyResult | Promise<VerifyResult> {
    const ip = options.ip ?? null;
    // Failures are counted per address for keys that name no key (malformed, unknown id), and per
    // address and key id for wrong secrets: a flood of junk through one address never locks out
    // that address's valid keys. A service that proved itself is limited by its own key instead.
    const failures = options.caller === "service" ? null : this.failures[options.purpose ?? "verify"];
    const parsed = parseRawKey(rawKey);
    if (!parsed) {
      const addressBucket = failureBucket(ip, NO_KEY.keyId);
      return this.overLimit(failures, addressBucket) ?? this.fail(failures, addressBucket, "MALFORMED");
    }
    if (options.trace) options.trace.keyId = parsed.keyId;
    const cached = this.states.peek(parsed.keyId);
    metrics().keyStateLookups.inc({ result: cached !== undefined ? "hit" : "miss" });
    if (cached === undefined) {
      return this.loadState(parsed.keyId).then((found) => this.verifyAgainst(found, rawKey as string, parsed, failures, options));
    }
    return this.verifyAgainst(cached, rawKey as string, parsed, failures, options);
  }

  /** Once the key's state is known: its proof (cached, else the tag, then Argon2), then the decision. */
  private verifyAgainst(
    found: KeyState | null,
    raw: string,
    parsed: ParsedKey,
    failures: FailureLimiter | null,
    options: VerifyOptions,
  ): VerifyResult | Promise<VerifyResult> {
    const ip = options.ip ?? null;
    // The environment and type written in the key are part of it: a relabelled key is unknown.
    const state = found && found.type === parsed.type && found.environment === parsed.environment ? found : null;
    const trace = options.trace;
    if (trace && state) {
      trace.keyRowId = state.id;
      trace.orgId = state.orgId;
    }
    const digest = this.proofs.digestOf(raw);
    const proof = this.proofs.provenHash(digest);
    // Both sides are our own data (a proof exists only for a key that proved itself): no secret is compared here.
    if (state !== null && proof === state.hash) return this.decideNow(state, ip, options);
    const subject = state ?? NO_KEY;
    const bucket = failureBucket(ip, subject.keyId);
    const limited = this.overLimit(failures, bucket);
    if (limited) return limited;
    const tag = storedTagBytes(subject.secretTag);
    const tagOk = tagMatches(tag ?? NO_TAG_BYTES, parsed.secret);
    if (state === null || (tag !== null && !tagOk)) return this.fail(failures, bucket, "NOT_FOUND");
    return this.proofs.prove(digest, state, parsed.secret, ip ?? "").then((proven) => {
      if (!proven) return this.fail(failures, bucket, "NOT_FOUND");
      if (tag === null) this.proofs.fillTag(state, parsed.secret);
      return this.decideNow(state, ip, options);
    });
  }

  /** The decision by the database's clock (read once when no anchor is set), then credits. */
  private decideNow(state: KeyState, ip: string | null, options: VerifyOptions): VerifyResult | Promise<VerifyResult> {
    const now = this.clock.anchoredNow();
    if (now === null) return this.databaseNow().then((databaseNow) => this.decideAndSpend(state, ip, options, databaseNow));
    return this.decideAndSpend(state, ip, options, now);
  }

  private decideAndSpend(state: KeyState, ip: string | null, options: VerifyOptions, now: Date): VerifyResult | Promise<VerifyResult> {
    const decided = this.decide(state, ip, options, now);
    if (decided.code !== "VALID") return decided;
    if (state.remaining === null || options.purpose === "management" || options.spendCredits === false) {
      this.usage.record(state.id);
      return decided;
    }
    return this.spendCredits(state, decided, options.cost ?? 1, now);
  }

  /** After every other check passed: spends the key's credits (Redis or the database, lib/credits). */
  private async spendCredits(state: KeyState, decided: VerifyResult, cost: number, now: Date): Promise<VerifyResult> {
    let spent;
    try {
      spent = await this.credits.spend(state, cost, now);
    } catch (error) {
      throw new VerificationUnavailableError(error);
    }
    if (spent === null) {
      this.usage.record(state.id);
      return decided;
    }
    if (!spent.allowed) return { ...this.keyResult(state, "USAGE_EXCEEDED", decided.ratelimit), remaining: spent.remaining };
    this.usage.record(state.id);
    return { ...decided, remaining: spent.remaining };
  }

  /** Sends the rate-limit counters to Redis now and waits (tests; otherwise every ≤ 100 ms). */
  async syncLimits(): Promise<void> {
    await Promise.all([this.keyLimits.sync(), this.failures.verify.sync(), this.failures.management.sync()]);
  }

  /** How many proofs and key states are cached, and Argon2 runs so far (tests, benchmarks). */
  get stats(): { proofs: number; states: number; argon2Runs: number } {
    return { proofs: this.proofs.size, states: this.states.size, argon2Runs: this.proofs.argon2Runs };
  }

  /** Writes credits spent through Redis back to the database now (tests; otherwise every interval). */
  flushCredits(): Promise<void> {
    return this.credits.flush();
  }

  async close(): Promise<void> {
    await this.credits.close();
    this.keyLimits.close();
    this.failures.verify.close();
    this.failures.management.close();
    await this.listener.close();
  }

  /** Everything after the secret is proven but credits: no I/O. */
  private decide(state: KeyState, ip: string | null, options: VerifyOptions, now: Date): VerifyResult {
    // Only someone who holds the key learns that it exists and is used from the wrong place.
    if (!ipAllowed(state.allowedIps, allowlistAddress(state, ip, options))) return anonymousResult("IP_NOT_ALLOWED");
    const unusable = unusableStatus(state, now);
    if (unusable !== null) return this.keyResult(state, REVOKED_LIKE[unusable], null);
    if (state.notBefore !== null && state.notBefore.getTime() > now.getTime()) return this.keyResult(state, "NOT_YET_VALID", null);
    if (options.scopes && options.scopes.length > 0 && missingScopes(state.scopes, options.scopes).length > 0) {
      return this.keyResult(state, "INSUFFICIENT_SCOPE", null);
    }
    const limit = this.keyLimits.consume(state.keyId, state.rateLimitPerMinute);
    if (!limit.allowed) return this.keyResult(state, "RATE_LIMITED", limit.state);
    return this.keyResult(state, "VALID", limit.state);
  }

  /** Resolves once every secret tag being written has been (tests). */
  tagWritesSettled(): Promise<void> {
    return this.proofs.tagWritesSettled();
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

  /** RATE_LIMITED when the failure counter for `bucket` is over its limit, else null. */
  private overLimit(failures: FailureLimiter | null, bucket: string | null): VerifyResult | null {
    const blocked = failures ? failures.blocked(bucket) : null;
    return blocked ? anonymousResult("RATE_LIMITED", blocked) : null;
  }

  /** Counts a failed attempt against `bucket` and answers `code`. */
  private fail(failures: FailureLimiter | null, bucket: string | null, code: "MALFORMED" | "NOT_FOUND"): VerifyResult {
    failures?.record(bucket);
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
      remaining: null,
    };
  }
}

function requireDatabaseUrl(): string {
  const url = config().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: key verification needs PostgreSQL.");
  return url;
}
