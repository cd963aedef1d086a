import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkKeyFormat } from "@/lib/keys/check";
import { generateKey } from "@/lib/keys/format";

// The scanner rules shipped in docs/secret-scanning.md, and the offline check, against real keys.

const root = path.resolve(import.meta.dirname, "../..");
const doc = readFileSync(path.join(root, "docs/secret-scanning.md"), "utf8");
const gitleaksRegex = () => {
  const block = /```toml\n([\s\S]*?)```/.exec(doc)![1]!;
  return new RegExp(/regex = '''(.*)'''/.exec(block)![1]!, "g");
};

describe("the gitleaks rule in docs/secret-scanning.md", () => {
  it("finds every kind of key inside text, and nothing shorter, longer or differently prefixed", () => {
    const keys = [generateKey("live", "sk"), generateKey("test", "pk"), generateKey("live", "pk")].map((key) => key.raw);
    const text = `API_KEY=${keys[0]}\n{"key":"${keys[1]}"} Authorization: Bearer ${keys[2]}`;
    expect([...text.matchAll(gitleaksRegex())].map((match) => match[1])).toEqual(keys);
    const near = [keys[0]!.slice(0, -1), `${keys[0]}x`, keys[0]!.replace("ks_live", "ks_prod"), keys[0]!.replace("_sk_", "_xk_")];
    for (const candidate of near) expect([...candidate.matchAll(gitleaksRegex())], candidate).toEqual([]);
  });
});

describe("the offline check", () => {
  it("accepts real keys and explains what is wrong with others", () => {
    const key = generateKey().raw;
    expect(checkKeyFormat(key)).toMatchObject({ ok: true, masked: `${key.slice(0, 15)}****` });
    const typo = `${key.slice(0, 30)}${key[30] === "a" ? "b" : "a"}${key.slice(31)}`;
    expect(checkKeyFormat(typo)).toMatchObject({ ok: false, reason: expect.stringContaining("checksum") });
    expect(checkKeyFormat(key.slice(0, -2))).toMatchObject({ ok: false, reason: expect.stringContaining("characters long") });
    expect(checkKeyFormat("sk_live_whatever")).toMatchObject({ ok: false, reason: expect.stringContaining('"ks_"') });
  });

  it("runs as npm run check-key: masked output, exit status 1 when a candidate fails", () => {
    const key = generateKey().raw;
    const run = (args: string[]) => {
      try {
        return {
          code: 0,
          out: execFileSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/check-key.ts", ...args], { cwd: root, encoding: "utf8" }),
        };
      } catch (error) {
        return { code: (error as { status: number }).status, out: (error as { stdout: string }).stdout };
      }
    };
    const good = run([key]);
    expect(good.code).toBe(0);
    expect(good.out).toContain("checksum matches");
    expect(good.out).not.toContain(key.slice(20));
    const changed = `${key.slice(0, -1)}${key.endsWith("0") ? "1" : "0"}`;
    expect(run([key, changed]).code).toBe(1);
  });
});
