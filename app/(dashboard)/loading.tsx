/** Shown while a dashboard page renders on the server: navigation answers at once. */
export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="space-y-6" data-testid="page-loading">
      <span className="sr-only">Loading…</span>
      <div className="h-8 w-48 animate-pulse rounded-md bg-zinc-200" />
      <div className="h-4 w-full max-w-xl animate-pulse rounded bg-zinc-200" />
      <div className="h-64 animate-pulse rounded-xl border border-zinc-200 bg-white" />
    </div>
  );
}
