import { normalizeRegistryUrl } from "./url";

// Every organisation starts with one public registry as its default. It can be moved down
// the priority order and stop being the default, but it cannot be deleted.

export const DEFAULT_PUBLIC_REGISTRY = { name: "npm public registry", url: "https://registry.npmjs.org" } as const;

export function publicRegistry(): { name: string; url: string } {
  const url = process.env.KEYSMITH_PUBLIC_REGISTRY_URL || DEFAULT_PUBLIC_REGISTRY.url;
  const name = process.env.KEYSMITH_PUBLIC_REGISTRY_NAME || DEFAULT_PUBLIC_REGISTRY.name;
  return { name: name.trim().slice(0, 64), url: normalizeRegistryUrl(url, "KEYSMITH_PUBLIC_REGISTRY_URL") };
}
