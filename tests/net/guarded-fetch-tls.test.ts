import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guardedFetch } from "@/lib/net/guarded-fetch";

// Real TLS on loopback: a CA and a certificate for 127.0.0.1 made with openssl for this run.
// An https URL that redirects to plain http must be refused, even to an address that is allowed.

let dir: string;
let ca: string;
let plain: http.Server;
let secure: https.Server;
let plainUrl: string;
let secureUrl: string;

const listen = (server: http.Server | https.Server) =>
  new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "keysmith-tls-"));
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync("openssl", args, { stdio: "pipe" });
  openssl(
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "1",
    "-subj",
    "/CN=Keysmith test CA",
    "-keyout",
    file("ca.key"),
    "-out",
    file("ca.pem"),
  );
  openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", file("server.key"), "-out", file("server.csr"));
  const extensions = file("ext.cnf");
  execFileSync("sh", ["-c", `printf 'subjectAltName=IP:127.0.0.1\\n' > '${extensions}'`]);
  openssl(
    "x509",
    "-req",
    "-in",
    file("server.csr"),
    "-CA",
    file("ca.pem"),
    "-CAkey",
    file("ca.key"),
    "-CAcreateserial",
    "-days",
    "1",
    "-extfile",
    extensions,
    "-out",
    file("server.pem"),
  );
  ca = readFileSync(file("ca.pem"), "utf8");

  plain = http.createServer((_request, response) => response.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}'));
  plainUrl = `http://127.0.0.1:${await listen(plain)}`;
  secure = https.createServer({ key: readFileSync(file("server.key")), cert: readFileSync(file("server.pem")) }, (request, response) => {
    if (request.url === "/downgrade") response.writeHead(302, { location: `${plainUrl}/doc` }).end();
    else if (request.url === "/stay") response.writeHead(302, { location: "/doc" }).end();
    else response.writeHead(200, { "content-type": "application/json" }).end('{"secure":true}');
  });
  secureUrl = `https://127.0.0.1:${await listen(secure)}`;
});

afterAll(() => {
  plain?.close();
  secure?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("guardedFetch over TLS", () => {
  it("follows an https redirect that stays on https", async () => {
    const answer = await guardedFetch(`${secureUrl}/stay`, { allowPrivate: true, ca });
    expect(JSON.parse(answer.body.toString())).toEqual({ secure: true });
    expect(answer.hops).toEqual([`${secureUrl}/stay`, `${secureUrl}/doc`]);
  });

  it("refuses a redirect from https to plain http, before connecting to it", async () => {
    let plainRequests = 0;
    plain.on("request", () => (plainRequests += 1));
    await expect(guardedFetch(`${secureUrl}/downgrade`, { allowPrivate: true, ca })).rejects.toMatchObject({
      kind: "downgrade",
      message: expect.stringMatching(/redirected from https to plain http; refused/),
    });
    expect(plainRequests).toBe(0);
  });

  it("trusts only the system's authorities unless told otherwise", async () => {
    await expect(guardedFetch(`${secureUrl}/doc`, { allowPrivate: true })).rejects.toMatchObject({
      kind: "network",
      message: expect.stringMatching(/certificate/),
    });
  });
});
