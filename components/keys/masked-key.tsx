/** The non-secret start of a key, then a mask for the rest, which Keysmith never has. */
export function MaskedKey({ prefix }: { prefix: string }) {
  return (
    <code className="rounded-md bg-zinc-100 px-1.5 py-0.5 font-mono text-[13px] whitespace-nowrap text-zinc-700">
      {prefix}
      <span aria-label="rest of the key hidden" className="text-zinc-400 select-none">
        ****
      </span>
    </code>
  );
}
