import type { VerificationLogEntry } from "@/lib/verification-log/writer";

/**
 * A service's valid verification of one key, as the verification log receives it, with `overrides`:
 * the fold tests vary one field at a time from it.
 */
export function validLogEntry(overrides: Partial<VerificationLogEntry> = {}): VerificationLogEntry {
  return {
    at: new Date("2026-12-06T10:00:00.000Z"),
    orgId: "0190a6d2-0000-7000-8000-0000000000aa",
    keyRowId: "0190a6d2-0000-7000-8000-000000000001",
    keyId: "7GbX2kQp9LmN",
    code: "VALID",
    ip: "203.0.113.1",
    userAgent: "svc/1.0",
    scopes: ["packages:read"],
    latencyMs: 0.5,
    cost: null,
    ...overrides,
  };
}
