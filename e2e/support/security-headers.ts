import { expect } from "@playwright/test";

/** The headers every Keysmith answer carries (lib/http/security-headers.ts), with a local-mode CSP. */
export function expectSecurityHeaders(headers: Record<string, string>, what: string) {
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["referrer-policy"], what).toBe("no-referrer");
  expect(headers["strict-transport-security"], what).toMatch(/max-age=\d+/);
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("default-src 'self'");
  expect(csp, what).toContain("object-src 'none'");
  expect(csp, what).toContain("base-uri 'self'");
  expect(csp, what).not.toContain("unsafe-eval");
  // Scripts never run inline without the page's nonce.
  const scripts = /script-src ([^;]*)/.exec(csp)?.[1] ?? "";
  expect(scripts, what).not.toContain("unsafe-inline");
}
