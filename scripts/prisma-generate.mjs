// Runs `prisma generate` without network access (npm "postinstall").
// The Prisma CLI downloads a native schema engine at start-up unless
// PRISMA_SCHEMA_ENGINE_BINARY names an existing file; generation itself never uses it.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
// The package exports no path to its CLI; find it through package.json's "bin".
const prismaPackageJson = createRequire(import.meta.url).resolve("prisma/package.json");
const prismaCli = join(dirname(prismaPackageJson), "build/index.js");

const result = spawnSync(process.execPath, [prismaCli, "generate"], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY:
      process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? fileURLToPath(new URL("./no-schema-engine.sh", import.meta.url)),
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});

if (result.error) {
  console.error(`prisma generate could not start: ${result.error.message}`);
  process.exit(1);
}
if (result.status !== 0) {
  console.error(`prisma generate failed (exit ${result.status ?? result.signal}).`);
  process.exit(result.status || 1);
}
