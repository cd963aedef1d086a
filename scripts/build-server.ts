// The second half of `npm run build` (after `next build`): compiles Keysmith's start script and
// verify server to plain JavaScript in dist/ (`npm start` = `node dist/start.mjs`, no tsx at run
// time), then completes .next/standalone into a directory that runs on its own — the container
// image copies exactly that directory:
//   .next/standalone/server.js-less layout: dist/, .next/ (server build and static files), public/,
//   prisma/migrations/, and node_modules/ holding only the files the two entry points load.
import { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { nodeFileTrace } from "@vercel/nft";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");
// Loaded by a path the tracer cannot follow (lib/db/schema-engine.ts reads it beside its glue file).
const UNTRACEABLE_FILES = ["node_modules/@prisma/schema-engine-wasm/schema_engine_bg.wasm"];
// embedded-worker: the embedded database's thread, loaded by lib/db/embedded.ts beside the file that
// starts it (dist/start.mjs → dist/embedded-worker.mjs).
export const ENTRY_POINTS = {
  start: "scripts/start.ts",
  "verify-server": "scripts/verify-server.ts",
  "embedded-worker": "lib/db/embedded-worker.mjs",
} as const;

async function compile(): Promise<string[]> {
  rmSync(path.join(root, "dist"), { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: ENTRY_POINTS,
    outdir: "dist",
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20.19",
    // Packages load from node_modules as they are (native, WebAssembly and Next.js's own files);
    // the project's TypeScript (lib/, the generated Prisma client) is compiled in.
    packages: "external",
    tsconfig: "tsconfig.json",
    sourcemap: "linked",
    logLevel: "warning",
  });
  return Object.keys(ENTRY_POINTS).map((name) => path.join(root, "dist", `${name}.mjs`));
}

function copyInto(standalone: string, relative: string): void {
  const from = path.join(root, relative);
  if (existsSync(from)) cpSync(from, path.join(standalone, relative), { recursive: true });
}

async function completeStandalone(entries: string[]): Promise<void> {
  const standalone = path.join(root, ".next", "standalone");
  if (!existsSync(standalone)) throw new Error('.next/standalone is missing: next.config.ts must keep output: "standalone".');
  // Next's own server.js is not used: dist/start.mjs serves the app (lib/server/app-server.ts).
  rmSync(path.join(standalone, "server.js"), { force: true });
  for (const relative of ["dist", "public", path.join(".next", "static"), path.join("prisma", "migrations")])
    copyInto(standalone, relative);
  // Next.js's server files are already there (traced by `next build`); following `next` again would
  // add its development server and bundler (~120 MB). The verify server does not load Next at all.
  const { fileList } = await nodeFileTrace(entries, { base: root, processCwd: root, ignore: ["node_modules/next/**"] });
  for (const file of [...fileList, ...UNTRACEABLE_FILES.map((name) => path.normalize(name))]) {
    if (!file.startsWith(`node_modules${path.sep}`)) continue;
    const target = path.join(standalone, file);
    if (existsSync(target)) continue;
    mkdirSync(path.dirname(target), { recursive: true });
    cpSync(path.join(root, file), target, { dereference: true });
  }
}

async function main() {
  const entries = await compile();
  if (process.argv.includes("--no-standalone")) return;
  await completeStandalone(entries);
  console.log(
    `Compiled ${Object.keys(ENTRY_POINTS)
      .map((name) => `dist/${name}.mjs`)
      .join(", ")}; .next/standalone is complete.`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
