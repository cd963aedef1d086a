/**
 * Bounds concurrent work (Argon2 runs): at most `size` tasks run, the rest wait in order.
 * Argon2 is CPU-bound on libuv's thread pool; more parallel runs than cores only make every
 * request slower and starve the DB driver of pool threads.
 */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active += 1;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
}
