import packageJson from "@/package.json";
import { authProvider } from "@/lib/auth/mode";
import { SESSION_COOKIE } from "@/lib/auth/cookie";

// Keysmith's own /.well-known/registry.json: what a registry client needs to use it as the
// key service of a registry. It uses the shape Keysmith itself reads when discovering
// registries (discovery-document.ts), so one Keysmith can discover another.

export interface KeysmithRegistryDocument {
  name: string;
  version: string;
  description: string;
  api_base: string;
  endpoints: {
    tokens: { list: string; create: string; revoke: string };
    verify: string;
  };
  auth: { schemes: { type: string; header?: string; cookie?: string; format?: string; description: string }[] };
}

/** The public origin clients should use: KEYSMITH_PUBLIC_URL when set (behind a proxy), else the request's. */
export function publicOrigin(requestOrigin: string): string {
  const configured = process.env.KEYSMITH_PUBLIC_URL;
  return configured && URL.canParse(configured) ? new URL(configured).origin : requestOrigin;
}

export function keysmithRegistryDocument(origin: string): KeysmithRegistryDocument {
  const cookie = authProvider() === "clerk" ? "__session" : SESSION_COOKIE;
  return {
    name: "Keysmith",
    version: packageJson.version,
    description: "API key service: issue, list, revoke and verify API keys.",
    api_base: `${origin}/api`,
    endpoints: {
      tokens: { list: "GET /api/tokens", create: "POST /api/tokens", revoke: "DELETE /api/tokens/{id}" },
      verify: "POST /api/tokens/verify",
    },
    auth: {
      schemes: [
        { type: "bearer", header: "Authorization", format: "Bearer <api key>", description: "A Keysmith API key." },
        { type: "api_key", header: "X-API-Key", format: "<api key>", description: "A Keysmith API key." },
        { type: "session_cookie", cookie, description: "The dashboard's browser session." },
      ],
    },
  };
}
