import type { ServerResponse } from "node:http";
import { log } from "@/lib/log";

// Answers sent together at the end of the event loop's turn (setImmediate: right after the poll
// phase that read their requests) instead of one by one as each is ready. The requests a turn
// reads are all answered first and their answers written back to back: on a busy server the
// client finds several answers at once instead of being woken for each, and the socket writes run
// one after another. The verify server's hot key went from ~50 to ~33 µs of CPU per request on the
// 2-core VM (docs/benchmarks.md); the bare node:http ceiling, whose client never waits, gains nothing.
// An answer waits at most until the turn's other requests are answered, and never behind more
// than MAX_BATCH others.

const MAX_BATCH = 64;

interface Answer {
  res: ServerResponse;
  body: string;
  /** Called once the body is handed to the socket (or with the error that kept it from it). */
  then?: (error?: unknown) => void;
}

let waiting: Answer[] = [];

/**
 * Ends `res` with `body` (its status and headers already written) at the end of this turn, then
 * calls `then`. Nothing thrown by one answer keeps the others from being sent.
 */
export function endWithTurn(res: ServerResponse, body: string, then?: (error?: unknown) => void): void {
  waiting.push({ res, body, then });
  if (waiting.length === 1) setImmediate(sendWaiting);
  else if (waiting.length >= MAX_BATCH) sendWaiting();
}

function sendWaiting(): void {
  const batch = waiting;
  waiting = [];
  for (const answer of batch) send(answer);
}

function send({ res, body, then }: Answer): void {
  let failure: unknown;
  try {
    res.end(body);
  } catch (error) {
    failure = error;
    res.destroy();
  }
  try {
    then?.(failure);
  } catch (error) {
    log.error({ err: error }, "an answer's follow-up failed");
  }
}
