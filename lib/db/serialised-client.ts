import type { PrismaClient } from "./generated/client";
import type { WorkQueue } from "./work-queue";

// With one connection, a transaction's real wait is the queue's, so Prisma's own maxWait (2 s by
// default) would only turn a long queue into 500s: the queue bounds the wait instead.
const WAIT_FOR_CONNECTION_MS = 60_000;

type TransactionOptions = { maxWait?: number; timeout?: number; isolationLevel?: unknown };

/** The client with every $transaction (interactive or batch) run through `queue`, one at a time. */
export function serialisedClient(client: PrismaClient, queue: WorkQueue): PrismaClient {
  const transaction = client.$transaction.bind(client) as (arg: unknown, options?: TransactionOptions) => Promise<unknown>;
  const serialised = (arg: unknown, options?: TransactionOptions) =>
    queue.run(() => transaction(arg, { ...options, maxWait: Math.max(options?.maxWait ?? 0, WAIT_FOR_CONNECTION_MS) }));
  return new Proxy(client, {
    get(target, property) {
      if (property === "$transaction") return serialised;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
