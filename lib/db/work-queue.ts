import { AppError } from "@/lib/errors";
import { config } from "@/lib/config";

/**
 * One transaction at a time, the others waiting in order, at most `maxWaiting` of them: the
 * embedded database (PGlite) has one connection for the app, and Prisma gives up on a
 * transaction that waits for a connection longer than its maxWait (a 500: "Unable to start a
 * transaction in the given time"). Queued here instead, a burst is served in order; past the
 * bound it is refused at once with 503 (UNAVAILABLE, Retry-After), never a 500.
 */
export class WorkQueue {
  private busy = false;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly maxWaiting: number) {}

  /** Transactions waiting for their turn (not counting the running one). */
  get pending(): number {
    return this.waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.busy) {
      if (this.waiting.length >= this.maxWaiting) {
        throw new AppError("UNAVAILABLE", "The embedded database is busy; try again in a moment.");
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.busy = true;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.busy = false;
    }
  }
}

/** KEYSMITH_EMBEDDED_QUEUE_MAX: transactions that may wait for the embedded database (default 200). */
export function embeddedQueueMaxFromEnv(): number {
  return config().KEYSMITH_EMBEDDED_QUEUE_MAX;
}
