import type { BookKey, Tally } from "./key-book";
import { verifyOverHttp, type VerifyAnswer } from "./verify-client";

export interface WorkerOptions {
  targets: readonly string[];
  concurrency: number;
  pick: () => BookKey;
  onAnswer: (key: BookKey, answer: VerifyAnswer, target: string) => void;
}

/** Verification loops, round-robin over the targets, until `stop()` resolves them. */
export function startVerifyWorkers(options: WorkerOptions): { stop: () => Promise<void> } {
  let running = true;
  let turn = 0;
  const loops = Array.from({ length: options.concurrency }, async () => {
    while (running) {
      const target = options.targets[turn++ % options.targets.length]!;
      const key = options.pick();
      const answer = await verifyOverHttp(target, key.rawKey);
      options.onAnswer(key, answer, target);
      // A refused connection answers at once; don't spin on it.
      if (answer.status === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
  return {
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

export function tallyInto(tally: Tally) {
  return (key: BookKey, answer: VerifyAnswer) => {
    tally.add(key, answer);
  };
}

export const pickFrom = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
