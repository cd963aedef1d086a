import { describe, expect, it } from "vitest";
import { safeNextPath, signInPath } from "@/lib/auth/next-path";

// Where sign-in returns to comes from the URL (?next=), which anyone can craft: it must never
// send a user to another site, however the browser would read the path.

describe("the page to return to after sign-in", () => {
  it("keeps paths of this site, with their query and fragment", () => {
    expect(safeNextPath("/keys/0193?tab=usage#chart")).toBe("/keys/0193?tab=usage#chart");
    expect(safeNextPath("/audit?action=key.revoke")).toBe("/audit?action=key.revoke");
  });

  it("never leaves the site, whatever a browser's URL parser would make of the path", () => {
    const escapes = [
      "//evil.example/keys",
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r\n/evil.example",
      "\\\\evil.example",
      "https://evil.example/keys",
      "javascript:alert(1)",
      " /keys",
    ];
    for (const value of escapes) {
      const path = safeNextPath(value);
      expect(new URL(path, "https://keys.example").origin, JSON.stringify(value)).toBe("https://keys.example");
      expect(path, JSON.stringify(value)).toBe("/keys");
    }
  });

  it("does not loop back to the sign-in pages or into the API", () => {
    for (const value of ["/sign-in?next=/keys", "/sign-up", "/api/tokens", "/%09/api/x"]) {
      expect(safeNextPath(value), value).not.toMatch(/^\/(sign-in|sign-up|api\/)/);
    }
    expect(safeNextPath(undefined)).toBe("/keys");
    expect(safeNextPath("/" + "a".repeat(2001))).toBe("/keys");
  });

  it("asks sign-in to come back only to a safe path", () => {
    expect(signInPath("/usage?days=30")).toBe(`/sign-in?next=${encodeURIComponent("/usage?days=30")}`);
    expect(signInPath("/\t/evil.example")).toBe("/sign-in");
  });
});
