import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import packageJson from "@/package.json";
import { AUTH_ERROR_STATUSES, errors, registerComponents } from "./components";
import { registerAuditPaths } from "./paths/audit";
import { registerAuthPaths } from "./paths/auth";
import { registerMemberPaths } from "./paths/members";
import { registerProjectPaths } from "./paths/projects";
import { registerDocumentPath, registerHealthPaths, registerPingPath, registerWellKnownPaths } from "./paths/public";
import { registerRegistryPaths } from "./paths/registries";
import { registerSettingsPaths } from "./paths/settings";
import { registerTokenPaths } from "./paths/tokens";
import { registerUsagePaths } from "./paths/usage";

// The OpenAPI 3.1 description of Keysmith's HTTP API, generated from the same zod schemas the
// handlers validate with. One register function per area; adding a route adds one call there.

const AREAS = [registerTokenPaths, registerProjectPaths, registerSettingsPaths, registerUsagePaths, registerAuthPaths, registerMemberPaths, registerRegistryPaths, registerAuditPaths, registerHealthPaths, registerPingPath, registerWellKnownPaths, registerDocumentPath];

export const KEY_FORMAT_DESCRIPTION =
  "Keys look like `ks_<live|test>_<sk|pk>_<12-character key id>_<43-character secret><6-character checksum>` (73 characters, `[A-Za-z0-9_]`). " +
  "`sk` keys are secret (servers only), `pk` keys publishable (read/execute scopes, browser-safe). " +
  "The key id is public and indexed, the secret is 256 random bits, and the CRC32 checksum lets typos be refused without a database lookup.";

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31["generateDocument"]>;

let cached: OpenApiDocument | undefined;

export function openApiDocument(): OpenApiDocument {
  if (cached) return cached;
  const registry = new OpenAPIRegistry();
  registerComponents(registry);
  for (const register of AREAS) register(registry);
  for (const definition of registry.definitions) {
    if (definition.type === "route" && definition.route.security?.length) {
      definition.route.responses = { ...definition.route.responses, ...errors(...AUTH_ERROR_STATUSES) };
    }
  }
  cached = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Keysmith API",
      version: packageJson.version,
      description: `Issue, list, rotate and revoke API keys; see their usage; manage an organisation's package registries.\n\n${KEY_FORMAT_DESCRIPTION}\n\nErrors are \`{ "error": { "code", "message", "field"? } }\`.`,
    },
    servers: [{ url: "/" }],
    tags: [
      { name: "Keys", description: "Issue, list, rotate and revoke API keys." },
      { name: "Projects", description: "Groups of keys; a key limited to a project reports it at verification." },
      { name: "Settings", description: "The organisation's key policy and scope catalogue." },
      { name: "Usage", description: "Successful verifications per key, day, member and project." },
      { name: "Verification", description: "Check a key: for the services that accept Keysmith keys." },
      { name: "Registries", description: "The organisation's package registries, resolution, config.yaml." },
      { name: "Members", description: "The organisation's members and their roles." },
      { name: "Audit", description: "Who changed what, when and from where." },
      { name: "Accounts", description: "Local sign-up, sign-in and sign-out." },
      { name: "Health", description: "For load balancers." },
      { name: "Discovery", description: "Keysmith's own /.well-known document and this description." },
    ],
  });
  return cached;
}
