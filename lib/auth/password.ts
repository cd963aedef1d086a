import { hash, verify } from "@node-rs/argon2";

// User passwords: Argon2id at OWASP's minimum cost (19 MiB, 2 passes, 1 lane).
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, algorithm: 2 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

// Compared against when an email is unknown, so a sign-in takes as long either way.
let decoyHash: Promise<string> | undefined;

export async function verifyPassword(phc: string | null | undefined, password: string): Promise<boolean> {
  const target = phc ?? (await (decoyHash ??= hashPassword("keysmith-decoy-password")));
  try {
    const ok = await verify(target, password);
    return ok && phc != null;
  } catch {
    return false;
  }
}
