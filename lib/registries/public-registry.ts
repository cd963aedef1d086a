import { normalizeRegistryUrl } from "./url";
import { config } from "@/lib/config";

// Every organisation starts with one public registry as its default. It can be moved down
// the priority order and stop being the default, but it cannot be deleted.

export const DEFAULT_PUBLIC_REGISTRY = { name: "npm public registry", url: "https://registry.npmjs.org" } as const;

export function publicRegistry(): { name: string; url: string } {
  const settings = config();
  const url = settings.KEYSMITH_PUBLIC_REGISTRY_URL || DEFAULT_PUBLIC_REGISTRY.url;
  const name = (settings.KEYSMITH_PUBLIC_REGISTRY_NAME || DEFAULT_PUBLIC_REGISTRY.name).trim().slice(0, 64);
  try {
    return { name, url: normalizeRegistryUrl(url) };
  } catch (error) {
    // A configuration mistake, not the user's: a 500 with the reason in the log.
    throw new Error(`KEYSMITH_PUBLIC_REGISTRY_URL is not usable: ${(error as Error).message}`);
  }
}
