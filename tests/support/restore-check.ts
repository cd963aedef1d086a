// Run in a fresh process against a restored database (tests/backups): verifies raw keys the way
// the server does (key id lookup, then Argon2id of the peppered secret) and opens a registry's
// upstream key, with whatever KEYSMITH_PEPPER and KEYSMITH_ENCRYPTION_KEY the environment has.
// Prints one JSON line: { keys: boolean[], upstreamKey: string | { error } }.
import { closeDb, db } from "@/lib/db/client";
import { parseRawKey } from "@/lib/keys/format";
import { verifySecret } from "@/lib/keys/hash";
import { openApiKey } from "@/lib/registries/api-key";

async function main() {
  const { rawKeys, registryId } = JSON.parse(process.argv[2]!) as { rawKeys: string[]; registryId: string };
  const keys: boolean[] = [];
  for (const raw of rawKeys) {
    const parsed = parseRawKey(raw);
    const row = parsed && (await db().apiKey.findUnique({ where: { keyId: parsed.keyId } }));
    keys.push(Boolean(parsed && row && (await verifySecret(row.hash, parsed.secret))));
  }
  const registry = await db().registry.findUniqueOrThrow({ where: { id: registryId } });
  let upstreamKey: string | null | { error: string };
  try {
    upstreamKey = openApiKey(registry);
  } catch (error) {
    upstreamKey = { error: error instanceof Error ? error.message : String(error) };
  }
  console.log(JSON.stringify({ keys, upstreamKey }));
  await closeDb();
}

void main();
