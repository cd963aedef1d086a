import { lookup as dnsLookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import tls from "node:tls";
import { classifyAddress, isAllowed, type AddressVerdict } from "./address-policy";

// A request to URLs that users type in (registry discovery and checks, webhook targets), safe against server-side request
// forgery: only http/https, the host is resolved here and every address checked against
// the address policy, and the connection goes to the address that was checked — a second
// DNS answer (rebinding) is never asked for. Redirects are followed by hand, each hop
// checked again. One deadline covers the whole exchange; the body has a size limit.

export type FetchRefusalKind =
  "invalid_url" | "scheme" | "credentials" | "dns" | "address" | "redirects" | "downgrade" | "timeout" | "too_large" | "network";

export class FetchRefused extends Error {
  constructor(
    readonly kind: FetchRefusalKind,
    message: string,
    /** The URL of the hop that failed (after redirects, the redirect target). */
    readonly url?: string,
  ) {
    super(message);
    this.name = "FetchRefused";
  }
}

export interface GuardedFetchOptions {
  /** Allow loopback and private-network addresses (an organisation setting). */
  allowPrivate: boolean;
  /** For the whole exchange, redirects included. */
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** DNS resolution, replaceable in tests. Returns every address of the host. */
  resolve?: (hostname: string) => Promise<string[]>;
  accept?: string;
  /** Certificate authorities (PEM) trusted besides the system's: a test's own CA, or a private registry's. */
  ca?: string;
  /** GET by default; a POST (webhook deliveries) sends `body` and follows no redirect. */
  method?: "GET" | "POST";
  body?: string;
  /** Extra request headers. Credentials (Authorization) are dropped on a redirect to another origin. */
  headers?: Record<string, string>;
  userAgent?: string;
}

export interface GuardedResponse {
  /** The URL that answered, after redirects. */
  url: string;
  status: number;
  contentType: string | null;
  body: Buffer;
  /** Every URL visited, the first one included. */
  hops: string[];
}

export const FETCH_DEFAULTS = { timeoutMs: 5_000, maxBytes: 64 * 1024, maxRedirects: 3 } as const;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const USER_AGENT = "Keysmith registry discovery";

async function systemResolve(hostname: string): Promise<string[]> {
  const answers = await dnsLookup(hostname, { all: true, verbatim: true });
  return answers.map((answer) => answer.address);
}

const bareHost = (url: URL) => url.hostname.replace(/^\[|\]$/g, "");

function checkUrl(url: URL): void {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new FetchRefused("scheme", `Only http and https URLs are supported, not ${url.protocol.replace(/:$/, "")}.`, url.href);
  }
  if (url.username || url.password) {
    throw new FetchRefused("credentials", "The URL must not contain a user name or password.", url.href);
  }
}

function refuseAddress(host: string, verdict: AddressVerdict, allowPrivate: boolean): never {
  const where = host === verdict.address ? verdict.address : `${host} resolves to ${verdict.address}`;
  if (verdict.class === "private" && !allowPrivate) {
    throw new FetchRefused(
      "address",
      `${where}, ${verdict.reason}. Private network hosts are off for this organisation; an owner or admin can allow them in the registry settings.`,
    );
  }
  throw new FetchRefused("address", `${where}, ${verdict.reason}. Keysmith never connects to such addresses.`);
}

function withDeadline<T>(promise: Promise<T>, deadline: number, url: string): Promise<T> {
  const remaining = deadline - Date.now();
  if (remaining <= 0) return Promise.reject(timeoutError(url));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError(url)), remaining);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function timeoutError(url: string): FetchRefused {
  return new FetchRefused("timeout", `${new URL(url).host} did not answer in time.`, url);
}

