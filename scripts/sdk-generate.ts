// npm run sdk:generate — rewrites packages/sdk/src/generated from the OpenAPI document.
// With --check it writes nothing and exits 1 when a generated file is stale (tests/sdk).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sdkGeneratedFiles } from "./sdk-generated";

async function main() {
  const root = path.resolve(import.meta.dirname, "..");
  const check = process.argv.includes("--check");
  const stale: string[] = [];
  for (const [file, content] of Object.entries(await sdkGeneratedFiles())) {
    const target = path.join(root, file);
    if (check) {
      if (readFileSync(target, "utf8") !== content) stale.push(file);
      continue;
    }
    writeFileSync(target, content);
    console.log(`Wrote ${file}`);
  }
  if (stale.length > 0) {
    console.error(`Stale (run npm run sdk:generate): ${stale.join(", ")}`);
    process.exit(1);
  }
}

void main();
