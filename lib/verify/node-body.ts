import type { IncomingMessage } from "node:http";

// A node:http request body as a web ReadableStream, for readVerifyBody. Cancelling it (body over
// the limit) must not destroy the request: that would close the socket before the 413 is sent.
// The rest of the body is read and dropped instead, up to a bound past which the connection is cut.

const DISCARD_LIMIT = 1024 * 1024;

export function nodeBodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let cancelled = false;
  let discarded = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on("data", (chunk: Buffer) => {
        if (!cancelled) return controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        discarded += chunk.length;
        if (discarded > DISCARD_LIMIT) req.socket.destroy();
      });
      req.on("end", () => {
        if (!cancelled) controller.close();
      });
      req.on("error", (error) => {
        if (!cancelled) controller.error(error);
      });
    },
    cancel() {
      cancelled = true;
    },
  });
}
