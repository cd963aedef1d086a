import { afterEach, describe, expect, it, vi } from "vitest";
import { config, ConfigError, freezeConfig } from "@/lib/config";

// Freezing lasts for the rest of the process: the flag is the process's (on globalThis, for every
// copy of lib/config in it), so each test here clears it after itself.

const VARIABLE = "KEYSMITH_USAGE_FLUSH_MS";
const original = process.env[VARIABLE];

afterEach(() => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("keysmith.configFrozen")];
  if (original === undefined) delete process.env[VARIABLE];
  else process.env[VARIABLE] = original;
});

describe("freezeConfig", () => {
  it("checks the settings first: an invalid one throws by name and nothing is frozen", () => {
    process.env[VARIABLE] = "5";
    expect(() => freezeConfig()).toThrow(ConfigError);
    expect(() => freezeConfig()).toThrow(/KEYSMITH_USAGE_FLUSH_MS/);
    // Not frozen: a corrected environment is read.
    process.env[VARIABLE] = "1500";
    expect(config().KEYSMITH_USAGE_FLUSH_MS).toBe(1500);
  });

  it("reads changes to the environment until frozen, and none after", () => {
    process.env[VARIABLE] = "2000";
    expect(config().KEYSMITH_USAGE_FLUSH_MS).toBe(2000);
    expect(freezeConfig().KEYSMITH_USAGE_FLUSH_MS).toBe(2000);
    process.env[VARIABLE] = "3000";
    expect(config().KEYSMITH_USAGE_FLUSH_MS).toBe(2000);
    // An explicit environment is still parsed as given.
    expect(config({ [VARIABLE]: "4000" }).KEYSMITH_USAGE_FLUSH_MS).toBe(4000);
  });

  it("holds for every copy of the module in the process (Next.js bundles the hook and the routes apart)", async () => {
    process.env[VARIABLE] = "2500";
    vi.resetModules();
    const routesCopy = await import("@/lib/config");
    expect(routesCopy.config().KEYSMITH_USAGE_FLUSH_MS).toBe(2500);
    vi.resetModules();
    const hookCopy = await import("@/lib/config");
    expect(hookCopy).not.toBe(routesCopy);
    hookCopy.freezeConfig();
    process.env[VARIABLE] = "3500";
    expect(routesCopy.config().KEYSMITH_USAGE_FLUSH_MS).toBe(2500);
  });
});
