import { AppError } from "@/lib/errors";

// Invariants of an organisation's registry list, checked against the whole list (under the
// organisation's lock) before a write: unique names, each scope served by one registry,
// upstreams that exist and never loop.

export interface RuleRegistry {
  id: string;
  name: string;
  scopes: string[];
  upstreamId: string | null;
}

export function findNameClash(registries: RuleRegistry[], name: string, exceptId?: string): RuleRegistry | undefined {
  const wanted = name.toLocaleLowerCase("en");
  return registries.find((other) => other.id !== exceptId && other.name.toLocaleLowerCase("en") === wanted);
}

export function assertNameFree(registries: RuleRegistry[], name: string, exceptId?: string): void {
  if (findNameClash(registries, name, exceptId)) {
    throw new AppError("CONFLICT", `A registry named "${name}" already exists. Choose another name.`, "name");
  }
}

/** The first scope another registry already serves, and that registry. */
export function findScopeClash(
  registries: RuleRegistry[],
  scopes: string[],
  exceptId?: string,
): { scope: string; owner: RuleRegistry } | undefined {
  for (const scope of scopes) {
    const owner = registries.find((other) => other.id !== exceptId && other.scopes.includes(scope));
    if (owner) return { scope, owner };
  }
  return undefined;
}

export function assertScopesFree(registries: RuleRegistry[], scopes: string[], exceptId?: string): void {
  const clash = findScopeClash(registries, scopes, exceptId);
  if (clash) {
    throw new AppError(
      "CONFLICT",
      `${clash.scope} is already served by ${clash.owner.name}. A scope can belong to one registry only.`,
      "scopes",
    );
  }
}

/**
 * The loop that pointing `id` at `upstreamId` would create, as names ("A → B → A"), or null.
 * `registries` holds the current links.
 */
export function upstreamLoop(registries: RuleRegistry[], id: string, upstreamId: string): string | null {
  const byId = new Map(registries.map((registry) => [registry.id, registry]));
  const path = [id];
  let current: string | null = upstreamId;
  const seen = new Set<string>();
  while (current !== null && !seen.has(current)) {
    path.push(current);
    if (current === id) return path.map((step) => byId.get(step)?.name ?? step).join(" → ");
    seen.add(current);
    current = byId.get(current)?.upstreamId ?? null;
  }
  return null;
}

export function assertUpstreamValid(registries: RuleRegistry[], id: string, upstreamId: string): void {
  if (!registries.some((registry) => registry.id === upstreamId)) {
    throw new AppError("VALIDATION_FAILED", "The upstream must be another registry of this organisation.", "upstreamId");
  }
  if (upstreamId === id) {
    throw new AppError("VALIDATION_FAILED", "A registry cannot be its own upstream.", "upstreamId");
  }
  const loop = upstreamLoop(registries, id, upstreamId);
  if (loop) throw new AppError("VALIDATION_FAILED", `That upstream would make a loop: ${loop}.`, "upstreamId");
}
