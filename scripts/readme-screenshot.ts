// Takes README's screenshot (docs/images/dashboard.png) from a running Keysmith on an empty
// database: KEYSMITH_URL=http://localhost:3000 npx tsx scripts/readme-screenshot.ts
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const base = process.env.KEYSMITH_URL ?? "http://localhost:3000";
const KEYS = [
  { name: "Billing service", scopes: ["packages:read"], expiresInDays: 90 },
  { name: "CI publish (main)", scopes: ["packages:read", "packages:publish"], expiresInDays: 30 },
  { name: "Analytics export", scopes: ["packages:read"] },
  { name: "Staging smoke tests", scopes: ["packages:*"], expiresInDays: 7 },
];

async function main() {
  const signUp = await fetch(`${base}/api/auth/sign-up`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "ada@example.com", password: "a long enough demo password" }),
  });
  if (signUp.status !== 201) throw new Error(`sign-up answered ${signUp.status}: ${await signUp.text()}`);
  const session = /ks_session=([^;]+)/.exec(signUp.headers.get("set-cookie") ?? "")![1]!;
  for (const key of KEYS) {
    const created = await fetch(`${base}/api/tokens`, {
      method: "POST",
      headers: { cookie: `ks_session=${session}`, "content-type": "application/json" },
      body: JSON.stringify(key),
    });
    const { rawKey } = (await created.json()) as { rawKey: string };
    for (let i = 0; i < 3; i++) await fetch(`${base}/api/tokens/verify`, { method: "POST", headers: { "x-api-key": rawKey } });
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/lib/chromium/chromium" });
  const context = await browser.newContext({ viewport: { width: 1280, height: 640 } });
  await context.addCookies([{ name: "ks_session", value: session, url: base }]);
  const page = await context.newPage();
  await page.goto(`${base}/keys`);
  await page.getByText("Billing service").first().waitFor();
  const file = path.resolve(import.meta.dirname, "..", "docs", "images", "dashboard.png");
  mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file });
  await browser.close();
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
