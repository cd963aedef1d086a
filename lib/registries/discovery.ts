import { AppError } from "@/lib/errors";
import { FetchRefused, guardedFetch, type GuardedFetchOptions } from "@/lib/net/guarded-fetch";
import { summarizeDiscoveryDocument } from "./discovery-document";
import { discoveryDocumentUrl, normalizeRegistryUrl, WELL_KNOWN_PATH } from "./url";
import type { DiscoveryPreview } from "./view";

// "Add registry" step one: fetch <url>/.well-known/registry.json under the SSRF rules of
// lib/net/guarded-fetch and validate it. Every failure is a 400 naming the "url" field,
// with a reason a person can act on; nothing is stored here.

export type DiscoveryFetchOptions = Omit<GuardedFetchOptions, "allowPrivate">;

const CODE_BY_REFUSAL: Record<FetchRefused["kind"], "VALIDATION_FAILED" | "HOST_NOT_ALLOWED" | "DISCOVERY_FAILED"> = {
  invalid_url: "VALIDATION_FAILED",
  scheme: "HOST_NOT_ALLOWED",
  credentials: "VALIDATION_FAILED",
  address: "HOST_NOT_ALLOWED",
  downgrade: "HOST_NOT_ALLOWED",
  dns: "DISCOVERY_FAILED",
  redirects: "DISCOVERY_FAILED",
  timeout: "DISCOVERY_FAILED",
  too_large: "DISCOVERY_FAILED",
  network: "DISCOVERY_FAILED",
};

function failed(message: string): AppError {
  return new AppError("DISCOVERY_FAILED", message, "url");
}

export async function discoverRegistry(
  input: string,
  options: { allowPrivate: boolean; fetch?: DiscoveryFetchOptions },
): Promise<DiscoveryPreview> {
  const url = normalizeRegistryUrl(input);
  const documentUrl = discoveryDocumentUrl(url);
  let response;
  try {
    response = await guardedFetch(documentUrl, { ...options.fetch, allowPrivate: options.allowPrivate });
  } catch (error) {
    if (error instanceof FetchRefused) throw new AppError(CODE_BY_REFUSAL[error.kind], error.message, "url");
    throw error;
  }
  const host = new URL(response.url).host;
  if (response.status === 404) {
    throw failed(`${host} has no ${WELL_KNOWN_PATH} (HTTP 404). Check that this is the registry's base URL.`);
  }
  if (response.status < 200 || response.status > 299) {
    throw failed(`${host} answered HTTP ${response.status} for ${WELL_KNOWN_PATH}.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.body.toString("utf8"));
  } catch {
    throw failed(`${WELL_KNOWN_PATH} from ${host} is not valid JSON.`);
  }
  const result = summarizeDiscoveryDocument(parsed, url);
  if (!result.ok) {
    const where = result.path ? `"${result.path}" ` : "";
    throw failed(`${WELL_KNOWN_PATH} from ${host} is not a registry description: ${where}${result.message}.`);
  }
  return { url, documentUrl: response.url, discovery: result.summary };
}