/** Resolves the host and returns the one address to connect to, or throws why none may be used. */
async function pickAddress(url: URL, options: GuardedFetchOptions, deadline: number): Promise<string> {
  const host = bareHost(url);
  if (isIP(host)) {
    const verdict = classifyAddress(host);
    if (!isAllowed(verdict, options.allowPrivate)) refuseAddress(host, verdict, options.allowPrivate);
    return verdict.address;
  }
  let addresses: string[];
  try {
    addresses = await withDeadline((options.resolve ?? systemResolve)(host), deadline, url.href);
  } catch (error) {
    if (error instanceof FetchRefused) throw error;
    throw new FetchRefused("dns", `${host} could not be resolved (DNS).`, url.href);
  }
  if (addresses.length === 0) throw new FetchRefused("dns", `${host} could not be resolved (DNS).`, url.href);
  // Every answer must be allowed: a name that also points somewhere forbidden is refused outright.
  const verdicts = addresses.map(classifyAddress);
  for (const verdict of verdicts) {
    if (!isAllowed(verdict, options.allowPrivate)) refuseAddress(host, verdict, options.allowPrivate);
  }
  return verdicts[0]!.address;
}

interface HopResult {
  status: number;
  location: string | null;
  contentType: string | null;
  body: Buffer;
}

function networkMessage(error: NodeJS.ErrnoException, url: URL): string {
  const host = url.host;
  switch (error.code) {
    case "ECONNREFUSED":
      return `${host} refused the connection.`;
    case "ECONNRESET":
      return `${host} closed the connection unexpectedly.`;
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return `${host} is unreachable from the Keysmith server.`;
    case "DEPTH_ZERO_SELF_SIGNED_CERT":
    case "SELF_SIGNED_CERT_IN_CHAIN":
    case "UNABLE_TO_VERIFY_LEAF_SIGNATURE":
    case "UNABLE_TO_GET_ISSUER_CERT_LOCALLY":
    case "CERT_HAS_EXPIRED":
    case "ERR_TLS_CERT_ALTNAME_INVALID":
      return `${host}'s TLS certificate is not trusted (${error.code}).`;
    case "HPE_HEADER_OVERFLOW":
      return `${host} sent oversized response headers.`;
    default:
      return `Could not fetch from ${host} (${error.code ?? error.message}).`;
  }
}

/** One request to a checked address; the body is read only for non-redirect answers. */
function requestOnce(
  url: URL,
  address: string,
  options: Required<Omit<GuardedFetchOptions, "resolve" | "ca" | "body" | "headers">> &
    Pick<GuardedFetchOptions, "ca" | "body" | "headers">,
  deadline: number,
): Promise<HopResult> {
  return new Promise<HopResult>((resolve, reject) => {
    const family = isIP(address);
    // Pins the connection to the address that was checked, whatever DNS says now.
    const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
      if ((lookupOptions as { all?: boolean }).all) callback(null, [{ address, family }]);
      else callback(null, address, family);
    };
    const client = url.protocol === "https:" ? https : http;
    const host = bareHost(url);
    const request = client.request({
      protocol: url.protocol,
      hostname: host,
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: options.method,
      headers: {
        Accept: options.accept,
        "Accept-Encoding": "identity",
        "User-Agent": options.userAgent,
        ...options.headers,
        ...(options.body !== undefined ? { "Content-Length": String(Buffer.byteLength(options.body)) } : {}),
      },
      // A fresh connection each time: a pooled socket could lead to an address that was not checked.
      agent: false,
      lookup: pinned,
      ...(url.protocol === "https:" && !isIP(host) ? { servername: host } : {}),
      ...(url.protocol === "https:" && options.ca ? { ca: [...tls.rootCertificates, options.ca] } : {}),
    });

    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      reject(error);
    };
    const timer = setTimeout(() => fail(timeoutError(url.href)), Math.max(0, deadline - Date.now()));

    request.on("error", (error: NodeJS.ErrnoException) => {
      fail(error instanceof FetchRefused ? error : new FetchRefused("network", networkMessage(error, url), url.href));
    });
    request.on("response", (response) => {
      const status = response.statusCode ?? 0;
      const location = response.headers.location ?? null;
      const contentType = response.headers["content-type"] ?? null;
      if (REDIRECT_STATUSES.has(status) && location) {
        settled = true;
        clearTimeout(timer);
        response.resume();
        request.destroy();
        resolve({ status, location, contentType, body: Buffer.alloc(0) });
        return;
      }
      const declared = Number(response.headers["content-length"]);
      if (Number.isFinite(declared) && declared > options.maxBytes) {
        fail(tooLarge(url, options.maxBytes));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) fail(tooLarge(url, options.maxBytes));
        else chunks.push(chunk);
      });
      response.on("end", () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ status, location, contentType, body: Buffer.concat(chunks) });
      });
      response.on("error", (error) => fail(new FetchRefused("network", networkMessage(error, url), url.href)));
    });
    request.end(options.body);
  });
}

