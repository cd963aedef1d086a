"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False in the server's HTML and during hydration, true once React owns the page. Buttons that
 * only work through React (a form's onSubmit, a dialog trigger) stay disabled until then: clicked
 * earlier, a form would submit natively (a GET putting the fields in the URL and reloading the
 * page empty) and a trigger would do nothing. A disabled default button also blocks Enter's
 * implicit submission.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
