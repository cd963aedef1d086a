import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { ensureFirstAccount } from "../support/first-account";
import { allTextValues } from "../support/security-db";
import { documentedOperations, fetchDocument, seedSecurityOrg } from "../support/security-org";
import { securityServerLog } from "../support/security-server";
import type { SeededOrg } from "../support/seeded-org";

// A raw key is shown once — in the answer that creates it — and nowhere else: not in later
// answers, not in the database, not in the server's output, not in a URL.
test.describe.configure({ mode: "serial" });

const KEY_ANYWHERE = /ks_(live|test)_(sk|pk)_[0-9A-Za-z]{12}_[0-9A-Za-z]{49}/;
/** The public key id (after "ks_live_sk_"). */
const keyIdOf = (raw: string) => raw.slice(11, 23);
/** The secret part (after the key id): enough to be a leak even without the prefix. */
const secretOf = (raw: string) => raw.slice(24, 67);

let org: SeededOrg;
const rawKeys: string[] = [];

test.beforeAll(async ({ request }) => {
  await ensureFirstAccount(request);
  org = await seedSecurityOrg("Raw key");
});

test("keys created through the API, by rotation, as publishable keys, through an export with a minted key, and through the browser", async ({
  request,
  page,
  baseURL,
}) => {
  const created = await request.post("/api/tokens", {
    headers: { cookie: org.cookies.owner },
    data: { name: "leak check", role: "application" },
  });
  expect(created.status()).toBe(201);
  const { key, rawKey } = await created.json();
  rawKeys.push(rawKey);
  const rotated = await request.post(`/api/tokens/${key.id}/rotate`, { headers: { cookie: org.cookies.owner }, data: { grace: "1h" } });
  expect(rotated.status()).toBe(201);
  rawKeys.push((await rotated.json()).rawKey);
  const publishable = await request.get("/api/tokens/pk?name=leak%20check%20page", { headers: { authorization: `Bearer ${rawKey}` } });
  expect(publishable.status()).toBe(200);
  rawKeys.push((await publishable.json()).value);

  const imported = await request.post("/api/registries/import", {
    headers: { cookie: org.cookies.owner, "content-type": "application/yaml" },
    data: "registries:\n  - name: Leak Registry\n    url: https://leak-registry.example\n",
  });
  expect(imported.status()).toBe(200);
  const registry = (await (await request.get("/api/registries", { headers: { cookie: org.cookies.owner } })).json()).data.find(
    (entry: { name: string }) => entry.name === "Leak Registry",
  );
  const exported = await request.post("/api/registries/export", {
    headers: { cookie: org.cookies.owner },
    data: { mintKeyFor: registry.id },
  });
  expect(exported.status()).toBe(200);
  const minted = KEY_ANYWHERE.exec((await exported.json()).content)?.[0];
  expect(minted).toBeTruthy();
  rawKeys.push(minted!);

  const urls: string[] = [];
  page.on("request", (request) => urls.push(request.url()));
  page.on("framenavigated", (frame) => urls.push(frame.url()));
  await page.context().addCookies([{ name: "ks_session", value: org.tokens.owner, url: baseURL! }]);
  await page.goto("/keys");
  await page.getByRole("button", { name: "Create key" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name", { exact: false }).first().fill("browser leak check");
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.getByTestId("raw-key")).toBeVisible();
  const browserKey = KEY_ANYWHERE.exec(await dialog.getByTestId("raw-key").inputValue())?.[0];
  expect(browserKey).toBeTruthy();
  rawKeys.push(browserKey!);
  await page.reload();
  expect(await page.content()).not.toContain(secretOf(browserKey!));
  for (const url of urls) expect(url).not.toMatch(KEY_ANYWHERE);
  for (const url of urls) for (const key of rawKeys) expect(url).not.toContain(secretOf(key));
});

test("no later answer contains a raw key", async ({ request }) => {
  const gets = documentedOperations(await fetchDocument(request)).filter((operation) => operation.method === "GET");
  for (const operation of gets) {
    for (const role of ["owner", "member"] as const) {
      const response = await request.get(operation.url.replace("/resolve", "/resolve?package=x"), {
        headers: { cookie: org.cookies[role] },
      });
      const text = await response.text();
      expect(text, operation.path).not.toMatch(KEY_ANYWHERE);
      for (const key of rawKeys) expect(text, operation.path).not.toContain(secretOf(key));
    }
  }
  const plainExport = await request.post("/api/registries/export", { headers: { cookie: org.cookies.owner }, data: {} });
  expect(await plainExport.text()).not.toMatch(KEY_ANYWHERE);
});

test("no table holds a raw key or a key's secret (every text and JSON column, audit included)", async () => {
  const values = await allTextValues();
  expect(values.length).toBeGreaterThan(10);
  expect(values.filter((value) => KEY_ANYWHERE.test(value))).toEqual([]);
  for (const key of rawKeys) expect(values.filter((value) => value.includes(secretOf(key)))).toEqual([]);
  // The check is live: the keys' public parts are there.
  for (const key of rawKeys) expect(values.some((value) => value.includes(keyIdOf(key)))).toBe(true);
});

test("the server's output never contains a raw key", async () => {
  const output = readFileSync(securityServerLog(), "utf8");
  expect(output.length).toBeGreaterThan(0);
  expect(output).not.toMatch(KEY_ANYWHERE);
  for (const key of rawKeys) expect(output).not.toContain(secretOf(key));
});
