import { decide, type GuardOptions } from "./decision.js";
import type { VerifyResult } from "../verify.js";

// Hono middleware. Structural types: the SDK does not depend on Hono.

interface Context {
  req: { header(name: string): string | undefined };
  set(key: "keysmith", value: VerifyResult): void;
  json(body: unknown, status?: number, headers?: Record<string, string>): Response;
}

/** `app.use("/packages/*", requireApiKey({ verifier, scopes: ["packages:read"] }))`; the verdict is `c.get("keysmith")`. */
export function requireApiKey(options: GuardOptions) {
  return async (c: Context, next: () => Promise<void>): Promise<Response | void> => {
    const decision = await decide((name) => c.req.header(name), options);
    if (!decision.allowed) return c.json(decision.body, decision.status, decision.headers);
    c.set("keysmith", decision.result);
    await next();
  };
}
