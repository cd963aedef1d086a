// npm run config:docs — writes .env.example and docs/configuration.md from lib/config/variables.ts.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { GENERATED_FILES } from "../lib/config/docs";

const root = path.resolve(import.meta.dirname, "..");
for (const [file, render] of Object.entries(GENERATED_FILES)) {
  writeFileSync(path.join(root, file), render());
  console.log(`wrote ${file}`);
}
