/** A key as the dashboard shows it: its non-secret start and a mask ("ks_live_sk_AbCd****"). */
export function MaskedKey({ value }: { value: string }) {
  return <code className="rounded-md bg-zinc-100 px-1.5 py-0.5 font-mono text-[13px] whitespace-nowrap text-zinc-700">{value}</code>;
}
