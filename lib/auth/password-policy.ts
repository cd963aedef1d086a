import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";
import { AppError } from "@/lib/errors";
import { PASSWORD_MIN } from "@/lib/validations/auth";

// Passwords must be long (PASSWORD_MIN, checked by the schema) and hard to guess: zxcvbn-ts
// estimates how many guesses a password needs, with dictionaries of common passwords, names and
// English words, and patterns (repeats, sequences, keyboard walks, dates). Score 3 of 4 means
// roughly 10^8 guesses or more — "safely unguessable" for an online attack with throttling.

export const MIN_SCORE = 3;

let estimator: ZxcvbnFactory | null = null;

/** Built on first use: the dictionaries take a moment to index. */
function strength(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  return estimator;
}

/** Refuses a guessable password (400 naming `password`), saying why and what would help. */
export function assertStrongPassword(password: string, context: string[] = []): void {
  const result = strength().check(password, context);
  if (password.trim().length >= PASSWORD_MIN && result.score >= MIN_SCORE) return;
  const why = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(" ");
  throw new AppError(
    "VALIDATION_FAILED",
    `This password is too easy to guess${why ? `: ${why}` : "."} Try a longer passphrase of unrelated words.`,
    "password",
  );
}
