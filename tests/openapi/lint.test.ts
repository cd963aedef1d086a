import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/openapi/document";

// The generated document checked by tools nobody on the project wrote: Spectral (oas ruleset),
// Redocly (recommended) and openapi-typescript, whose output a small client program must compile against.

const root = path.resolve(import.meta.dirname, "../..");
const bin = (name: string) => path.join(root, "node_modules/.bin", name);
const run = (command: string, args: string[]) => {
  try {
    return execFileSync(bin(command), args, {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NO_COLOR: "1" },
    });
  } catch (error) {
    // The linters exit non-zero when they find errors; their report is still on stdout.
    const failed = error as { stdout?: string; stderr?: string };
    if (failed.stdout) return failed.stdout;
    throw new Error(`${command} failed: ${failed.stderr ?? String(error)}`);
  }
};

let dir: string;
let documentPath: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "keysmith-openapi-"));
  documentPath = path.join(dir, "openapi.json");
  writeFileSync(documentPath, JSON.stringify(openApiDocument(), null, 2));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the OpenAPI document under third-party tools", { timeout: 180_000 }, () => {
  it("has no Spectral errors (oas ruleset)", () => {
    const results = JSON.parse(
      run("spectral", ["lint", documentPath, "--ruleset", path.join(root, ".spectral.yaml"), "--format", "json", "--quiet"]),
    ) as { code: string; severity: number; path: string[] }[];
    const errors = results.filter((result) => result.severity === 0);
    expect(errors.map((error) => `${error.code} at ${error.path.join(".")}`)).toEqual([]);
  });

  it("has no Redocly errors (recommended ruleset)", () => {
    const report = JSON.parse(run("redocly", ["lint", documentPath, "--extends", "recommended", "--format", "json"])) as {
      totals: { errors: number };
      problems: { ruleId: string; severity: string; message: string }[];
    };
    expect(
      report.problems.filter((problem) => problem.severity === "error").map((problem) => `${problem.ruleId}: ${problem.message}`),
    ).toEqual([]);
    expect(report.totals.errors).toBe(0);
  });

  it("generates an openapi-typescript client that a program using it compiles against", () => {
    const program = path.join(root, "tests/openapi/client-program");
    copyFileSync(path.join(program, "program.ts"), path.join(dir, "program.ts"));
    copyFileSync(path.join(program, "tsconfig.json"), path.join(dir, "tsconfig.json"));
    run("openapi-typescript", [documentPath, "--output", path.join(dir, "keysmith-api.ts")]);
    expect(() => execFileSync(bin("tsc"), ["-p", dir], { encoding: "utf8", stdio: "pipe" })).not.toThrow();
  });
});
