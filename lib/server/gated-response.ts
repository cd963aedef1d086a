import type { ServerResponse } from "node:http";
import type { AddressGate } from "./address-gate";

/** Resolves once the response is finished or its connection is gone, whichever comes first. */
export function untilClosed(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    if (response.writableFinished || response.destroyed) return resolve();
    response.once("close", () => resolve());
  });
}

/**
 * Answers through the per-address gate: `respond` runs when the address has a place, and the place
 * is held until the answer is sent or the client has gone — not until `respond` settles. A client
 * that leaves while queued, or an answer that never comes, would otherwise keep its place forever,
 * and a few of them would lock the address out (everyone behind one NAT or proxy with it).
 */
export function answerThroughGate(
  gate: AddressGate,
  address: string,
  response: ServerResponse,
  respond: () => Promise<unknown>,
  fail: () => void,
): Promise<void> {
  return gate.run(address, () => {
    respond().catch(fail);
    return untilClosed(response);
  });
}