function tooLarge(url: URL, maxBytes: number): FetchRefused {
  return new FetchRefused("too_large", `The answer from ${url.host} is larger than ${Math.round(maxBytes / 1024)} KiB.`, url.href);
}

/** GETs `input` under the SSRF rules above. Throws FetchRefused with a user-facing message. */
export async function guardedFetch(input: string, options: GuardedFetchOptions): Promise<GuardedResponse> {
  const settings = {
    allowPrivate: options.allowPrivate,
    timeoutMs: options.timeoutMs ?? FETCH_DEFAULTS.timeoutMs,
    maxBytes: options.maxBytes ?? FETCH_DEFAULTS.maxBytes,
    maxRedirects: options.maxRedirects ?? FETCH_DEFAULTS.maxRedirects,
    accept: options.accept ?? "application/json",
    ca: options.ca,
    method: options.method ?? "GET",
    body: options.body,
    headers: options.headers,
    userAgent: options.userAgent ?? USER_AGENT,
  };
  const deadline = Date.now() + settings.timeoutMs;
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new FetchRefused("invalid_url", "Enter a full URL, e.g. https://registry.example.com.");
  }
  const hops: string[] = [];
  for (;;) {
    const redirected = hops.length > 0;
    hops.push(url.href);
    let address: string;
    try {
      checkUrl(url);
      address = await pickAddress(url, options, deadline);
    } catch (error) {
      // Name the redirect, or the user sees a host they never typed in.
      if (error instanceof FetchRefused && redirected) {
        throw new FetchRefused(error.kind, `Redirected to ${url.href}: ${error.message}`, url.href);
      }
      throw error;
    }
    const hop = await requestOnce(url, address, settings, deadline);
    if (hop.location === null || !REDIRECT_STATUSES.has(hop.status) || settings.method !== "GET") {
      return { url: url.href, status: hop.status, contentType: hop.contentType, body: hop.body, hops };
    }
    if (hops.length > settings.maxRedirects) {
      throw new FetchRefused("redirects", `Too many redirects (more than ${settings.maxRedirects}).`, url.href);
    }
    let next: URL;
    try {
      next = new URL(hop.location, url);
    } catch {
      throw new FetchRefused("invalid_url", `${url.host} redirected to an invalid URL.`, url.href);
    }
    if (url.protocol === "https:" && next.protocol === "http:") {
      throw new FetchRefused("downgrade", `${url.host} redirected from https to plain http; refused.`, next.href);
    }
    if (next.origin !== url.origin && settings.headers) {
      settings.headers = Object.fromEntries(Object.entries(settings.headers).filter(([name]) => name.toLowerCase() !== "authorization"));
    }
    url = next;
  }
}

/**
 * Checks a URL before it is stored (a webhook target): scheme, credentials, and every address its
 * host resolves to now. Delivery checks again (DNS can change); this only refuses early.
 */
export async function checkTargetUrl(input: string, options: Pick<GuardedFetchOptions, "allowPrivate" | "resolve" | "timeoutMs">) {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new FetchRefused("invalid_url", "Enter a full URL, e.g. https://hooks.example.com/keysmith.");
  }
  checkUrl(url);
  await pickAddress(
    url,
    { allowPrivate: options.allowPrivate, resolve: options.resolve },
    Date.now() + (options.timeoutMs ?? FETCH_DEFAULTS.timeoutMs),
  );
}
