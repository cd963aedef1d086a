import { describe, expect, it } from "vitest";
import { AddressGate } from "@/lib/server/address-gate";

// The gate is about order and counts, not time: tasks finish when the test says so.

function controllable() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { done, finish };
}

describe("the per-address gate", () => {
  it("lets at most `limit` tasks of one address run, the rest in order, and other addresses meanwhile", async () => {
    const gate = new AddressGate(2);
    const started: string[] = [];
    const tasks = Array.from({ length: 5 }, (_, i) => ({ name: `flood-${i}`, ...controllable() }));
    const runs = tasks.map((task) => gate.run("198.51.100.1", async () => (started.push(task.name), task.done)));
    await Promise.resolve();
    expect(started).toEqual(["flood-0", "flood-1"]);
    expect(gate.inProgress("198.51.100.1")).toBe(2);

    // Another address is not held up by the flood.
    await gate.run("198.51.100.2", async () => started.push("other"));
    expect(started).toEqual(["flood-0", "flood-1", "other"]);

    tasks[1]!.finish();
    await runs[1];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(["flood-0", "flood-1", "other", "flood-2"]);
    expect(gate.inProgress("198.51.100.1")).toBe(2);

    for (const task of tasks) task.finish();
    await Promise.all(runs);
    expect(started).toEqual(["flood-0", "flood-1", "other", "flood-2", "flood-3", "flood-4"]);
    expect(gate.inProgress("198.51.100.1")).toBe(0);
  });

  it("frees the place of a task that fails", async () => {
    const gate = new AddressGate(1);
    await expect(gate.run("203.0.113.5", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(gate.inProgress("203.0.113.5")).toBe(0);
    await expect(gate.run("203.0.113.5", async () => "next")).resolves.toBe("next");
  });
});
