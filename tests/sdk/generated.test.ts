import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

describe("packages/sdk", () => {
  it("has generated files that match the current OpenAPI document (run npm run sdk:generate)", () => {
    // In its own process, as `npm run sdk:generate` writes them.
    expect(() =>
      execFileSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/sdk-generate.ts", "--check"], { cwd: root, stdio: "pipe" }),
    ).not.toThrow();
  }, 120_000);

  it("compiles as published (NodeNext, declarations)", () => {
    expect(() =>
      execFileSync(path.join(root, "node_modules/.bin/tsc"), ["-p", "packages/sdk/tsconfig.build.json", "--noEmit"], {
        cwd: root,
        stdio: "pipe",
      }),
    ).not.toThrow();
  }, 120_000);
});
