"use client";

import { useEffect } from "react";

// Focus must never fall to <body> after an action: a revoked key's Revoke button, a removed
// member's row, the empty state's "Create key" button once the first key exists, a button disabled
// while its request runs. Mounted once in the dashboard layout, this watches for the focused control
// leaving the page (or being disabled) and then focuses, in order: the same control once it is
// enabled again, the first control of the same row ([data-focus-row] with the same value; rows
// re-rendered by a refresh keep their value), the page's [data-focus-fallback] control, or <main>.

const FOCUSABLE = 'a[href], button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex="0"]';

function visible(element: HTMLElement): boolean {
  return element.getClientRects().length > 0;
}

function rescueTarget(row: string | null): HTMLElement | null {
  if (row !== null) {
    const again = [...document.querySelectorAll<HTMLElement>("[data-focus-row]")].find((el) => el.dataset.focusRow === row);
    const control = again ? [...again.querySelectorAll<HTMLElement>(FOCUSABLE)].find(visible) : undefined;
    if (control) return control;
  }
  for (const fallback of document.querySelectorAll<HTMLElement>("[data-focus-fallback]")) {
    const control = fallback.matches(FOCUSABLE) ? fallback : fallback.querySelector<HTMLElement>(FOCUSABLE);
    if (control && visible(control)) return control;
  }
  return document.getElementById("main");
}

export function FocusRescue() {
  useEffect(() => {
    let last: HTMLElement | null = null;
    let row: string | null = null;
    const onFocusIn = (event: FocusEvent) => {
      if (!(event.target instanceof HTMLElement) || event.target === document.body) return;
      last = event.target;
      row = last.closest<HTMLElement>("[data-focus-row]")?.dataset.focusRow ?? null;
    };
    // A click on the page's background moves focus to <body> on purpose: nothing to rescue then.
    const onPointerDown = () => {
      last = null;
      row = null;
    };
    const observer = new MutationObserver(() => {
      if (last === null) return;
      const active = document.activeElement;
      if (active !== null && active !== document.body) return;
      if (last.isConnected) {
        if ((last as HTMLButtonElement).disabled) return; // wait until its request has answered
        last.focus();
        return;
      }
      const target = rescueTarget(row);
      last = null;
      target?.focus();
    });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["disabled"] });
    document.addEventListener("focusin", onFocusIn);
    document.addEventListener("pointerdown", onPointerDown, true);
    return () => {
      observer.disconnect();
      document.removeEventListener("focusin", onFocusIn);
      document.removeEventListener("pointerdown", onPointerDown, true);
    };
  }, []);
  return null;
}
