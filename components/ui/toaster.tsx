"use client";

import { useSyncExternalStore } from "react";
import { cn } from "./cn";
import { CloseIcon } from "./icons";

// One live region for the whole dashboard: every action says what it did here ("Key revoked."),
// read out by screen readers and shown for a few seconds. Mounted once, in the dashboard layout,
// so a message survives the page refresh that follows the action.

export interface Toast {
  id: number;
  message: string;
  tone: "success" | "error";
}

const SHOWN_MS = 6_000;
let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((notify) => notify());

function dismiss(id: number): void {
  toasts = toasts.filter((toast) => toast.id !== id);
  emit();
}

/** Shows `message` in the dashboard's live region. */
export function toast(message: string, tone: Toast["tone"] = "success"): void {
  const id = nextId++;
  toasts = [...toasts.slice(-2), { id, message, tone }];
  emit();
  setTimeout(() => dismiss(id), SHOWN_MS);
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const EMPTY: Toast[] = [];

export function Toaster() {
  const shown = useSyncExternalStore(
    subscribe,
    () => toasts,
    () => EMPTY,
  );
  return (
    // The region exists from the first render: live regions added with their text are not read out.
    <div
      role="status"
      aria-live="polite"
      aria-label="Notifications"
      data-testid="toaster"
      className="pointer-events-none fixed inset-x-4 bottom-4 z-[60] flex flex-col items-end gap-2 sm:left-auto sm:w-96"
    >
      {shown.map((item) => (
        <div
          key={item.id}
          data-testid="toast"
          className={cn(
            "pointer-events-auto flex w-full items-start gap-3 rounded-lg border bg-white px-3.5 py-3 text-sm shadow-lg shadow-zinc-950/10",
            item.tone === "error" ? "border-red-200 text-red-900" : "border-zinc-200 text-zinc-900",
          )}
        >
          <p className="min-w-0 flex-1 break-words">{item.message}</p>
          <button
            type="button"
            onClick={() => dismiss(item.id)}
            // Out of the tab order: the message leaves by itself, and an open dialog hides this region.
            tabIndex={-1}
            aria-label="Dismiss notification"
            className="-m-1 rounded-md p-1 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800 focus-visible:outline-2 focus-visible:outline-zinc-900"
          >
            <CloseIcon className="size-4" />
          </button>
        </div>
      ))}
    </div>
  );
}
