const SHOWN = 3;

/** A key's scopes as small code chips; past three, a "+n" with the rest in its tooltip. */
export function ScopeList({ scopes }: { scopes: string[] }) {
  if (scopes.length === 0) return <span className="block text-xs text-zinc-500">no scopes</span>;
  const rest = scopes.slice(SHOWN);
  return (
    <ul className="flex max-w-64 flex-wrap gap-1" aria-label="Scopes">
      {scopes.slice(0, SHOWN).map((scope) => (
        <li key={scope}>
          <code className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-[11px] whitespace-nowrap text-zinc-600">{scope}</code>
        </li>
      ))}
      {rest.length > 0 ? (
        <li title={rest.join(", ")} className="text-xs text-zinc-500">
          +{rest.length} more
        </li>
      ) : null}
    </ul>
  );
}
