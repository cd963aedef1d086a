import http from "node:http";
import net from "node:net";
import { describe, expect, it } from "vitest";
import { endWithTurn } from "@/lib/server/batched-answers";
import { listen } from "../support/listen";

// Answers held until the end of the event loop's turn and sent together: each must still reach
// its own client whole and in order, a client that left or an answer that fails must not keep the
// others from theirs, and none may wait behind more than a batch.

/** Serves `handler` on a free port (closed after the file's tests: tests/support/listen.ts). */
async function listenOn(handler: http.RequestListener): Promise<number> {
  return Number(new URL(await listen(http.createServer(handler))).port);
}

/** Answers every request with its own path, through endWithTurn; `then` calls are recorded in `sent`. */
function echoServer(sent: { path: string; error: unknown }[]) {
  return listenOn((req, res) => {
    const path = req.url ?? "";
    res.writeHead(200, { "content-type": "text/plain", "content-length": Buffer.byteLength(path) });
    endWithTurn(res, path, (error) => sent.push({ path, error }));
  });
}

/**
 * Writes raw bytes on one connection and collects what comes back, until `until` says it is all
 * there or the server closes the connection.
 */
function exchange(port: number, bytes: string, until: (received: string) => boolean = () => false): Promise<string> {
  return new Promise((resolve) => {
    let received = "";
    const socket = net.connect(port, "127.0.0.1", () => socket.write(bytes));
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      received += chunk;
      if (until(received)) socket.destroy();
    });
    socket.on("error", () => {});
    socket.on("close", () => resolve(received));
  });
}

describe("answers sent at the end of the turn", () => {
  it("gives each of many concurrent clients its own answer, whole", async () => {
    const sent: { path: string; error: unknown }[] = [];
    const port = await echoServer(sent);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 20 });
    const paths = Array.from({ length: 300 }, (_, index) => `/request-${index}`);
    const answers = await Promise.all(
      paths.map(
        (path) =>
          new Promise<string>((resolve, reject) => {
            http
              .get({ port, host: "127.0.0.1", path, agent }, (res) => {
                let body = "";
                res.setEncoding("utf8");
                res.on("data", (chunk: string) => (body += chunk));
                res.on("end", () => resolve(body));
              })
              .on("error", reject);
          }),
      ),
    );
    agent.destroy();
    expect(answers).toEqual(paths);
    expect(sent.map((entry) => entry.path).sort()).toEqual([...paths].sort());
    expect(sent.every((entry) => entry.error === undefined)).toBe(true);
  });

  it("answers requests pipelined on one connection in the order they came", async () => {
    const port = await echoServer([]);
    const request = (path: string) => `GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`;
    const received = await exchange(port, request("/first") + request("/second") + request("/third"), (text) => text.endsWith("/third"));
    const bodies = received
      .split("\r\n\r\n")
      .slice(1)
      .map((part) => part.split("HTTP/1.1")[0]);
    expect(bodies).toEqual(["/first", "/second", "/third"]);
  });

  it("holds answers until the turn ends, then sends them all", async () => {
    const written: string[] = [];
    const held: boolean[] = [];
    const port = await listenOn((req, res) => {
      const path = req.url ?? "";
      res.writeHead(200, { "content-length": Buffer.byteLength(path) });
      endWithTurn(res, path, () => written.push(path));
      held.push(!written.includes(path) && !res.writableEnded);
    });
    const received = await exchange(port, "GET /held HTTP/1.1\r\nHost: x\r\n\r\n", (text) => text.endsWith("/held"));
    expect(received).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(held).toEqual([true]);
    expect(written).toEqual(["/held"]);
  });

  it("sends a full batch at once rather than keep it waiting for the turn to end", async () => {
    const BATCH = 64;
    const waiting: { res: http.ServerResponse; path: string }[] = [];
    let sentBeforeTurnEnded = -1;
    const sent: string[] = [];
    const port = await listenOn((req, res) => {
      const path = req.url ?? "";
      res.writeHead(200, { "content-length": Buffer.byteLength(path) });
      waiting.push({ res, path });
      if (waiting.length < BATCH) return;
      // Every answer queued in one go, in this turn: the batch is full at the last one.
      for (const answer of waiting.splice(0)) endWithTurn(answer.res, answer.path, () => sent.push(answer.path));
      sentBeforeTurnEnded = sent.length;
    });
    const paths = Array.from({ length: BATCH }, (_, index) => `/full-${index}`);
    const answers = await Promise.all(
      paths.map((path) => exchange(port, `GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`, (text) => text.endsWith(path))),
    );
    expect(answers.every((text, index) => text.endsWith(paths[index]!))).toBe(true);
    expect(sentBeforeTurnEnded).toBe(BATCH);
  });

  it("still sends the rest of the batch when an answer cannot be written or its client has left", async () => {
    const sent: { path: string; error: unknown }[] = [];
    const waiting: { req: http.IncomingMessage; res: http.ServerResponse }[] = [];
    const port = await listenOn((req, res) => {
      res.writeHead(200, { "content-length": Buffer.byteLength(req.url ?? "") });
      waiting.push({ req, res });
      if (waiting.length < 3) return;
      // All three in one batch, the failing ones first.
      const order = ["/throws", "/gone", "/fine"];
      waiting.sort((a, b) => order.indexOf(a.req.url ?? "") - order.indexOf(b.req.url ?? ""));
      for (const { req: request, res: response } of waiting.splice(0)) {
        const path = request.url ?? "";
        if (path === "/throws") {
          response.end = () => {
            throw new Error("cannot write");
          };
        }
        if (path === "/gone") request.socket.destroy(); // its client is gone before the answer is written
        endWithTurn(response, path, (error) => sent.push({ path, error }));
      }
    });
    const [throws, gone, fine] = await Promise.all(
      ["/throws", "/gone", "/fine"].map((path) => exchange(port, `GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`, (text) => text.endsWith(path))),
    );
    expect(fine).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*\/fine$/);
    // The client whose answer failed is cut off rather than left waiting; the one that left got nothing.
    expect(throws).toBe("");
    expect(gone).toBe("");
    expect(sent.map((entry) => entry.path)).toEqual(["/throws", "/gone", "/fine"]);
    expect(sent[0]!.error).toBeInstanceOf(Error);
    expect(sent[2]!.error).toBeUndefined();
  });
});
