import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { cleanEnv, freePort, ROOT, startProcess, waitFor, type Started } from "./processes";

// A real Verdaccio 6.8 on loopback with packages/verdaccio-auth, and the real npm CLI against it.

export async function startVerdaccio(keysmithUrl: string): Promise<Started & { url: string; dir: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), "keysmith-verdaccio-"));
  mkdirSync(path.join(dir, "plugins"));
  symlinkSync(path.join(ROOT, "packages/verdaccio-auth"), path.join(dir, "plugins/verdaccio-keysmith"));
  const config = [
    `storage: ${JSON.stringify(path.join(dir, "storage"))}`,
    `plugins: ${JSON.stringify(path.join(dir, "plugins"))}`,
    "auth:",
    "  keysmith:",
    `    url: ${JSON.stringify(keysmithUrl)}`,
    "uplinks: {}",
    "packages:",
    "  '**':",
    "    access: $authenticated",
    "    publish: $authenticated",
    "log: { type: stdout, format: pretty, level: warn }",
  ].join("\n");
  writeFileSync(path.join(dir, "config.yaml"), config);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const started = await startProcess(
    process.execPath,
    [path.join(ROOT, "node_modules/verdaccio/bin/verdaccio"), "--config", path.join(dir, "config.yaml"), "--listen", `127.0.0.1:${port}`],
    {
      cwd: dir,
      env: cleanEnv(),
      ready: /http address/i,
    },
  );
  await waitFor(async () => ((await fetch(`${url}-/ping`).catch(() => null))?.ok ? true : undefined), "Verdaccio's /-/ping");
  return { ...started, url, dir };
}

export interface NpmResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the npm CLI with its own user config (registry + `_authToken`) and a fresh cache, so every run asks the registry. */
export function npm(args: string[], options: { cwd: string; registry: string; token: string }): Promise<NpmResult> {
  const home = mkdtempSync(path.join(tmpdir(), "keysmith-npm-"));
  const host = options.registry.replace(/^https?:/, "");
  writeFileSync(path.join(home, ".npmrc"), `registry=${options.registry}\n${host}:_authToken=${options.token}\n`);
  const env = cleanEnv({
    HOME: home,
    npm_config_userconfig: path.join(home, ".npmrc"),
    npm_config_cache: path.join(home, "cache"),
    npm_config_update_notifier: "false",
    npm_config_audit: "false",
    npm_config_fund: "false",
  });
  return new Promise((resolve) => {
    execFile("npm", args, { cwd: options.cwd, env, encoding: "utf8" }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** A package directory ready for `npm publish`. */
export function packageDir(name: string, version = "1.0.0"): string {
  const dir = mkdtempSync(path.join(tmpdir(), "keysmith-pkg-"));
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, version, main: "index.js", license: "MIT" }));
  writeFileSync(path.join(dir, "index.js"), "module.exports = 42;\n");
  return dir;
}
