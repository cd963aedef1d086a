// At most `limit` requests of one client address in progress at once; the others wait their turn,
// in order. Node.js serves requests first come, first served: 32 verifications or sign-ins in flight
// from one address would put every other request — the dashboard's too — behind all 32 at each of
// its awaits. Through the gate a flood holds only `limit` places, whatever its concurrency.

export class AddressGate {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(readonly limit: number) {}

  /** Requests of `address` in progress (not counting those waiting). */
  inProgress(address: string): number {
    return this.active.get(address) ?? 0;
  }

  async run<T>(address: string, task: () => Promise<T>): Promise<T> {
    const active = this.active.get(address) ?? 0;
    if (active >= this.limit) {
      await new Promise<void>((resolve) => {
        const queue = this.waiting.get(address);
        if (queue) queue.push(resolve);
        else this.waiting.set(address, [resolve]);
      });
    } else {
      this.active.set(address, active + 1);
    }
    try {
      return await task();
    } finally {
      this.release(address);
    }
  }

  private release(address: string): void {
    const queue = this.waiting.get(address);
    const next = queue?.shift();
    if (queue && queue.length === 0) this.waiting.delete(address);
    if (next) return next(); // the place passes on: the count stays
    const left = (this.active.get(address) ?? 1) - 1;
    if (left === 0) this.active.delete(address);
    else this.active.set(address, left);
  }
}
