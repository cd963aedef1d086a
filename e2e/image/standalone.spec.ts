import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { parse } from "yaml";
import { createTestDatabase, dropTestDatabase } from "../../tests/support/test-database";
import { PASSWORD, sessionCookie } from "../support/accounts";
import { runtimeStage } from "../support/dockerfile";
import { TEST_ENCRYPTION_KEY, TEST_PEPPER } from "../support/server-secrets";

// The container image without a container daemon: the runtime stage's contents (.next/standalone
// as `npm run build` completes it), copied outside the repository so nothing resolves from its
// node_modules, started with the Dockerfile's own ENV, WORKDIR and CMD, judged by its own
// HEALTHCHECK, given its secrets as files the way docker-compose.yml does, then a smoke flow:
// first account, a key, verified by the app and by the verify server (compose's command), a page
// and its static assets, Prometheus, and SIGTERM. Prints the figures docs/deployment.md quotes.

const root = process.cwd(); // Playwright runs from the repository root (playwright.config.ts)
const stage = runtimeStage(root);
const base = Number(process.env.E2E_PORT_BASE ?? 3100);
const PORTS = { app: base + 6, verify: base + 7 };
const METRICS_TOKEN = "image-test-metrics-token";

let dir: string;
let database: { name: string; url: string };
const started: ChildProcess[] = [];

test.beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "keysmith-image-"));
  const copy = stage.copies.find((entry) => entry.from === "build");
  expect(copy, "the runtime stage copies the build stage's standalone directory").toMatchObject({
    source: "/app/.next/standalone",
    target: "./",
  });
  cpSync(path.join(root, ".next", "standalone"), path.join(dir, "app"), { recursive: true, verbatimSymlinks: true });
  for (const name of ["data", "secrets"]) mkdirSync(path.join(dir, name));
  writeFileSync(path.join(dir, "secrets", "pepper"), TEST_PEPPER + "\n");
  writeFileSync(path.join(dir, "secrets", "encryption_key"), TEST_ENCRYPTION_KEY + "\n");
  database = await createTestDatabase("image");
});

test.afterAll(async () => {
  for (const child of started) child.kill("SIGKILL");
  if (database) await dropTestDatabase(database.name);
  rmSync(dir, { recursive: true, force: true });
});

/** The container's environment: the image's ENV, then compose's (secrets as files), nothing from this machine but PATH. */
function containerEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const compose = parse(readFileSync(path.join(root, "docker-compose.yml"), "utf8")) as {
    "x-keysmith": { environment: Record<string, string> };
  };
  const fromCompose = compose["x-keysmith"].environment;
  return {
    PATH: process.env.PATH,
    ...stage.env,
    KEYSMITH_DATA_DIR: path.join(dir, "data"), // the volume's mount point
    KEYSMITH_PEPPER_FILE: fromCompose.KEYSMITH_PEPPER_FILE!.replace("/run/secrets", path.join(dir, "secrets")),
    KEYSMITH_ENCRYPTION_KEY_FILE: fromCompose.KEYSMITH_ENCRYPTION_KEY_FILE!.replace("/run/secrets", path.join(dir, "secrets")),
    DATABASE_URL: database.url,
    REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
    KEYSMITH_METRICS_TOKEN: METRICS_TOKEN,
    ...extra,
  } as Record<string, string> as unknown as NodeJS.ProcessEnv; // NODE_ENV comes from the image's ENV
}

