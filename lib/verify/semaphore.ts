/**
 * Bounds concurrent work (Argon2 runs): at most `size` tasks run, the rest wait. Waiting tasks are
 * grouped by a fairness key (the caller's address) and served round-robin between groups, so one
 * address's flood of made-up keys cannot starve another address's first verification: each
 * waiting address gets its turn, whatever the length of the others' queues.
 *
 * Argon2 is CPU-bound on libuv's thread pool; more parallel runs than cores only make every
 * request slower and starve the DB driver of pool threads.
 */
export class Semaphore {
  private active = 0;
  /** Waiting tasks per fairness key; Map order is the round-robin order. */
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly size: number) {}

  /** How many tasks run now. */
  get running(): number {
    return this.active;
  }

  /** How many tasks wait, all keys together. */
  get queued(): number {
    let count = 0;
    for (const queue of this.waiting.values()) count += queue.length;
    return count;
  }

  async run<T>(task: () => Promise<T>, fairnessKey = ""): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.enqueue(fairnessKey, resolve));
    else this.active += 1;
    try {
      return await task();
    } finally {
      const next = this.dequeue();
      if (next) next();
      else this.active -= 1;
    }
  }

  private enqueue(key: string, resume: () => void): void {
    const queue = this.waiting.get(key);
    if (queue) queue.push(resume);
    else this.waiting.set(key, [resume]);
  }

  /** The first task of the key whose turn it is; that key then goes to the back of the round. */
  private dequeue(): (() => void) | undefined {
    const first = this.waiting.entries().next();
    if (first.done) return undefined;
    const [key, queue] = first.value;
    const next = queue.shift();
    this.waiting.delete(key);
    if (queue.length > 0) this.waiting.set(key, queue);
    return next;
  }
}
