// When a failed delivery is tried again, and when Keysmith gives up on it or on its endpoint.
// Every decision is made in SQL on the database's clock (lib/db/db-clock.ts); these are the figures.

/** Retries stop once a delivery is this old (the Standard Webhooks recommendation: about a day). */
export const RETRY_WINDOW_SECONDS = 24 * 3600;
/** An endpoint whose every attempt failed for this long is disabled... */
export const DISABLE_AFTER_FAILING_SECONDS = 24 * 3600;
/** ...and so is one with this many failures in a row, whatever the time. */
export const DISABLE_AFTER_CONSECUTIVE_FAILURES = 100;
/** How long a claimed delivery stays invisible to other workers (longer than one attempt). */
export const CLAIM_LEASE_SECONDS = 60;
/** One attempt's deadline: connection, request and answer. */
export const DELIVERY_TIMEOUT_MS = 10_000;

const FIRST_RETRY_SECONDS = 10;
const MAX_RETRY_SECONDS = 6 * 3600;

/** Seconds before attempt `failed + 1`, after `failed` failures: 10 s, 30 s, 90 s, 4.5 min… capped at 6 h. */
export function retryDelaySeconds(failed: number): number {
  return Math.min(MAX_RETRY_SECONDS, FIRST_RETRY_SECONDS * 3 ** Math.max(0, failed - 1));
}
