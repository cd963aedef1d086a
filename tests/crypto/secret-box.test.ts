import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { keyringFrom } from "@/lib/crypto/keyring";
import { maskSecret } from "@/lib/crypto/mask";
import { openSecret, sealSecret, SecretUnavailableError } from "@/lib/crypto/secret-box";

const KEY_1 = Buffer.alloc(32, 1).toString("base64");
const KEY_2 = Buffer.alloc(32, 2).toString("base64");

describe("sealSecret / openSecret (AES-256-GCM)", () => {
  const keyring = keyringFrom(KEY_1);

  it("round-trips, with a fresh 12-byte IV and a 16-byte tag each time", () => {
    const first = sealSecret("prmd_upstream_secret", "row-1", keyring);
    const second = sealSecret("prmd_upstream_secret", "row-1", keyring);
    expect(first.iv).toHaveLength(12);
    expect(first.tag).toHaveLength(16);
    expect(first.keyVersion).toBe(1);
    expect(Buffer.from(first.iv).equals(Buffer.from(second.iv))).toBe(false);
    expect(Buffer.from(first.ciphertext).toString("utf8")).not.toContain("upstream");
    expect(openSecret(first, "row-1", keyring)).toBe("prmd_upstream_secret");
  });

  it("refuses another row's associated data, altered bytes and a wrong key", () => {
    const sealed = sealSecret("secret", "row-1", keyring);
    expect(() => openSecret(sealed, "row-2", keyring)).toThrow(SecretUnavailableError);
    const flipped = new Uint8Array(sealed.ciphertext);
    flipped[0] = flipped[0]! ^ 1;
    expect(() => openSecret({ ...sealed, ciphertext: flipped }, "row-1", keyring)).toThrow(SecretUnavailableError);
    expect(() => openSecret(sealed, "row-1", keyringFrom(KEY_2))).toThrow(/does not decrypt/);
  });

  it("seals with the current version and still opens rows sealed with a previous key", () => {
    const old = sealSecret("old secret", "row", keyringFrom(KEY_1));
    const rotated = keyringFrom(`2:${KEY_2}`, `1:${KEY_1}`);
    expect(openSecret(old, "row", rotated)).toBe("old secret");
    expect(sealSecret("new", "row", rotated).keyVersion).toBe(2);
    expect(() => openSecret(old, "row", keyringFrom(`2:${KEY_2}`))).toThrow(/version 1 is not configured/);
  });

  it("rejects keys that are not 32 bytes of base64", () => {
    expect(() => keyringFrom("too-short")).toThrow(/32 random bytes/);
    expect(() => keyringFrom(Buffer.alloc(31).toString("base64"))).toThrow(/32 random bytes/);
    expect(() => keyringFrom(`0:${KEY_1}`)).toThrow(/version of 1 or more/);
    expect(() => keyringFrom(`1:${KEY_1}`, `1:${KEY_2}`)).toThrow(/repeats version 1/);
    expect(keyringFrom(Buffer.alloc(32, 9).toString("base64url")).current.key).toHaveLength(32);
  });
});

describe("getKeyring", () => {
  const saved = { ...process.env };
  const dirs: string[] = [];
  afterEach(() => {
    process.env = { ...saved };
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    vi.resetModules();
  });

  it("generates a development key into the data directory once, readable only by its owner", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "keysmith-keyring-"));
    dirs.push(dir);
    delete process.env.KEYSMITH_ENCRYPTION_KEY;
    process.env.KEYSMITH_DATA_DIR = dir;
    vi.resetModules();
    const { getKeyring } = await import("@/lib/crypto/keyring");
    const keyring = getKeyring();
    const file = path.join(dir, "encryption-key");
    expect(Buffer.from(readFileSync(file, "utf8").trim(), "base64").equals(keyring.current.key)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    vi.resetModules();
    const again = await import("@/lib/crypto/keyring");
    expect(again.getKeyring().current.key.equals(keyring.current.key)).toBe(true);
  });

  it("requires KEYSMITH_ENCRYPTION_KEY in production", async () => {
    delete process.env.KEYSMITH_ENCRYPTION_KEY;
    (process.env as Record<string, string>).NODE_ENV = "production";
    vi.resetModules();
    const { getKeyring } = await import("@/lib/crypto/keyring");
    expect(() => getKeyring()).toThrow(/KEYSMITH_ENCRYPTION_KEY is required when NODE_ENV=production/);
  });
});

describe("maskSecret", () => {
  it("keeps a type prefix and the last characters, never enough to use", () => {
    expect(maskSecret("prmd_0123456789abcdefwxyz")).toBe("prmd_****wxyz");
    expect(maskSecret("npm_AbCdEfGhIjKlMnOpQrStUv")).toBe("npm_****StUv");
    expect(maskSecret("0123456789abcdefghij")).toBe("****ghij");
    expect(maskSecret("prmd_12345678")).toBe("prmd_****78");
    expect(maskSecret("short")).toBe("****");
  });
});
