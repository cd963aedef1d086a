// The ceiling: a bare node:http server answering a tiny JSON, run in its own process so it
// shares neither the bench's event loop nor Next.js's. Usage: node bench/ceiling-server.mjs <port>
import { createServer } from "node:http";

const body = JSON.stringify({ ok: true });
const port = Number(process.argv[2]);
createServer((request, response) => {
  request.resume();
  response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  response.end(body);
}).listen(port, "127.0.0.1");
