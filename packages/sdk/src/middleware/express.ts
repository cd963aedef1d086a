import { decide, type GuardOptions } from "./decision.js";
import type { VerifyResult } from "../verify.js";

// Express (4 and 5) middleware. Structural types: the SDK does not depend on Express.

interface Req {
  get(name: string): string | undefined;
  keysmith?: VerifyResult;
}
interface Res {
  status(code: number): Res;
  set(headers: Record<string, string>): Res;
  json(body: unknown): unknown;
}

/** `app.get("/packages", requireApiKey({ verifier, scopes: ["packages:read"] }), handler)`; the verdict is `req.keysmith`. */
export function requireApiKey(options: GuardOptions) {
  return (req: Req, res: Res, next: (error?: unknown) => void): void => {
    decide((name) => req.get(name), options).then((decision) => {
      if (decision.allowed) {
        req.keysmith = decision.result;
        next();
      } else res.status(decision.status).set(decision.headers).json(decision.body);
    }, next);
  };
}
