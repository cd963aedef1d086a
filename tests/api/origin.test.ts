import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { isForeignOriginWrite } from "@/lib/api/origin";

// The CSRF guard for cookie-authenticated writes (e2e/security/csrf.spec.ts covers it over HTTP).

const request = (method: string, headers: Record<string, string> = {}) =>
  new NextRequest("http://keysmith.example:3000/api/tokens", { method, headers: { host: "keysmith.example:3000", ...headers } });

afterEach(() => {
  delete process.env.KEYSMITH_PUBLIC_URL;
});

describe("isForeignOriginWrite", () => {
  it("never refuses reads, whatever they carry", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      expect(isForeignOriginWrite(request(method, { origin: "https://evil.example", "sec-fetch-site": "cross-site" })), method).toBe(false);
    }
  });

  it("refuses writes from another origin, a cross-site fetch, or an unreadable Origin", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(isForeignOriginWrite(request(method, { origin: "https://evil.example" })), method).toBe(true);
      expect(isForeignOriginWrite(request(method, { "sec-fetch-site": "cross-site" })), method).toBe(true);
      expect(isForeignOriginWrite(request(method, { origin: "null" })), method).toBe(true);
      expect(isForeignOriginWrite(request(method, { origin: "http://keysmith.example:3001" })), `${method} other port`).toBe(true);
    }
  });

  it("believes the browser's Sec-Fetch-Site: same-origin, even with Origin: null (a form post under no-referrer)", () => {
    expect(isForeignOriginWrite(request("POST", { origin: "null", "sec-fetch-site": "same-origin" }))).toBe(false);
    expect(isForeignOriginWrite(request("POST", { origin: "null", "sec-fetch-site": "same-site" }))).toBe(true);
    expect(isForeignOriginWrite(request("POST", { origin: "https://evil.example", "sec-fetch-site": "same-site" }))).toBe(true);
  });

  it("accepts same-origin writes and writes without Origin (curl, servers)", () => {
    expect(isForeignOriginWrite(request("POST", { origin: "http://keysmith.example:3000", "sec-fetch-site": "same-origin" }))).toBe(false);
    expect(isForeignOriginWrite(request("POST"))).toBe(false);
    expect(isForeignOriginWrite(request("DELETE", { "sec-fetch-site": "same-site", origin: "http://keysmith.example:3000" }))).toBe(false);
  });

  it("accepts the configured public origin when a proxy rewrites Host", () => {
    expect(isForeignOriginWrite(request("POST", { origin: "https://keys.company.example" }))).toBe(true);
    process.env.KEYSMITH_PUBLIC_URL = "https://keys.company.example";
    expect(isForeignOriginWrite(request("POST", { origin: "https://keys.company.example" }))).toBe(false);
    expect(isForeignOriginWrite(request("POST", { origin: "https://keys.company.example.evil" }))).toBe(true);
  });
});
