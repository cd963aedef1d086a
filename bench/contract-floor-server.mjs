// The contract floor: a bare node:http server doing only what any server answering Keysmith's verify
// contract must do per request, and nothing of the verification itself: read and parse the JSON body,
// one SHA-256 of the key and a Map lookup (a proof cache needs at least that), a fresh X-Request-Id,
// and the verify server's own answer to a hot key — its headers and its bytes, given in
// KEYSMITH_FLOOR_ANSWER as {"headers":{…},"body":"…"}. What the verify server costs above this floor is
// its pipeline (key format, state, limits, usage, log, metrics). Usage: node bench/contract-floor-server.mjs <port>
import { hash, randomUUID } from "node:crypto";
import { createServer } from "node:http";

const answer = JSON.parse(process.env.KEYSMITH_FLOOR_ANSWER ?? "");
const seen = new Map();
const port = Number(process.argv[2]);
createServer((request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => {
    const text = Buffer.concat(chunks).toString("utf8");
    const parsed = text === "" ? {} : JSON.parse(text); // a readiness probe sends no body
    const digest = hash("sha256", String(parsed.key), "base64url");
    seen.set(digest, (seen.get(digest) ?? 0) + 1);
    response.writeHead(200, { ...answer.headers, "x-request-id": randomUUID() });
    response.end(answer.body);
  });
}).listen(port, "127.0.0.1");
