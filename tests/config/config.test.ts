import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { config, ConfigError } from "@/lib/config";
import { GENERATED_FILES } from "@/lib/config/docs";
import { VARIABLE_NAMES } from "@/lib/config/variables";
import { workerCount } from "@/lib/server/verify-cluster";

const ROOT = path.resolve(import.meta.dirname, "../..");

function problemsOf(env: Record<string, string>): { variable: string; message: string }[] {
  try {
    config(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("lib/config", () => {
  it("gives defaults for unset and empty variables", () => {
    const settings = config({ KEYSMITH_DB_POOL_MAX: "", AUTH_PROVIDER: "" });
    expect(settings.KEYSMITH_DB_POOL_MAX).toBe(10);
    expect(settings.AUTH_PROVIDER).toBe("local");
    expect(settings.KEYSMITH_USAGE_FLUSH_MS).toBe(1000);
    expect(settings.KEYSMITH_INSECURE_COOKIES).toBe(false);
  });

  it("parses numbers, flags and choices", () => {
    const settings = config({
      PORT: "8080",
      KEYSMITH_INSECURE_COOKIES: "1",
      KEYSMITH_SIGNUP: "open",
      KEYSMITH_VERIFY_FAILURES_PER_MINUTE: "0",
    });
    expect(settings).toMatchObject({
      PORT: 8080,
      KEYSMITH_INSECURE_COOKIES: true,
      KEYSMITH_SIGNUP: "open",
      KEYSMITH_VERIFY_FAILURES_PER_MINUTE: 0,
    });
  });

  it("names every invalid variable with the reason", () => {
    const problems = problemsOf({
      KEYSMITH_DB_POOL_MAX: "ten",
      REDIS_URL: "http://cache:6379",
      AUTH_PROVIDER: "ldap",
      PORT: "70000",
      KEYSMITH_USAGE_FLUSH_MS: "5",
    });
    expect(problems.map((problem) => problem.variable).sort()).toEqual([
      "AUTH_PROVIDER",
      "KEYSMITH_DB_POOL_MAX",
      "KEYSMITH_USAGE_FLUSH_MS",
      "PORT",
      "REDIS_URL",
    ]);
    expect(problems.find((problem) => problem.variable === "KEYSMITH_DB_POOL_MAX")!.message).toBe('must be a whole number (got "ten")');
    expect(problems.find((problem) => problem.variable === "KEYSMITH_USAGE_FLUSH_MS")!.message).toBe('must be 10 or more (got "5")');
  });

  it('takes KEYSMITH_VERIFY_WORKERS as "auto" or 1 to 256 processes (docs/configuration.md), and names it otherwise', () => {
    expect(workerCount(config({}).KEYSMITH_VERIFY_WORKERS)).toBe(1);
    expect(workerCount(config({ KEYSMITH_VERIFY_WORKERS: "256" }).KEYSMITH_VERIFY_WORKERS)).toBe(256);
    expect(workerCount(config({ KEYSMITH_VERIFY_WORKERS: "auto" }).KEYSMITH_VERIFY_WORKERS)).toBe(os.availableParallelism());
    for (const value of ["0", "257", "-1", "2.5", "abc", "auto2"]) {
      const problems = problemsOf({ KEYSMITH_VERIFY_WORKERS: value });
      expect(problems, value).toEqual([
        { variable: "KEYSMITH_VERIFY_WORKERS", message: `must be "auto" or a whole number from 1 to 256 (got "${value}")` },
      ]);
    }
  });

  it("never echoes a secret's value", () => {
    const error = (() => {
      try {
        config({ KEYSMITH_PEPPER: "too-short-secret", DATABASE_URL: "mysql://user:hunter2@db/keys" });
      } catch (caught) {
        return caught as ConfigError;
      }
    })()!;
    expect(error.message).toContain("KEYSMITH_PEPPER must be at least 32 characters");
    expect(error.message).toContain("DATABASE_URL must be a postgres:// or postgresql:// URL");
    expect(error.message).not.toContain("too-short-secret");
    expect(error.message).not.toContain("hunter2");
  });

  it("reads a secret from NAME_FILE (Docker secrets), and names the variable when the file is missing", () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "keysmith-config-")), "pepper");
    writeFileSync(file, "a-pepper-of-more-than-thirty-two-characters\n");
    expect(config({ KEYSMITH_PEPPER_FILE: file }).KEYSMITH_PEPPER).toBe("a-pepper-of-more-than-thirty-two-characters");
    expect(problemsOf({ KEYSMITH_PEPPER_FILE: `${file}.missing` })[0]!.variable).toBe("KEYSMITH_PEPPER");
    // Only secrets: a setting is never read from a file.
    expect(config({ KEYSMITH_DB_POOL_MAX_FILE: file }).KEYSMITH_DB_POOL_MAX).toBe(10);
  });

  it("follows changes to process.env (tests and the start script set variables)", () => {
    const saved = process.env.KEYSMITH_JOBS_INTERVAL_MS;
    try {
      process.env.KEYSMITH_JOBS_INTERVAL_MS = "1234";
      expect(config().KEYSMITH_JOBS_INTERVAL_MS).toBe(1234);
      process.env.KEYSMITH_JOBS_INTERVAL_MS = "4321";
      expect(config().KEYSMITH_JOBS_INTERVAL_MS).toBe(4321);
    } finally {
      if (saved === undefined) delete process.env.KEYSMITH_JOBS_INTERVAL_MS;
      else process.env.KEYSMITH_JOBS_INTERVAL_MS = saved;
    }
  });
});

describe("configuration drift", () => {
  for (const [file, render] of Object.entries(GENERATED_FILES)) {
    it(`${file} is what lib/config/variables.ts generates (npm run config:docs)`, () => {
      expect(readFileSync(path.join(ROOT, file), "utf8")).toBe(render());
    });
  }

  // Next.js's own hand-offs, not settings: the runtime a module is compiled for, and the built
  // configuration a custom server passes to Next (lib/server/app-server.ts).
  const NOT_SETTINGS = ["process.env.NEXT_RUNTIME", "process.env.__NEXT_PRIVATE_STANDALONE_CONFIG"];

  function sourceFiles(dir: string): string[] {
    return readdirSync(dir).flatMap((entry) => {
      const full = path.join(dir, entry);
      if (entry === "generated" || entry === "node_modules") return [];
      if (statSync(full).isDirectory()) return sourceFiles(full);
      return /\.(ts|tsx|mjs)$/.test(entry) ? [full] : [];
    });
  }

  it("no product module reads the environment except lib/config", () => {
    const files = [
      ...["lib", "app", "components"].flatMap((dir) => sourceFiles(path.join(ROOT, dir))),
      ...["proxy.ts", "instrumentation.ts", "scripts/start.ts", "scripts/verify-server.ts", "scripts/migrate.ts"].map((file) =>
        path.join(ROOT, file),
      ),
    ].filter((file) => !file.startsWith(path.join(ROOT, "lib", "config") + path.sep));
    const readers: string[] = [];
    for (const file of files) {
      const text = NOT_SETTINGS.reduce((source, allowed) => source.replaceAll(allowed, ""), readFileSync(file, "utf8"));
      // Reads only: the start script sets variables for Next.js in the same process.
      const reads = text.match(/process\.env(?:\.[A-Za-z_]+|\[[^\]]+\])(?!\s*=[^=])/g) ?? [];
      if (reads.length > 0) readers.push(`${path.relative(ROOT, file)}: ${reads.join(", ")}`);
    }
    expect(readers).toEqual([]);
    expect(VARIABLE_NAMES.length).toBeGreaterThan(20);
  });
});
