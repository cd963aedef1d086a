import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as tokens from "@/app/api/tokens/route";
import verifyRoute from "@/pages/api/tokens/verify";
import { CLIENT_ADDRESS_HEADER, markClientAddressStamped } from "@/lib/http/client-ip";
import { createKey } from "@/lib/keys/service";
import { createOrgWithMembers } from "../support/fixtures";
import { listen } from "../support/listen";
import { callRoute } from "../support/route";

// API keys on the management API keep their own failed-attempt counter: a flood of junk sent to
// public verification from an address must not turn into 429s on the API for that address.

let org: Awaited<ReturnType<typeof createOrgWithMembers>>;
// The verify route as a bare `next start` serves it, behind a trusted proxy on loopback that
// reports each test's client address.
let verifyUrl: string;
beforeAll(async () => {
  org = await createOrgWithMembers();
  markClientAddressStamped(); // as Keysmith's own server does in the process it serves
  process.env.KEYSMITH_TRUSTED_PROXIES = "loopback";
  verifyUrl = `${await listen(createServer((req, res) => void verifyRoute(req, res)))}/api/tokens/verify`;
});
afterAll(() => {
  delete process.env.KEYSMITH_TRUSTED_PROXIES;
});

const from = (address: string) => ({ [CLIENT_ADDRESS_HEADER]: address });

describe("the management API's failed-attempt counter", () => {
  it("is not the verify route's: junk against verification leaves the API answering 401, not 429", async () => {
    const address = "198.51.100.41";
    let last = "";
    for (let attempt = 0; attempt < 61; attempt += 1) {
      const answer = await fetch(verifyUrl, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": address },
        body: JSON.stringify({ key: `junk-${attempt}` }),
      });
      last = (await answer.json()).code;
    }
    expect(last).toBe("RATE_LIMITED");

    const junkOnApi = await callRoute(tokens.GET, { path: "/api/tokens", key: "ks_live_sk_not_a_real_key", headers: from(address) });
    expect(junkOnApi.status).toBe(401);
    const { rawKey } = await createKey(org.owner, { name: "automation", scopes: ["keys:read"] });
    const valid = await callRoute(tokens.GET, { path: "/api/tokens", key: rawKey, headers: from(address) });
    expect(valid.status).toBe(200);
  });

  it("says which limit applies when the API's own counter is over", async () => {
    const address = "198.51.100.42";
    let answer: Response | null = null;
    for (let attempt = 0; attempt < 61; attempt += 1) {
      answer = await callRoute(tokens.GET, { path: "/api/tokens", key: `ks_live_sk_junk${attempt}`, headers: from(address) });
    }
    expect(answer!.status).toBe(429);
    expect((await answer!.json()).error.message).toBe(
      "Too many failed attempts with API keys from your address; retry after the time in Retry-After.",
    );
    expect(answer!.headers.get("retry-after")).toMatch(/^\d+$/);
  });
});
