import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientAddressOf, trustedProxies } from "@/lib/http/client-address";
import { normaliseIp } from "@/lib/http/client-ip";

function request(socketAddress: string | undefined, forwardedFor?: string): IncomingMessage {
  const socket = { remoteAddress: socketAddress };
  const headers = forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor };
  return { socket, connection: socket, headers } as unknown as IncomingMessage;
}

describe("the client's address", () => {
  it("is the socket's without trusted proxies, whatever X-Forwarded-For says", () => {
    const none = trustedProxies("");
    expect(clientAddressOf(request("203.0.113.9", "198.51.100.1"), none)).toBe("203.0.113.9");
    expect(clientAddressOf(request("::ffff:203.0.113.9", "198.51.100.1, 10.0.0.1"), none)).toBe("203.0.113.9");
    expect(clientAddressOf(request(undefined, "198.51.100.1"), none)).toBeNull();
  });

  it("is the right-most untrusted X-Forwarded-For entry behind a trusted proxy, and the socket's behind any other", () => {
    const loopback = trustedProxies("loopback");
    expect(clientAddressOf(request("127.0.0.1", "198.51.100.1, 203.0.113.7"), loopback)).toBe("203.0.113.7");
    expect(clientAddressOf(request("127.0.0.1", "198.51.100.1, 127.0.0.1"), loopback)).toBe("198.51.100.1");
    expect(clientAddressOf(request("192.0.2.50", "198.51.100.1"), loopback)).toBe("192.0.2.50");
  });

  it("is normalised the same way every time it is asked (remembered answers included)", () => {
    for (let round = 0; round < 2; round++) {
      expect(normaliseIp("::ffff:192.0.2.1")).toBe("192.0.2.1");
      expect(normaliseIp("[2001:db8::1]")).toBe("2001:db8::1");
      expect(normaliseIp("2001:0db8:0000::0001")).toBe("2001:db8::1");
      expect(normaliseIp("not an address")).toBeNull();
      expect(normaliseIp("1".repeat(10_000))).toBeNull();
      expect(normaliseIp("")).toBeNull();
    }
    // Past the memory's bound it starts afresh and still answers right.
    for (let i = 0; i < 12_000; i++) normaliseIp(`10.${(i >> 8) & 255}.${i & 255}.1`);
    expect(normaliseIp("::ffff:192.0.2.1")).toBe("192.0.2.1");
  });
});
