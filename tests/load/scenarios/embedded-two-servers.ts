import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { percentile } from "../../../bench/table";
import { spawnEmbeddedApp, startEmbeddedApp } from "../cluster/embedded-app";
import type { NextServer } from "../cluster/next-server";
import { freePort } from "../cluster/ports";
import { createKeyOverHttp, signUpOwner } from "../support/http-api";
import type { ScenarioResult } from "../summary";

const KEYS_BEFORE = 40;
const BURST = 50;

async function listedKeyIds(server: NextServer, cookie: string): Promise<Set<string>> {
  const ids = new Set<string>();
  for (let page = 1; ; page++) {
    const response = await fetch(`${server.url}/api/tokens?pageSize=100&page=${page}`, { headers: { cookie } });
    const body = (await response.json()) as { data: { id: string }[]; total: number };
    for (const key of body.data) ids.add(key.id);
    if (body.data.length === 0 || ids.size >= body.total) return ids;
  }
}

/**
 * Two `npm start` on one embedded data directory once each kept their own copy and the last to
 * stop overwrote the other's keys. The second must refuse to start, naming the first; the first's
 * keys — 40 created one by one and a burst of 50 concurrent creates (never a 500) — must all be
 * there when the second starts after the first has stopped.
 */
export async function embeddedTwoServers(portRange: [number, number]): Promise<ScenarioResult> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "keysmith-load-embedded-"));
  const violations: string[] = [];
  const notes: string[] = [];
  let first: NextServer | undefined;
  let again: NextServer | undefined;
  let requests = 0;
  let unavailable = 0;
  try {
    const portA = await freePort(...portRange);
    const portB = await freePort(...portRange, new Set([portA]));
    first = await startEmbeddedApp("embedded A", portA, dataDir);
    const cookie = await signUpOwner(first.url);

    const second = spawnEmbeddedApp("embedded B", portB, dataDir);
    await second.exited();
    const holder = first.process.child.pid;
    const refusal = second.output();
    if (second.child.exitCode !== 1) violations.push(`the second server on the same directory exited with ${second.child.exitCode}, not 1`);
    if (!refusal.includes(`in use by process ${holder}`))
      violations.push(`the refusal does not name the holder (pid ${holder}): ${refusal.slice(-300)}`);
    if (!refusal.includes("DATABASE_URL")) violations.push("the refusal does not say how to share (DATABASE_URL)");
    notes.push(
      `second server: exit ${second.child.exitCode}, "${refusal.split("\n").find((line) => line.includes("in use by process")) ?? refusal.slice(-200)}"`,
    );

    const created: string[] = [];
    for (let i = 0; i < KEYS_BEFORE; i++) {
      const answer = await createKeyOverHttp(first.url, cookie, `before ${i}`);
      requests++;
      if (answer.status === 201 && answer.id) created.push(answer.id);
      else violations.push(`create ${i} answered ${answer.status}`);
    }
    const burst = await Promise.all(
      Array.from({ length: BURST }, async (_, i) => {
        const sent = performance.now();
        const answer = await createKeyOverHttp(first!.url, cookie, `burst ${i}`).catch(() => ({ status: 0, id: undefined }));
        return { ...answer, ms: performance.now() - sent };
      }),
    );
    requests += BURST;
    const statuses = new Map<number, number>();
    for (const answer of burst) {
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      if (answer.status === 201 && answer.id) created.push(answer.id);
      if (answer.status >= 500 && answer.status !== 503) unavailable++;
    }
    if (unavailable > 0) violations.push(`${unavailable} creates of the burst answered 5xx other than 503`);
    const latencies = burst.map((b) => b.ms);
    notes.push(
      `${BURST} concurrent creates on the embedded database: ${[...statuses].map(([s, n]) => `${s}×${n}`).join(" ")}; p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms`,
    );

    await first.process.stop();
    first = undefined;
    again = await startEmbeddedApp("embedded B (after A stopped)", portB, dataDir);
    const listed = await listedKeyIds(again, cookie);
    const lost = created.filter((id) => !listed.has(id));
    if (lost.length > 0) violations.push(`${lost.length} of ${created.length} acknowledged keys missing after the restart`);
    notes.push(
      `after A stopped, B on the same directory lists ${created.length - lost.length} of the ${created.length} keys A acknowledged`,
    );
    return { scenario: "8. two servers, one embedded directory", requests, wrong: lost.length, unavailable, notes, violations };
  } finally {
    await first?.process.stop();
    await again?.process.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
