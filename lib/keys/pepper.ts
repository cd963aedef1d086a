import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { config } from "@/lib/config";

// The pepper is a server-side secret mixed into every key hash, so a stolen database alone
// cannot be used to test key guesses. Production must supply it; elsewhere one is generated
// once into .data/ so a newcomer's keys survive restarts.

const MIN_PEPPER_LENGTH = 32;
let cached: string | undefined;

export function dataDir(): string {
  return config().KEYSMITH_DATA_DIR || path.join(process.cwd(), ".data");
}

function readOrCreateDevPepper(): string {
  const file = path.join(dataDir(), "pepper");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(dataDir(), { recursive: true });
    const pepper = randomBytes(32).toString("base64url");
    // "wx" fails if another process wrote it first; then read theirs.
    try {
      writeFileSync(file, pepper + "\n", { mode: 0o600, flag: "wx" });
      return pepper;
    } catch {
      return readFileSync(file, "utf8").trim();
    }
  }
}

export function getPepper(): string {
  if (cached) return cached;
  const settings = config();
  let pepper: string;
  if (settings.KEYSMITH_PEPPER) {
    pepper = settings.KEYSMITH_PEPPER;
  } else if (settings.NODE_ENV === "production") {
    throw new Error("KEYSMITH_PEPPER is required when NODE_ENV=production (at least 32 characters, e.g. `openssl rand -base64 32`).");
  } else {
    pepper = readOrCreateDevPepper();
  }
  if (pepper.length < MIN_PEPPER_LENGTH) {
    throw new Error(`KEYSMITH_PEPPER must be at least ${MIN_PEPPER_LENGTH} characters long.`);
  }
  cached = pepper;
  return pepper;
}
