// Writes the generated OpenAPI document to a file (default openapi.json), for the linters and
// openapi-typescript: `tsx scripts/openapi-write.ts [path]`.
import { writeFileSync } from "node:fs";
import { openApiDocument } from "@/lib/openapi/document";

const target = process.argv[2] ?? "openapi.json";
writeFileSync(target, `${JSON.stringify(openApiDocument(), null, 2)}\n`);
console.log(`Wrote ${target}`);
