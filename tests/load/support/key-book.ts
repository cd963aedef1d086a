import { generateKey } from "@/lib/keys/format";
import { malformedKey as malformedRawKey } from "../../support/key-variants";
import type { VerifyAnswer } from "./verify-client";

// What the load test knows about each key, and the rule that judges an answer:
// - a malformed key must be MALFORMED and an unknown one NOT_FOUND;
// - a key never revoked must be VALID;
// - a revoked key may still be accepted by a request sent before its revoke committed plus
//   the propagation bound (1 s); after that, accepting it is a wrong answer. Refusing it is
//   wrong only if the answer arrived before the revoke even started.

export const PROPAGATION_BOUND_MS = 1_000;

export type KeyKind = "malformed" | "unknown" | "issued";

export interface BookKey {
  kind: KeyKind;
  rawKey: string;
  id?: string;
  revokeStartedAt?: number;
  revokedAt?: number;
}

export type Verdict = "right" | "wrong" | "unavailable";

export function judge(key: BookKey, answer: VerifyAnswer): Verdict {
  if (answer.status !== 200) return "unavailable";
  switch (key.kind) {
    case "malformed":
      return !answer.valid && answer.code === "MALFORMED" ? "right" : "wrong";
    case "unknown":
      return !answer.valid && answer.code === "NOT_FOUND" ? "right" : "wrong";
    case "issued":
      if (answer.valid) {
        return key.revokedAt !== undefined && answer.sentAt > key.revokedAt + PROPAGATION_BOUND_MS ? "wrong" : "right";
      }
      return key.revokeStartedAt !== undefined && answer.receivedAt >= key.revokeStartedAt && answer.code === "REVOKED" ? "right" : "wrong";
  }
}

export function malformedKey(): BookKey {
  return { kind: "malformed", rawKey: malformedRawKey("live") };
}

export function unknownKey(): BookKey {
  return { kind: "unknown", rawKey: generateKey("live").raw };
}

/** Counts answers by verdict and code, and keeps a few wrong ones to print. */
export class Tally {
  requests = 0;
  wrong = 0;
  /** Answers with status 5xx or no answer at all (status 0). */
  unavailable = 0;
  readonly codes = new Map<string, number>();
  readonly examples: string[] = [];
  readonly unavailableExamples: string[] = [];

  add(key: BookKey, answer: VerifyAnswer, verdict = judge(key, answer)): Verdict {
    this.requests++;
    const label = answer.status === 200 ? (answer.code ?? "?") : `HTTP ${answer.status}`;
    this.codes.set(label, (this.codes.get(label) ?? 0) + 1);
    if (verdict === "wrong") {
      this.wrong++;
      if (this.examples.length < 5) {
        const since =
          key.revokedAt === undefined ? "never revoked" : `revoked ${(answer.sentAt - key.revokedAt).toFixed(0)} ms before sending`;
        this.examples.push(`${key.kind} key (${since}) answered ${label}`);
      }
    } else if (verdict === "unavailable") {
      this.unavailable++;
      if (this.unavailableExamples.length < 5)
        this.unavailableExamples.push(`${key.kind} key: HTTP ${answer.status}${answer.error ? ` (${answer.error})` : ""}`);
    }
    return verdict;
  }

  codesText(): string {
    return [...this.codes.entries()].map(([code, count]) => `${code} ${count}`).join(", ");
  }
}
