import packageJson from "@/package.json";
import { authProvider } from "@/lib/auth/mode";
import { SESSION_COOKIE } from "@/lib/auth/cookie";
import { config } from "@/lib/config";

// Keysmith's own /.well-known/registry.json: what a registry client needs to use it as the
// key service of a registry. Flat `endpoints` of origin-relative paths and a `capabilities`
// list, as the prompd clients read PrompdHub's document; `api_base` for readers that want it.
// Keysmith's own discovery (discovery-document.ts) reads it, so one Keysmith can discover another.

export interface KeysmithRegistryDocument {
  name: string;
  version: string;
  description: string;
  api_base: string;
  /** Paths relative to the origin. `tokens`: GET lists, POST creates, DELETE {tokens}/{id} revokes; `verify` is a POST. */
  endpoints: Record<"tokens" | "verify" | "openapi" | "health", string>;
  capabilities: string[];
  auth: { schemes: { type: string; header?: string; cookie?: string; format?: string; description: string }[] };
}

/** What this Keysmith offers, by name. */
export const KEYSMITH_CAPABILITIES = ["tokens", "tokens.verify", "tokens.rotate", "tokens.usage", "registries", "openapi"];

/** The public origin clients should use: KEYSMITH_PUBLIC_URL when set (behind a proxy), else the request's. */
export function publicOrigin(requestOrigin: string): string {
  const configured = config().KEYSMITH_PUBLIC_URL;
  return configured && URL.canParse(configured) ? new URL(configured).origin : requestOrigin;
}

export function keysmithRegistryDocument(origin: string): KeysmithRegistryDocument {
  const cookie = authProvider() === "clerk" ? "__session" : SESSION_COOKIE;
  return {
    name: "Keysmith",
    version: packageJson.version,
    description: "API key service: issue, list, revoke and verify API keys.",
    api_base: `${origin}/api`,
    endpoints: { tokens: "/api/tokens", verify: "/api/tokens/verify", openapi: "/api/openapi.json", health: "/api/health" },
    capabilities: KEYSMITH_CAPABILITIES,
    auth: {
      schemes: [
        { type: "bearer", header: "Authorization", format: "Bearer <api key>", description: "A Keysmith API key." },
        { type: "api_key", header: "X-API-Key", format: "<api key>", description: "A Keysmith API key." },
        { type: "session_cookie", cookie, description: "The dashboard's browser session." },
      ],
    },
  };
}
