import { expect, test } from "@playwright/test";
import { ensureFirstAccount } from "../support/first-account";
import { expectSecurityHeaders } from "../support/security-headers";
import { documentedOperations, fetchDocument, seedSecurityOrg } from "../support/security-org";

// Every page and every documented GET answers with the security headers — signed in or not,
// success or error.

const PAGES = ["/sign-in", "/sign-up", "/keys", "/registries", "/members", "/docs", "/no-such-page"];

test("pages carry the security headers, signed in and not", async ({ request }) => {
  await ensureFirstAccount(request);
  const org = await seedSecurityOrg("Headers");
  for (const path of PAGES) {
    for (const headers of [{}, { cookie: org.cookies.member }] as Record<string, string>[]) {
      const response = await request.get(path, { headers, maxRedirects: 0 });
      expectSecurityHeaders(response.headers(), `${path} (${response.status()})`);
    }
  }
});

test("every documented GET carries them too, anonymous and signed in", async ({ request }) => {
  const org = await seedSecurityOrg("Headers API");
  const gets = documentedOperations(await fetchDocument(request)).filter((operation) => operation.method === "GET");
  for (const operation of gets) {
    for (const headers of [{}, { cookie: org.cookies.member }] as Record<string, string>[]) {
      const response = await request.get(operation.url.replace("/resolve", "/resolve?package=x"), { headers, maxRedirects: 0 });
      expectSecurityHeaders(response.headers(), `${operation.path} (${response.status()})`);
    }
  }
});

test("API error answers are JSON with no-store, and never sniffable HTML", async ({ request }) => {
  const response = await request.post("/api/tokens", {
    headers: { "content-type": "application/json" },
    data: "<script>alert(1)</script>",
  });
  expect(response.status()).toBe(401);
  expect(response.headers()["content-type"]).toMatch(/^application\/json/);
  expect(response.headers()["cache-control"]).toBe("no-store");
});

test("Chromium refuses to show a page inside another site's frame", async ({ page, baseURL }) => {
  // setContent waits for the load event, which waits for the frame (loaded or blocked).
  await page.setContent(`<iframe src="${baseURL}/sign-in"></iframe>`);
  const child = page.frames().find((frame) => frame !== page.mainFrame());
  expect(child).toBeTruthy();
  expect(await child!.locator("form").count()).toBe(0);
});

test("pages run scripts by a per-request nonce only; an injected inline script does not run", async ({ page, request }) => {
  const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)?.[1];
  const first = await request.get("/sign-in");
  const second = await request.get("/sign-in");
  const nonce = nonceOf(first.headers()["content-security-policy"] ?? "");
  expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  expect(nonceOf(second.headers()["content-security-policy"] ?? "")).not.toBe(nonce);
  const html = await first.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto("/sign-in");
  await expect(page.locator("form[data-hydrated]")).toBeVisible(); // React ran: the page's own scripts are allowed
  expect(violations).toEqual([]);
  // Markup injected into the page (what an XSS would do) cannot run its inline handler.
  const ran = await page.evaluate(
    () =>
      new Promise<boolean>((resolve) => {
        const holder = document.createElement("div");
        holder.innerHTML = '<img src="/no-such-image.png" onerror="window.__injected = true">';
        const image = holder.querySelector("img")!;
        image.addEventListener("error", () =>
          setTimeout(() => resolve((window as unknown as { __injected?: boolean }).__injected === true)),
        );
        document.body.append(holder);
      }),
  );
  expect(ran).toBe(false);
});
