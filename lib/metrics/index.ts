import { Counter, Gauge, Registry, collectDefaultMetrics } from "prom-client";
import { FastHistogram } from "./fast-histogram";

// Prometheus metrics of one process (GET /metrics, lib/server/ops-routes.ts). Kept on globalThis:
// Next bundles each route on its own, and the verify route's counts must reach the server's /metrics.
// Gauges that describe live objects (the Argon2 queue, pending usage, the pool) are read when scraped.

type Source = () => number;

/**
 * A counter with one label, bumped on the verification path by a Map increment; prom-client gets the
 * sums when scraped (its own inc() validates and hashes the labels on every call).
 */
export interface TallyCounter {
  inc(labels: Record<string, string>): void;
}

function tallyCounter(options: { name: string; help: string; labelName: string; registry: Registry }): TallyCounter {
  const pending = new Map<string, number>();
  const { labelName } = options;
  new Counter({
    name: options.name,
    help: options.help,
    labelNames: [labelName],
    registers: [options.registry],
    collect() {
      for (const [value, count] of pending) this.inc({ [labelName]: value }, count);
      pending.clear();
    },
  });
  return {
    inc(labels) {
      const value = labels[labelName]!;
      pending.set(value, (pending.get(value) ?? 0) + 1);
    },
  };
}

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // By name, so a module evaluated again (Next's bundles, development reloads) replaces its reader.
  const sources = {
    argon2Queued: new Map<string, Source>(),
    usagePending: new Map<string, Source>(),
    usageLagSeconds: new Map<string, Source>(),
    verificationLogBuffered: new Map<string, Source>(),
    pool: new Map<string, () => PoolStats | null>(),
  };
  const sum = (readers: Map<string, Source>) => [...readers.values()].reduce((total, read) => total + read(), 0);
  const max = (readers: Map<string, Source>) => [...readers.values()].reduce((largest, read) => Math.max(largest, read()), 0);
  const metrics = {
    registry,
    sources,
    verifications: tallyCounter({
      name: "keysmith_verifications_total",
      help: "Key verifications by answer code.",
      labelName: "code",
      registry,
    }),
    verificationSeconds: new FastHistogram(
      "keysmith_verification_duration_seconds",
      "Time to answer a verification, by answer code.",
      ["code"],
      [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registry,
    ),
    keyStateLookups: tallyCounter({
      name: "keysmith_key_state_lookups_total",
      help: "Key state lookups by the verifier: result=hit (answered from its cache) or miss (read from the database).",
      labelName: "result",
      registry,
    }),
    rateLimitFallbacks: new Counter({
      name: "keysmith_rate_limit_store_fallbacks_total",
      help: "Rate-limit decisions counted in this process's memory because Redis was bypassed or failed.",
      registers: [registry],
    }),
    usageFlushes: new Counter({
      name: "keysmith_usage_flushes_total",
      help: "Usage-count flushes, by outcome.",
      labelNames: ["outcome"],
      registers: [registry],
    }),
    verificationLogRows: new Counter({
      name: "keysmith_verification_log_rows_total",
      help: "Verification log rows, by outcome: written, dropped (the buffer was full) or failed (a batch write failed).",
      labelNames: ["outcome"],
      registers: [registry],
    }),
    httpSeconds: new FastHistogram(
      "keysmith_http_request_duration_seconds",
      "HTTP requests by server, method and status.",
      ["server", "method", "status"],
      [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registry,
    ),
  };
  new Gauge({
    name: "keysmith_argon2_queue_depth",
    help: "Argon2 proofs waiting for a free slot.",
    registers: [registry],
    collect() {
      this.set(sum(sources.argon2Queued));
    },
  });
  new Gauge({
    name: "keysmith_usage_pending_verifications",
    help: "Successful verifications counted in memory, not yet written.",
    registers: [registry],
    collect() {
      this.set(sum(sources.usagePending));
    },
  });
  new Gauge({
    name: "keysmith_usage_flush_lag_seconds",
    help: "Age of the oldest usage count not yet written (0 when none is pending).",
    registers: [registry],
    collect() {
      this.set(max(sources.usageLagSeconds));
    },
  });
  new Gauge({
    name: "keysmith_verification_log_buffered_rows",
    help: "Verification log rows waiting in memory for their batch write.",
    registers: [registry],
    collect() {
      this.set(sum(sources.verificationLogBuffered));
    },
  });
  new Gauge({
    name: "keysmith_db_pool_connections",
    help: "Database pool connections: state=total, idle or waiting (requests queued for a connection).",
    labelNames: ["state"],
    registers: [registry],
    collect() {
      const totals = { total: 0, idle: 0, waiting: 0 };
      for (const read of sources.pool.values()) {
        const stats = read();
        if (stats) for (const state of ["total", "idle", "waiting"] as const) totals[state] += stats[state];
      }
      for (const [state, value] of Object.entries(totals)) this.set({ state }, value);
    },
  });
  return metrics;
}

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

export type Metrics = ReturnType<typeof createMetrics>;

const store = globalThis as typeof globalThis & { keysmithMetrics?: Metrics };

export function metrics(): Metrics {
  store.keysmithMetrics ??= createMetrics();
  return store.keysmithMetrics;
}

/** Makes `read` (named `name`) part of a gauge read at each scrape, replacing an earlier reader of that name. */
export function watch<K extends keyof Metrics["sources"]>(
  gauge: K,
  name: string,
  read: Metrics["sources"][K] extends Map<string, infer F> ? F : never,
): void {
  (metrics().sources[gauge] as Map<string, typeof read>).set(name, read);
}