function run(command: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const [file, ...args] = command;
  const child = spawn(file === "node" ? process.execPath : file!, args, {
    cwd: path.join(dir, "app"),
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  child.on("exit", (code) => {
    if (code !== 0) console.log(`${command.join(" ")} exited ${code}:\n${output}`);
  });
  started.push(child);
  return child;
}

/** Runs the image's HEALTHCHECK command until it succeeds; returns the seconds that took. */
async function healthy(env: NodeJS.ProcessEnv, since: number): Promise<number> {
  await expect
    .poll(() => spawnSync(process.execPath, stage.healthcheck.slice(1), { env, timeout: 5_000 }).status, {
      timeout: 60_000,
      intervals: [100],
    })
    .toBe(0);
  return (performance.now() - since) / 1000;
}

const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;

test("the image's directory starts as the image does, serves the smoke flow and stops cleanly", async () => {
  test.setTimeout(180_000);
  expect(stage.user).toBe("node");
  expect(stage.env).toMatchObject({ NODE_ENV: "production", HOSTNAME: "0.0.0.0" });
  expect(stage.cmd).toEqual(["node", "dist/start.mjs"]);

  const appEnv = containerEnv({ PORT: String(PORTS.app) });
  const since = performance.now();
  const app = run(stage.cmd, appEnv);
  const startSeconds = await healthy(appEnv, since);
  const url = `http://127.0.0.1:${PORTS.app}`;

  const signUp = await fetch(`${url}/api/auth/sign-up`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "owner@image.example.test", password: PASSWORD }),
  });
  expect(signUp.status, await signUp.clone().text()).toBe(201);
  const cookie = sessionCookie(signUp.headers.get("set-cookie") ?? undefined);
  const created = await fetch(`${url}/api/tokens`, {
    method: "POST",
    headers: { cookie, "content-type": "application/json" },
    body: JSON.stringify({ name: "image smoke" }),
  });
  expect(created.status).toBe(201);
  const { rawKey } = (await created.json()) as { rawKey: string };
  const verifyAt = (at: string) =>
    fetch(`${at}/api/tokens/verify`, { method: "POST", headers: { "x-api-key": rawKey } }).then(
      (r) => r.json() as Promise<{ code: string }>,
    );
  expect((await verifyAt(url)).code).toBe("VALID");

  // The page and everything it links from /_next/static: the standalone copy must hold the assets.
  const page = await fetch(`${url}/keys`, { headers: { cookie } });
  expect(page.status).toBe(200);
  const assets = [...(await page.text()).matchAll(/\/_next\/static\/[^"'\s)\\]+?\.(?:js|css|woff2)/g)].map((match) => match[0]);
  expect(assets.length).toBeGreaterThan(0);
  for (const asset of new Set(assets)) expect((await fetch(`${url}${asset}`)).status, asset).toBe(200);

  // docker-compose.yml's verify service: the same image, its own command and port.
  const compose = parse(readFileSync(path.join(root, "docker-compose.yml"), "utf8")) as {
    services: { verify: { command: string[]; environment: Record<string, string> } };
  };
  const verifyEnv = containerEnv({ PORT: String(PORTS.verify) });
  const verifyStarted = performance.now();
  const verifier = run(compose.services.verify.command, verifyEnv);
  const verifyUrl = `http://127.0.0.1:${PORTS.verify}`;
  await expect
    .poll(
      () =>
        fetch(`${verifyUrl}/readyz`).then(
          (r) => r.status,
          () => 0,
        ),
      { timeout: 60_000, intervals: [100] },
    )
    .toBe(200);
  const verifyStartSeconds = (performance.now() - verifyStarted) / 1000;
  expect((await verifyAt(verifyUrl)).code).toBe("VALID");

  const scraped = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } }).then((r) => r.text());
  expect(scraped).toContain('keysmith_verifications_total{code="VALID"} 1');

  console.log(
    `image-equivalent start (spawn → HEALTHCHECK passes, migrations on an empty database included): ${startSeconds.toFixed(2)} s; ` +
      `verify server start (spawn → /readyz 200): ${verifyStartSeconds.toFixed(2)} s; ` +
      `RSS after the smoke flow: app ${rssMiB(app.pid!).toFixed(0)} MiB, verify server ${rssMiB(verifier.pid!).toFixed(0)} MiB`,
  );

  for (const child of [app, verifier]) {
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    expect(await exited).toEqual([0, null]);
  }
});
