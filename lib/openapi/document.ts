import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import packageJson from "@/package.json";
import { OPERATIONS } from "@/lib/api/operations";
import { registerComponents } from "./components";
import { operationRoute } from "./operation-route";

// The OpenAPI 3.1 description of Keysmith's HTTP API, generated from the operation declarations
// (lib/api/operations): the same zod schemas the handlers validate with, the same access rules.

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
  for (const operation of OPERATIONS) registry.registerPath(operationRoute(operation));
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
      { name: "Webhooks", description: "Signed event deliveries (Standard Webhooks), their log, and the organisation's notifications." },
      { name: "Members", description: "The organisation's members and their roles." },
      { name: "Audit", description: "Who changed what, when and from where." },
      { name: "Accounts", description: "Local sign-up, sign-in and sign-out." },
      { name: "Health", description: "For load balancers." },
      { name: "Discovery", description: "Keysmith's own /.well-known document and this description." },
    ],
  });
  return cached;
}
