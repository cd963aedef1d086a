import { describe, expect, it } from "vitest";
import { classifyAddress, isAllowed } from "@/lib/net/address-policy";

describe("classifyAddress", () => {
  it.each([
    ["8.8.8.8", "public"],
    ["2606:4700:4700::1111", "public"],
    ["127.0.0.1", "private"],
    ["127.8.9.10", "private"],
    ["::1", "private"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "private"],
    ["fd12:3456::1", "private"],
    ["169.254.169.254", "blocked"],
    ["169.254.170.2", "blocked"],
    ["fd00:ec2::254", "blocked"],
    ["100.100.100.200", "blocked"],
    ["168.63.129.16", "blocked"],
    ["192.0.0.192", "blocked"],
    ["fe80::1", "blocked"],
    ["0.0.0.0", "blocked"],
    ["::", "blocked"],
    ["255.255.255.255", "blocked"],
    ["224.0.0.1", "blocked"],
    ["ff02::1", "blocked"],
    ["192.0.2.10", "blocked"],
    ["2001:db8::1", "blocked"],
    ["::ffff:169.254.169.254", "blocked"],
    ["::ffff:127.0.0.1", "private"],
    ["::ffff:8.8.8.8", "public"],
    ["::127.0.0.1", "private"],
    // IPv4-compatible addresses in hex notation stand for the same IPv4 addresses.
    ["::7f00:1", "private"],
    ["[::7f00:1]", "private"],
    ["::a00:1", "private"],
    ["::a9fe:a9fe", "blocked"],
    ["0:0:0:0:0:0:7f00:1", "private"],
    ["::808:808", "public"],
    ["::ffff:7f00:1", "private"],
    ["::169.254.169.254", "blocked"],
    ["64:ff9b::a9fe:a9fe", "blocked"],
    ["2002:a9fe:a9fe::1", "blocked"],
    ["not-an-ip", "blocked"],
  ])("%s is %s", (address, expected) => {
    expect(classifyAddress(address).class).toBe(expected);
  });

  it("explains itself and normalises IPv4-mapped addresses", () => {
    expect(classifyAddress("::ffff:169.254.169.254")).toMatchObject({
      address: "169.254.169.254",
      reason: expect.stringContaining("link-local"),
    });
    expect(classifyAddress("fd00:ec2:0::254").reason).toContain("AWS");
  });

  it("allows private addresses only when the organisation opted in, and blocked ones never", () => {
    expect(isAllowed(classifyAddress("10.0.0.1"), false)).toBe(false);
    expect(isAllowed(classifyAddress("10.0.0.1"), true)).toBe(true);
    expect(isAllowed(classifyAddress("169.254.169.254"), true)).toBe(false);
    expect(isAllowed(classifyAddress("1.1.1.1"), false)).toBe(true);
  });
});
