import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FREE_FAILURES_PER_ADDRESS, recordSignInFailure, setSignInStores } from "@/lib/auth/sign-in-throttle";
import { answerSignInBackoff } from "@/lib/server/sign-in-backoff";
import { Limiter } from "@/lib/verify/rate-limit";
import { testRedis, uniquePrefix } from "../support/verifier";

// Keysmith's own server answers sign-in attempts from an address in back-off before Next.js. Here a
// real HTTP server runs the same step in front of a stand-in for Next.js that counts what reaches it;
// the caller's address comes from a test header because every request here comes from loopback.

let server: http.Server;
let url: string;
let reachedNext = 0;

beforeAll(async () => {
  const prefix = uniquePrefix();
  setSignInStores({
    failures: new Limiter(Number.MAX_SAFE_INTEGER, { redis: testRedis, prefix: `${prefix}:fail` }, 86_400),
    blocks: new Limiter(1, { redis: testRedis, prefix: `${prefix}:block` }, 1),
  });
  server = http.createServer((request, response) => {
    const address = String(request.headers["x-test-address"]);
    void answerSignInBackoff(request, response, address).then((answered) => {
      if (answered) return;
      reachedNext += 1;
      response.writeHead(200, { "content-type": "application/json" }).end('{"handled":"next"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  setSignInStores(null);
  await new Promise((resolve) => server.close(resolve));
});

const post = (path: string, address: string, body: string, contentType = "application/json") =>
  fetch(`${url}${path}`, { method: "POST", redirect: "manual", headers: { "content-type": contentType, "x-test-address": address }, body });

async function backOff(address: string) {
  // Five failures past the free ones: a 16 s back-off, long enough for any machine to send the next request inside it.
  for (let failure = 0; failure < FREE_FAILURES_PER_ADDRESS + 5; failure += 1)
    await recordSignInFailure(`spray-${failure}@example.test`, address);
}

const backoffMessage = (seconds: string | null) => `Too many failed sign-ins. Try again in ${seconds} seconds.`;

describe("sign-in attempts from an address in back-off, answered before Next.js", () => {
  it("lets sign-ins through while the address has failures to spare", async () => {
    const before = reachedNext;
    for (let failure = 0; failure < FREE_FAILURES_PER_ADDRESS; failure += 1)
      await recordSignInFailure(`few-${failure}@example.test`, "198.51.100.1");
    const response = await post("/api/auth/sign-in", "198.51.100.1", "{}");
    expect(await response.json()).toEqual({ handled: "next" });
    expect(reachedNext).toBe(before + 1);
  });

  it("answers the API's 429 with Retry-After, the sign-in route's own message, and never reaches Next.js", async () => {
    await backOff("198.51.100.2");
    const before = reachedNext;
    const response = await post("/api/auth/sign-in", "198.51.100.2", JSON.stringify({ email: "anyone@example.test", password: "x" }));
    expect(response.status).toBe(429);
    const retryAfter = response.headers.get("retry-after");
    expect(Number(retryAfter)).toBeGreaterThan(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(16);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ error: { code: "RATE_LIMITED", message: backoffMessage(retryAfter) } });
    expect(reachedNext).toBe(before);
  });

  it("sends a plain HTML form back to the sign-in page with the message, as the route does", async () => {
    await backOff("198.51.100.3");
    const response = await post(
      "/api/auth/sign-in?x=1",
      "198.51.100.3",
      "email=a%40b.test&password=x",
      "application/x-www-form-urlencoded",
    );
    expect(response.status).toBe(303);
    const message = new URL(response.headers.get("location")!, url).searchParams.get("error");
    expect(response.headers.get("location")!.startsWith("/sign-in?error=")).toBe(true);
    expect(message).toMatch(/^Too many failed sign-ins\. Try again in \d+ seconds\.$/);
  });

  it("leaves other addresses, other routes and other methods to Next.js", async () => {
    await backOff("198.51.100.4");
    const before = reachedNext;
    expect((await post("/api/auth/sign-in", "198.51.100.5", "{}")).status).toBe(200);
    expect((await post("/api/auth/sign-up", "198.51.100.4", "{}")).status).toBe(200);
    expect((await post("/api/auth/sign-in-not", "198.51.100.4", "{}")).status).toBe(200);
    expect((await fetch(`${url}/api/auth/sign-in`, { headers: { "x-test-address": "198.51.100.4" } })).status).toBe(200);
    expect(reachedNext).toBe(before + 4);
  });
});
