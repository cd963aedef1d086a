// npm run check-key -- <key>…   (or keys one per line on stdin)
// Offline: says whether each candidate is shaped like a Keysmith key with a matching checksum
// (lib/keys/check.ts). Prints only the masked key. Exit 0 when every candidate passes, 1 otherwise.
import { checkKeyFormat } from "../lib/keys/check";

async function candidates(): Promise<string[]> {
  const args = process.argv.slice(2);
  if (args.length > 0) return args;
  if (process.stdin.isTTY) {
    console.error("usage: npm run check-key -- <key>…  (or pipe keys, one per line)");
    process.exit(2);
  }
  let text = "";
  for await (const chunk of process.stdin) text += chunk;
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

async function main() {
  let failed = 0;
  for (const candidate of await candidates()) {
    const check = checkKeyFormat(candidate);
    if (check.ok)
      console.log(`${check.masked}: a Keysmith key (${check.environment}, ${check.type}, key id ${check.keyId}); checksum matches`);
    else {
      failed += 1;
      console.log(`${candidate.slice(0, 15)}…: not a Keysmith key: it ${check.reason}`);
    }
  }
  process.exit(failed === 0 ? 0 : 1);
}

void main();
