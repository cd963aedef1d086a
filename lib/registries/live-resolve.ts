import { db } from "@/lib/db/client";
import { FetchRefused, guardedFetch } from "@/lib/net/guarded-fetch";
import { openApiKey } from "./api-key";
import type { DiscoveryFetchOptions } from "./discovery";
import { resolvePackage } from "./resolve";
import { getRegistrySettings } from "./settings";
import { ensurePublicRegistry } from "./store";
import type { RegistryRef, Resolution } from "./view";

// "Which registry serves this package?", asked of the registries themselves: each candidate, in
// resolution order (the configured choice, its upstreams, then the other registries that may
// serve the package by priority), gets npm's metadata request `GET <registry>/<name>` (a scoped
// name encoded as npm does: @scope%2fname) with its stored key, each under its own deadline. All
// are asked at once; the answer lists them in order and names the first that serves the package.

export const LIVE_TIMEOUT_MS = 3_000;

export type LiveOutcome = "serves" | "not_found" | "unauthorized" | "error" | "timeout" | "refused";

export interface LiveAnswer {
  registry: RegistryRef;
  outcome: LiveOutcome;
  status: number | null;
  durationMs: number;
  message: string;
}

export interface LiveResolution extends Resolution {
  live: { answers: LiveAnswer[]; servedBy: RegistryRef | null };
}

/** npm's encoding of a package name in a registry URL: the scope's slash becomes %2f. */
export const encodePackageName = (name: string) =>
  name.startsWith("@") ? `@${encodeURIComponent(name.slice(1)).replace("%2F", "%2f")}` : encodeURIComponent(name);

export function packageUrl(registryUrl: string, name: string): string {
  return `${registryUrl.replace(/\/+$/, "")}/${encodePackageName(name)}`;
}

function outcomeOf(status: number): LiveOutcome {
  if (status >= 200 && status <= 299) return "serves";
  if (status === 404) return "not_found";
  if (status === 401 || status === 403) return "unauthorized";
  return "error";
}

export async function resolvePackageLive(
  orgId: string,
  packageName: string,
  options: { timeoutMs?: number; fetch?: DiscoveryFetchOptions } = {},
): Promise<LiveResolution> {
  await ensurePublicRegistry(orgId);
  const rows = await db().registry.findMany({ where: { orgId }, orderBy: { priority: "asc" } });
  const resolution = resolvePackage(packageName, rows);
  const { allowPrivateHosts } = await getRegistrySettings(orgId);
  const chosen = [resolution.registry, ...resolution.upstreams].filter((ref): ref is RegistryRef => ref !== null).map((ref) => ref.id);
  const scope = resolution.scope;
  const others = rows.filter(
    (row) => !chosen.includes(row.id) && (row.scopes.length === 0 || (scope !== null && row.scopes.includes(scope))),
  );
  const candidates = [...chosen.map((id) => rows.find((row) => row.id === id)!), ...others];

  const answers = await Promise.all(
    candidates.map(async (row): Promise<LiveAnswer> => {
      const registry = { id: row.id, name: row.name, url: row.url };
      const started = performance.now();
      const elapsed = () => Math.round(performance.now() - started);
      const apiKey = openApiKey(row);
      try {
        const response = await guardedFetch(packageUrl(row.url, packageName), {
          ...options.fetch,
          timeoutMs: options.timeoutMs ?? LIVE_TIMEOUT_MS,
          allowPrivate: allowPrivateHosts,
          maxBytes: 8 * 1024 * 1024,
          accept: "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8",
          ...(apiKey ? { headers: { Authorization: `Bearer ${apiKey}` } } : {}),
        });
        const outcome = outcomeOf(response.status);
        const message = outcome === "serves" ? `serves ${packageName}` : `HTTP ${response.status}`;
        return { registry, outcome, status: response.status, durationMs: elapsed(), message };
      } catch (error) {
        if (!(error instanceof FetchRefused)) throw error;
        const outcome: LiveOutcome =
          error.kind === "timeout" ? "timeout" : error.kind === "address" || error.kind === "scheme" ? "refused" : "error";
        return { registry, outcome, status: null, durationMs: elapsed(), message: error.message };
      }
    }),
  );
  const servedBy = answers.find((answer) => answer.outcome === "serves")?.registry ?? null;
  return { ...resolution, live: { answers, servedBy } };
}
