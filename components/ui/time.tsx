"use client";

import { formatDistance } from "date-fns";
import { createContext, useContext, useSyncExternalStore, type ReactNode } from "react";
import { formatDate, formatDateTime, type Zone } from "./format";

// Times must render the same on the server and in the first client render (hydration),
// then follow the browser's clock and time zone. The server passes the instant it
// rendered at; until hydration ends, relative times are computed from it and dates
// are shown in UTC. After that, the browser's clock and zone take over.

const MINUTE = 60_000;
const TICK = 30_000;

const ServerNowContext = createContext<number | null>(null);

/** Makes `serverNow` (ms since epoch, taken while the server rendered) the clock for hydration. */
export function ClockProvider({ serverNow, children }: { serverNow: number; children: ReactNode }) {
  return <ServerNowContext value={serverNow}>{children}</ServerNowContext>;
}

const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribeToClock(listener: () => void): () => void {
  listeners.add(listener);
  timer ??= setInterval(() => listeners.forEach((notify) => notify()), TICK);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

// Rounded to the minute so that repeated reads agree and ticks re-render at most once a minute.
function clientNow(): number {
  return Math.floor(Date.now() / MINUTE) * MINUTE;
}

/** The current time in ms, `null` while hydrating without a ClockProvider. */
export function useNow(): number | null {
  const serverNow = useContext(ServerNowContext);
  return useSyncExternalStore<number | null>(subscribeToClock, clientNow, () => serverNow);
}

const noSubscription = () => () => {};

/** False on the server and during hydration, true afterwards. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

const zoneOf = (hydrated: boolean): Zone => (hydrated ? "local" : "utc");

/** A calendar date ("Nov 22, 2026") in the viewer's time zone, with the full time on hover. */
export function LocalDate({ value, className }: { value: string; className?: string }) {
  const hydrated = useHydrated();
  const date = new Date(value);
  const text = formatDate(date, zoneOf(hydrated));
  return (
    <time dateTime={value} title={formatDateTime(date, zoneOf(hydrated))} className={className}>
      {text}
    </time>
  );
}

/** A date and time ("Nov 22, 2026, 3:04 PM") in the viewer's time zone (UTC until hydration). */
export function LocalDateTime({ value, className }: { value: string; className?: string }) {
  const hydrated = useHydrated();
  return (
    <time dateTime={value} className={className}>
      {formatDateTime(value, zoneOf(hydrated))}
    </time>
  );
}

interface RelativeTimeProps {
  value: string;
  /** For events that already happened: a server clock slightly ahead of the browser's must not say "in 1 minute". */
  past?: boolean;
  className?: string;
}

/** "3 hours ago" / "in 2 days", relative to a shared clock so a table of them stays consistent. */
export function RelativeTime({ value, past = false, className }: RelativeTimeProps) {
  const now = useNow();
  const hydrated = useHydrated();
  const date = new Date(value);
  let text: string;
  if (now === null) text = formatDate(date, "utc");
  else text = relativeTo(past && date.getTime() > now ? new Date(now) : date, now);
  return (
    <time dateTime={value} title={formatDateTime(date, zoneOf(hydrated))} className={className}>
      {text}
    </time>
  );
}

/** `formatDistanceToNow(date, { addSuffix: true })`, but against a given instant instead of the wall clock. */
export function relativeTo(date: Date, now: number): string {
  return formatDistance(date, now, { addSuffix: true });
}
