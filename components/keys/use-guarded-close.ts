"use client";

import { useState } from "react";

/**
 * Closing a dialog that shows a key for the only time: Escape and × ask first ("Did you copy the
 * key?"); "Done" and the answer "Yes, close" close it.
 */
export function useGuardedClose(showingKey: boolean, close: () => void) {
  const [asking, setAsking] = useState(false);
  return {
    asking,
    /** What Escape and × do. */
    requestClose: () => (showingKey ? setAsking(true) : close()),
    keepOpen: () => setAsking(false),
    close: () => {
      setAsking(false);
      close();
    },
  };
}
