import type { IncomingMessage } from "node:http";

// A node:http request body as bytes, for readVerifyBody, read straight from the request's events
// (a web ReadableStream cost the verify server ~8 % of its CPU). Past `limit` (declared or counted)
// it fails with `onTooLarge()` at once, without destroying the request: that would close the
// socket before the 413 is sent. The rest is read and dropped instead, up to a bound past which the
// connection is cut. A client that has gone (before or while the body is read) fails it: its 'end'
// never comes, and a reader left waiting would hold the caller's place (lib/server/address-gate.ts).

const DISCARD_LIMIT = 1024 * 1024;

/**
 * Exactly one of `onBody` and `onError` is called, once: callbacks rather than a promise, since the
 * verify server's answer needs none when everything else is at hand.
 */
export function onNodeBody(
  req: IncomingMessage,
  limit: number,
  onTooLarge: () => Error,
  onBody: (body: Uint8Array) => void,
  onError: (error: Error) => void,
): void {
  let settled = false;
  const resolve = (body: Uint8Array) => {
    if (settled) return;
    settled = true;
    onBody(body);
  };
  const reject = (error: Error) => {
    if (settled) return;
    settled = true;
    onError(error);
  };
  let ended = false;
  let chunks: Buffer[] = [];
  let size = 0;
  let discarding = false;
  let discarded = 0;
  const tooLarge = () => {
    discarding = true;
    chunks = [];
    reject(onTooLarge());
  };
  // 'close' comes for every request, after its answer too: an Error (and its stack) only while the
  // body is still awaited (not ended, not refused as too large).
  const gone = () => {
    if (!ended && !discarding) reject(new Error("The client closed the connection before its request body was read."));
  };
  if (req.destroyed) return gone();
  if (Number(req.headers["content-length"] ?? 0) > limit) tooLarge();
  req.on("data", (chunk: Buffer) => {
    if (discarding) {
      discarded += chunk.length;
      if (discarded > DISCARD_LIMIT) req.socket.destroy();
      return;
    }
    size += chunk.length;
    if (size > limit) return tooLarge();
    chunks.push(chunk);
  });
  req.on("end", () => {
    ended = true;
    if (!discarding) resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
  });
  req.on("error", (error) => {
    if (!discarding) reject(error);
  });
  // After 'end' this changes nothing (the body was handed on); before it, the body will not come.
  req.on("close", gone);
}
