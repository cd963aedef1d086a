/**
 * What a dashboard page shows while it renders on the server, so navigation answers at once. Not on
 * the key pages: a loading boundary streams the answer, and /keys/<unknown id> must still be a 404.
 */
export function PageLoading() {
  return (
    <div role="status" aria-live="polite" className="space-y-6" data-testid="page-loading">
      <span className="sr-only">Loading…</span>
      <div className="h-8 w-48 animate-pulse rounded-md bg-zinc-200" />
      <div className="h-4 w-full max-w-xl animate-pulse rounded bg-zinc-200" />
      <div className="h-64 animate-pulse rounded-xl border border-zinc-200 bg-white" />
    </div>
  );
}
