import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createKey } from "@/lib/keys/service";
import { createOrgWithMembers } from "../support/fixtures";
import { listen } from "../support/listen";

// The verify route a bare `next start` serves (pages/api/tokens/verify.ts) decides the caller's
// address as the verify server does: the socket's, and X-Forwarded-For only from a configured
// trusted proxy. Served here on node:http, which hands it Node's request and response as Next.js does.

type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
let org: Awaited<ReturnType<typeof createOrgWithMembers>>;

beforeAll(async () => {
  org = await createOrgWithMembers();
});
afterEach(() => {
  delete process.env.KEYSMITH_TRUSTED_PROXIES;
});

/** A fresh copy of the route (it reads the trusted proxies once, as a running server does). */
async function serveRoute(): Promise<string> {
  vi.resetModules();
  const route = (await import("@/pages/api/tokens/verify")).default as Route;
  return `${await listen(createServer((req, res) => void route(req, res)))}/api/tokens/verify`;
}

const verifyFrom = (url: string, key: string, forwardedFor: string) =>
  fetch(url, { method: "POST", headers: { authorization: `Bearer ${key}`, "x-forwarded-for": forwardedFor } }).then((r) => r.json());

describe("the Next verify route's client address", () => {
  it("ignores X-Forwarded-For from a caller that is no trusted proxy: an allowlist is not unlocked by a header", async () => {
    const { rawKey } = await createKey(org.owner, { name: "allowlisted", allowedIps: ["203.0.113.5"] });
    const url = await serveRoute();
    expect(await verifyFrom(url, rawKey, "203.0.113.5")).toMatchObject({ valid: false, code: "IP_NOT_ALLOWED" });
  });

  it("believes the right-most untrusted X-Forwarded-For entry from a trusted proxy", async () => {
    const { rawKey } = await createKey(org.owner, { name: "allowlisted behind a proxy", allowedIps: ["203.0.113.5"] });
    process.env.KEYSMITH_TRUSTED_PROXIES = "loopback";
    const url = await serveRoute();
    expect(await verifyFrom(url, rawKey, "203.0.113.5")).toMatchObject({ valid: true, code: "VALID" });
    expect(await verifyFrom(url, rawKey, "203.0.113.5, 198.51.100.7")).toMatchObject({ valid: false, code: "IP_NOT_ALLOWED" });
  });
});
