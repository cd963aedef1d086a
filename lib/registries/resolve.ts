import { db } from "@/lib/db/client";
import { ensurePublicRegistry } from "./store";
import type { RegistryRef, Resolution, ResolutionStep } from "./view";

// Which registry serves a package, decided from the configuration alone (Keysmith does
// not ask the registries what they host):
//   1. A scoped package (@scope/name) goes to the registry that lists its scope.
//   2. Otherwise the registries are tried in priority order; registries limited to scopes
//      serve only those, so the first one without scopes wins.
//   3. If every registry is limited to other scopes, no registry serves the package: a registry
//      limited to scopes never serves anything else, not even as the default.
// The chosen registry's upstream chain is then followed (a proxy falls through to its
// upstream for packages it does not host), stopping where the chain loops.

export interface ResolvableRegistry {
  id: string;
  name: string;
  url: string;
  priority: number;
  scopes: string[];
  isDefault: boolean;
  upstreamId: string | null;
}

const MAX_UPSTREAM_HOPS = 32;
const ref = (registry: ResolvableRegistry): RegistryRef => ({ id: registry.id, name: registry.name, url: registry.url });

export function scopeOf(packageName: string): string | null {
  return packageName.startsWith("@") ? packageName.slice(0, packageName.indexOf("/")) : null;
}

export function resolvePackage(packageName: string, registries: ResolvableRegistry[]): Resolution {
  const ordered = [...registries].sort((a, b) => a.priority - b.priority);
  const scope = scopeOf(packageName);
  const trail: ResolutionStep[] = [];
  let selected: ResolvableRegistry | undefined;
  let rule: Resolution["rule"];
  let reason: string;

  const scoped = scope ? ordered.find((registry) => registry.scopes.includes(scope)) : undefined;
  if (scope && scoped) {
    selected = scoped;
    rule = "scope";
    trail.push({ registry: ref(scoped), outcome: "selected", note: `serves the scope ${scope}; scoped registries are checked first` });
    reason = `${packageName} is in the scope ${scope}, which ${scoped.name} serves. Scoped registries are checked before the priority order.`;
  } else {
    for (const registry of ordered) {
      if (registry.scopes.length > 0) {
        trail.push({ registry: ref(registry), outcome: "skipped", note: `serves only ${registry.scopes.join(", ")}` });
        continue;
      }
      selected = registry;
      trail.push({ registry: ref(registry), outcome: "selected", note: "first registry in priority order that serves every package" });
      break;
    }
    const noScope = scope ? `No registry serves the scope ${scope}, so the priority order decides: ` : "";
    if (!selected) {
      return {
        package: packageName,
        scope,
        registry: null,
        rule: "none",
        reason: `No registry serves ${packageName}: every registry is limited to other scopes. Remove the scopes of one registry (usually the default) so it serves everything else.`,
        upstreams: [],
        cycleAt: null,
        trail,
      };
    }
    rule = "priority";
    reason = `${noScope}${selected.name} is the first registry in priority order that is not limited to scopes.`;
  }

  const byId = new Map(ordered.map((registry) => [registry.id, registry]));
  const upstreams: RegistryRef[] = [];
  const visited = new Set([selected.id]);
  let cycleAt: RegistryRef | null = null;
  let previous = selected;
  let next = selected.upstreamId ? byId.get(selected.upstreamId) : undefined;
  while (next && upstreams.length < MAX_UPSTREAM_HOPS) {
    if (visited.has(next.id)) {
      cycleAt = ref(next);
      break;
    }
    visited.add(next.id);
    upstreams.push(ref(next));
    trail.push({ registry: ref(next), outcome: "upstream", note: `${previous.name} falls through to it for packages it does not host` });
    previous = next;
    next = next.upstreamId ? byId.get(next.upstreamId) : undefined;
  }
  if (upstreams.length > 0) {
    reason += ` Packages it does not host fall through to ${upstreams.map((upstream) => upstream.name).join(" → ")}.`;
  }
  if (cycleAt) reason += ` The upstream chain loops back to ${cycleAt.name}; Keysmith stops following it there.`;

  return { package: packageName, scope, registry: ref(selected), rule, reason, upstreams, cycleAt, trail };
}

/** Resolves against the organisation's registries (the package name is already validated). */
export async function resolvePackageForOrg(orgId: string, packageName: string): Promise<Resolution> {
  await ensurePublicRegistry(orgId);
  const registries = await db().registry.findMany({
    where: { orgId },
    select: { id: true, name: true, url: true, priority: true, scopes: true, isDefault: true, upstreamId: true },
  });
  return resolvePackage(packageName, registries);
}
