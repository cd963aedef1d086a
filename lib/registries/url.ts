import { AppError } from "@/lib/errors";
import { REGISTRY_URL_MAX } from "@/lib/validations/registries";

// A registry is identified by its normalised URL: scheme, lower-case host, port (unless the
// default), and path without a trailing slash. No credentials, query or fragment.

/** Normalises a URL typed by a user; "registry.example.com" means https://registry.example.com. */
export function normalizeRegistryUrl(input: string): string {
  const raw = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return failAt("Enter a full URL, e.g. https://registry.example.com.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return failAt(`Only http and https registries are supported, not ${url.protocol.replace(/:$/, "")}.`);
  }
  if (url.username || url.password) return failAt("Put the credentials in the API key field, not in the URL.");
  if (url.search) return failAt("The registry URL must not have a query string.");
  if (!url.hostname) return failAt("The URL has no host name.");
  const path = url.pathname.replace(/\/+$/, "");
  const normalised = `${url.protocol}//${url.host}${path}`;
  if (normalised.length > REGISTRY_URL_MAX) return failAt(`The URL must be at most ${REGISTRY_URL_MAX} characters.`);
  return normalised;
}

function failAt(message: string): never {
  throw new AppError("VALIDATION_FAILED", message, "url");
}

export const WELL_KNOWN_PATH = "/.well-known/registry.json";

export function discoveryDocumentUrl(registryUrl: string): string {
  return `${registryUrl}${WELL_KNOWN_PATH}`;
}
