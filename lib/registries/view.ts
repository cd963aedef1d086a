// Registries as the API and the dashboard see them. Types only (safe for client components):
// never the upstream API key, only its mask.

export interface EndpointView {
  method: string;
  /** A path ("/api/tokens") or an absolute URL, as the registry describes it. */
  path: string;
}

/** What a registry's /.well-known/registry.json says about it, after validation. */
export interface DiscoverySummary {
  name: string;
  version: string | null;
  /** Absolute URL of the registry's API. */
  apiBase: string;
  tokenEndpoints: { list: EndpointView | null; create: EndpointView | null; revoke: EndpointView | null };
  verifyEndpoint: EndpointView | null;
  /** Auth scheme names, e.g. "bearer", "api_key", "session_cookie". */
  authSchemes: string[];
  /** The document's flat endpoints (name → path), as PrompdHub-style clients read them. Absent in summaries stored before they were read. */
  endpoints?: Record<string, string>;
  /** What the registry says it can do (e.g. "search", "publish"). Absent in summaries stored before they were read. */
  capabilities?: string[];
}

export interface DiscoveryPreview {
  /** The registry URL as it will be stored (normalised). */
  url: string;
  /** Where the document was finally read from (after redirects). */
  documentUrl: string;
  discovery: DiscoverySummary;
}

export interface RegistryView {
  id: string;
  name: string;
  url: string;
  apiBase: string | null;
  /** 0 is checked first. */
  priority: number;
  scopes: string[];
  isDefault: boolean;
  /** The public registry every organisation starts with. */
  builtIn: boolean;
  upstream: { id: string; name: string } | null;
  /** The masked upstream API key ("prmd_****wxyz"), or null when none is stored. */
  apiKeyMask: string | null;
  discovery: DiscoverySummary | null;
  discoveredAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface RegistrySettingsView {
  allowPrivateHosts: boolean;
}

export interface RegistryRef {
  id: string;
  name: string;
  url: string;
}

/** "none": every registry is limited to other scopes, so nothing serves the package. */
export type ResolutionRule = "scope" | "priority" | "none";

export interface ResolutionStep {
  registry: RegistryRef;
  /** "skipped": does not serve the package; "selected": serves it; "upstream": reached by falling through. */
  outcome: "skipped" | "selected" | "upstream";
  note: string;
}

export interface Resolution {
  package: string;
  scope: string | null;
  /** null when no registry serves the package (rule "none"). */
  registry: RegistryRef | null;
  rule: ResolutionRule;
  /** One sentence for people. */
  reason: string;
  /** Upstreams the selected registry falls through to, in order. */
  upstreams: RegistryRef[];
  /** Set when the upstream chain loops back; following stopped there. */
  cycleAt: RegistryRef | null;
  trail: ResolutionStep[];
}

export interface ImportSummary {
  created: string[];
  updated: string[];
  /** Registries left as they were: not in the file (they follow the file's in priority), or identical. */
  untouched: string[];
}

export interface ImportIssue {
  line: number | null;
  column: number | null;
  /** Dotted path in the file, e.g. "registries.2.url". */
  field: string | null;
  message: string;
}
