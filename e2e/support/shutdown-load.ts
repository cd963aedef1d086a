import { readdirSync, readFileSync } from "node:fs";

// Load against a server while it is told to stop: what the clients saw, to compare with what the
// server wrote, and the process tree, to prove nothing outlives the stop.

export interface LoadOutcome {
  /** VALID answers the clients received. */
  valid: number;
  /** Every other answer (status or code), by name. */
  other: Record<string, number>;
}

/**
 * Sends verifications for `rawKey` from `clients` concurrent loops. Once `stopAfter` VALID answers
 * have arrived, calls `stop` (the signal) and keeps sending: requests in flight and those that still
 * reach the draining server count; each loop ends at its first connection failure.
 */
export async function verifyUntilRefused(
  url: string,
  rawKey: string,
  options: { clients: number; stopAfter: number; stop: () => void },
): Promise<LoadOutcome> {
  const outcome: LoadOutcome = { valid: 0, other: {} };
  let stopped = false;
  const loop = async () => {
    for (;;) {
      let answer: string;
      try {
        const response = await fetch(`${url}/api/tokens/verify`, { method: "POST", headers: { "x-api-key": rawKey } });
        const body = (await response.json()) as { code?: string };
        answer = response.status === 200 && body.code ? body.code : `HTTP ${response.status}`;
      } catch {
        if (!stopped) throw new Error("the server refused a request before it was told to stop");
        return;
      }
      if (answer === "VALID") outcome.valid += 1;
      else outcome.other[answer] = (outcome.other[answer] ?? 0) + 1;
      if (!stopped && outcome.valid >= options.stopAfter) {
        stopped = true;
        options.stop();
      }
    }
  };
  await Promise.all(Array.from({ length: options.clients }, loop));
  return outcome;
}

/** The pids of every process below `pid` (Linux /proc). */
export function descendantsOf(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid …": the command name may hold spaces and parentheses.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while the list was read.
    }
  }
  const found: number[] = [];
  const visit = (parent: number) => {
    for (const child of parents.get(parent) ?? []) {
      found.push(child);
      visit(child);
    }
  };
  visit(pid);
  return found;
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
