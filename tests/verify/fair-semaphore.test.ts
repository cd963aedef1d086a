import { describe, expect, it } from "vitest";
import { Semaphore } from "@/lib/verify/semaphore";

// Argon2 work is shared round-robin between caller addresses.

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve, done: false };
}

describe("Semaphore", () => {
  it("serves a newcomer's task after at most one task of each address already waiting, not after the flood", async () => {
    const semaphore = new Semaphore(1);
    const order: string[] = [];
    const gates: ReturnType<typeof deferred>[] = [];
    const task = (name: string) => async () => {
      order.push(name);
      const gate = deferred();
      gates.push(gate);
      await gate.promise;
    };
    const flood = Array.from({ length: 20 }, (_, index) => semaphore.run(task(`flood-${index}`), "198.51.100.1"));
    const newcomer = semaphore.run(task("newcomer"), "203.0.113.9");
    expect(semaphore.queued).toBe(20);
    // Finish the running task, one at a time, until every task has run.
    while (order.length < 21 || gates.some((gate) => !gate.done)) {
      const running = gates.find((gate) => !gate.done)!;
      running.done = true;
      running.resolve();
      await new Promise((resolve) => setImmediate(resolve));
    }
    // The flood's first task was running and its second had the turn; then the newcomer, not 19 more.
    expect(order.indexOf("newcomer")).toBe(2);
    await Promise.all([...flood, newcomer]);
    expect(semaphore.queued).toBe(0);
  });

  it("never runs more than its size at once", async () => {
    const semaphore = new Semaphore(2);
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        semaphore.run(
          async () => {
            running += 1;
            peak = Math.max(peak, running);
            await new Promise((resolve) => setImmediate(resolve));
            running -= 1;
          },
          `address-${index % 3}`,
        ),
      ),
    );
    expect(peak).toBe(2);
  });
});
