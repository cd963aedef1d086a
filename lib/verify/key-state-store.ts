import { LRUCache } from "lru-cache";
import { db } from "@/lib/db/client";

/** What verification needs to know about a key; refreshed often, unlike the proof of its secret. */
export interface KeyState {
  /** Row id (UUID), for usage records. */
  id: string;
  keyId: string;
  orgId: string;
  name: string;
  hash: string;
  /** lib/keys/secret-tag.ts; null until the key's first verification since tags exist. */
  secretTag: string | null;
  type: "sk" | "pk";
  environment: string;
  status: "active" | "revoked";
  disabledAt: Date | null;
  expiresAt: Date | null;
  notBefore: Date | null;
  /** A rotated key's grace end: from then on it answers REVOKED, marked by the job or not. */
  revokesAt: Date | null;
  allowedIps: string[];
  projectId: string | null;
  scopes: string[];
  rateLimitPerMinute: number;
  /** The owner's JSON object, answered as `meta`. */
  meta: unknown;
  /** Usage credits as loaded (null: unlimited); spent through lib/credits, never from this copy. */
  remaining: number | null;
  refillInterval: string | null;
  refillAmount: number | null;
  refillDay: number | null;
  creditGen: number;
}

export type LoadKeyStates = (keyIds: string[]) => Promise<KeyState[]>;

/** One query for every key asked for in the same turn of the event loop. */
export const loadKeyStatesFromDb: LoadKeyStates = (keyIds) =>
  db().apiKey.findMany({
    where: { keyId: { in: keyIds } },
    select: {
      id: true,
      keyId: true,
      orgId: true,
      name: true,
      hash: true,
      secretTag: true,
      type: true,
      environment: true,
      status: true,
      disabledAt: true,
      expiresAt: true,
      notBefore: true,
      revokesAt: true,
      allowedIps: true,
      projectId: true,
      scopes: true,
      rateLimitPerMinute: true,
      meta: true,
      remaining: true,
      refillInterval: true,
      refillAmount: true,
      refillDay: true,
      creditGen: true,
    },
  });

export interface KeyStateStoreOptions {
  load?: LoadKeyStates;
  /**
   * How long a loaded state is used before it is read again, unless `caughtUp` vouches for it
   * longer; also how long "no such key" is remembered. 0: nothing is cached.
   */
  ttlMs: number;
  max: number;
  /** Whether cached state may be used at all (false while the change listener is down). */
  trusted: () => boolean;
  /** Whether every change committed up to a moment ago has been received (listener heartbeats). */
  caughtUp?: () => boolean;
  /**
   * The longest any entry is used, caught up or not (default 5 min): a safety net for a writer that
   * changes a key without notifyKeyChanged (lib/keys/notify.ts), which every writer must call.
   */
  maxAgeMs?: number;
}

interface Entry {
  /** null: no key has this keyId. */
  state: KeyState | null;
  loadedAt: number;
}

interface Waiter {
  resolve: (state: KeyState | null) => void;
  reject: (error: unknown) => void;
  promise?: Promise<KeyState | null>;
}

/**
 * Key state by public keyId: cached while the change listener is caught up (every change reaches
 * it by NOTIFY and invalidate() drops the entry at once), else for at most `ttlMs`; loaded in
 * batches — concurrent misses in one event-loop turn share one query. "No such keyId" is
 * remembered the same way (a new key's creation NOTIFYs its keyId), in an LRU of its own, so a
 * flood of made-up keys neither costs a query per repeat nor evicts real keys' state.
 */
export class KeyStateStore {
  private readonly entries: LRUCache<string, Entry>;
  private readonly absent: LRUCache<string, Entry>;
  private readonly inflight = new Map<string, Promise<KeyState | null>>();
  private queued = new Map<string, Waiter>();
  /** Bumped by every invalidation: a load that started before one must not be cached. */
  private epoch = 0;
  private readonly load: LoadKeyStates;
  private readonly maxAgeMs: number;

  constructor(private readonly options: KeyStateStoreOptions) {
    this.entries = new LRUCache({ max: options.max });
    this.absent = new LRUCache({ max: Math.max(1, Math.ceil(options.max / 4)) });
    this.load = options.load ?? loadKeyStatesFromDb;
    this.maxAgeMs = options.maxAgeMs ?? 5 * 60_000;
  }

  /** The cached answer for `keyId` (a state, or null for "no such key"), or undefined to load it. */
  peek(keyId: string): KeyState | null | undefined {
    const entry = this.entries.get(keyId) ?? this.absent.get(keyId);
    if (!entry || !this.options.trusted()) return undefined;
    const age = performance.now() - entry.loadedAt;
    if (age < this.options.ttlMs || (age < this.maxAgeMs && this.options.caughtUp?.())) return entry.state;
    return undefined;
  }

  get(keyId: string): Promise<KeyState | null> {
    const cached = this.peek(keyId);
    if (cached !== undefined) return Promise.resolve(cached);
    return this.inflight.get(keyId) ?? this.enqueue(keyId);
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Forgets a key's state. A load already in flight may have read the old row: it still answers
   * the requests that started before, but later ones start a load of their own.
   */
  invalidate(keyId: string): void {
    this.epoch += 1;
    this.entries.delete(keyId);
    this.absent.delete(keyId);
    // A load still queued has read nothing yet: later requests may share it.
    if (!this.queued.has(keyId)) this.inflight.delete(keyId);
  }

  clear(): void {
    this.epoch += 1;
    this.entries.clear();
    this.absent.clear();
    for (const keyId of [...this.inflight.keys()]) if (!this.queued.has(keyId)) this.inflight.delete(keyId);
  }

  private enqueue(keyId: string): Promise<KeyState | null> {
    let waiter: Waiter | undefined;
    const promise = new Promise<KeyState | null>((resolve, reject) => {
      if (this.queued.size === 0) setImmediate(() => void this.runBatch());
      waiter = { resolve, reject };
      this.queued.set(keyId, waiter);
    });
    waiter!.promise = promise;
    this.inflight.set(keyId, promise);
    return promise;
  }

  /** Ends a load's in-flight entry, unless an invalidation already replaced it with a newer load. */
  private settle(keyId: string, waiter: Waiter): void {
    if (this.inflight.get(keyId) === waiter.promise) this.inflight.delete(keyId);
  }

  private async runBatch(): Promise<void> {
    const batch = this.queued;
    this.queued = new Map();
    const epoch = this.epoch;
    const keyIds = [...batch.keys()];
    try {
      const states = await this.load(keyIds);
      const byKeyId = new Map(states.map((state) => [state.keyId, state]));
      const loadedAt = performance.now();
      const cache = epoch === this.epoch && this.options.ttlMs > 0;
      for (const [keyId, waiter] of batch) {
        const state = byKeyId.get(keyId) ?? null;
        if (cache) (state ? this.entries : this.absent).set(keyId, { state, loadedAt });
        this.settle(keyId, waiter);
        waiter.resolve(state);
      }
    } catch (error) {
      for (const [keyId, waiter] of batch) {
        this.settle(keyId, waiter);
        waiter.reject(error);
      }
    }
  }
}
