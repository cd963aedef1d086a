import { describe, expect, it } from "vitest";
import { hostAllowed, hostName, hostPolicy } from "@/lib/http/host-check";

describe("the Host check (DNS rebinding)", () => {
  it("answers only for loopback names and the listening host by default", () => {
    const policy = hostPolicy("localhost", undefined);
    for (const host of ["localhost:3000", "127.0.0.1:3000", "[::1]:3000", "LOCALHOST"]) expect(hostAllowed(policy, host), host).toBe(true);
    for (const host of ["evil.example", "evil.example:3000", "localhost.evil.example", "127.0.0.1.nip.io", undefined])
      expect(hostAllowed(policy, host), String(host)).toBe(false);
  });

  it("adds the public origin's host, with any port", () => {
    const policy = hostPolicy("0.0.0.0", "https://keys.company.example");
    expect(hostAllowed(policy, "keys.company.example")).toBe(true);
    expect(hostAllowed(policy, "keys.company.example:443")).toBe(true);
    expect(hostAllowed(policy, "keys.company.example.evil")).toBe(false);
    expect(hostAllowed(policy, "203.0.113.9")).toBe(false);
  });

  it("accepts any Host only when bound to a wildcard address without a public URL", () => {
    expect(hostPolicy("0.0.0.0", undefined).allowed).toBeNull();
    expect(hostPolicy("::", undefined).allowed).toBeNull();
    expect(hostAllowed(hostPolicy("10.0.0.5", undefined), "10.0.0.5:3000")).toBe(true);
  });

  it("reads host names with ports and IPv6 brackets", () => {
    expect(hostName("[2001:db8::1]:8443")).toBe("[2001:db8::1]");
    expect(hostName("Keys.Example.com:443")).toBe("keys.example.com");
  });
});
