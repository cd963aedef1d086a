import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { AddressGate } from "@/lib/server/address-gate";
import { answerThroughGate } from "@/lib/server/gated-response";
import { onNodeBody } from "@/lib/verify/node-body";

// Clients that leave: autocannon ending a run, a proxy timing out, an attacker. A verification
// queued behind the per-address gate whose client had gone waited forever for a body that would
// never come, keeping its place; after `limit` of them every verification from that address
// (everyone behind one NAT or proxy) went unanswered. No timing is assumed: the test waits for the
// server to see each client leave, then for an answer that never came on the old code.

/** The body reader as a promise, for the assertions. */
const readNodeBody = (request: http.IncomingMessage, limit: number, onTooLarge: () => Error) =>
  new Promise<Uint8Array>((resolve, reject) => onNodeBody(request, limit, onTooLarge, resolve, reject));

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function listen(handler: http.RequestListener): Promise<number> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

/** Sends a POST through a raw socket: `sent` bytes of a body declared as `declared` bytes long. */
function rawPost(port: number, declared: number, sent: number): Promise<net.Socket> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1", () => {
      socket.write(`POST /verify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${declared}\r\n\r\n`);
      socket.write("x".repeat(sent));
      resolve(socket);
    });
    socket.on("error", () => {});
  });
}

describe("requests whose client left", () => {
  it("reading the body of a request whose client has gone rejects instead of waiting forever", async () => {
    let requestClosed!: () => void;
    const closed = new Promise<void>((resolve) => (requestClosed = resolve));
    let read!: Promise<Uint8Array>;
    const readStarted = new Promise<void>((resolveStarted) => {
      void listen((request) => {
        request.once("close", () => {
          requestClosed();
          read = readNodeBody(request, 1024, () => new Error("too large"));
          resolveStarted();
        });
      }).then(async (port) => {
        const socket = await rawPost(port, 10, 10);
        socket.destroy();
      });
    });
    await closed;
    await readStarted;
    await expect(read).rejects.toThrow(/closed the connection/);
  });

  it("give their place in the per-address gate back, so the address is still answered", async () => {
    const gate = new AddressGate(1);
    const arrived: string[] = [];
    let onArrival: () => void = () => {};
    const port = await listen((request, response) => {
      arrived.push(request.headers["content-length"]!);
      onArrival();
      const respond = () =>
        readNodeBody(request, 1024, () => new Error("too large")).then((body) => {
          response.writeHead(200, { "content-type": "text/plain" }).end(`read ${body.length}`);
        });
      void answerThroughGate(gate, "198.51.100.7", response, respond, () => response.destroy());
    });
    const arrivals = (count: number) =>
      new Promise<void>((resolve) => {
        onArrival = () => arrived.length >= count && resolve();
        onArrival();
      });

    // The first holds the only place, its body never finished; the second queues behind it.
    const holder = await rawPost(port, 10, 5);
    await arrivals(1);
    const queued = await rawPost(port, 10, 10);
    await arrivals(2);
    expect(gate.inProgress("198.51.100.7")).toBe(1);
    // Both leave: the queued one's turn comes after its client has gone.
    const left = (socket: net.Socket) => new Promise<void>((resolve) => (socket.once("close", () => resolve()), socket.destroy()));
    await left(queued);
    await left(holder);

    // The address is answered again (on the old code this waited for ever: the test timed out).
    const answer = await fetch(`http://127.0.0.1:${port}/verify`, { method: "POST", body: "0123456789" });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe("read 10");
  });
});
