"use client";

import { useEffect } from "react";

// Focus must never fall to <body> after an action: a revoked key's Revoke button, a removed
// member's row, the empty state's "Create key" button once the first key exists, a button disabled
// while its request runs. Mounted once in the dashboard layout, this watches for the focused control
// leaving the page (or being disabled) and then focuses, in order: the same control once it is
// enabled again or drawn anew (same data-key-action or label), the first control of the same row
// ([data-focus-row] with the same value; rows re-rendered by a refresh keep it), the page's
// [data-focus-fallback] control, or <main>.

const FOCUSABLE = 'a[href], button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex="0"]';

function visible(element: HTMLElement): boolean {
  return element.getClientRects().length > 0;
}

/** What identifies a control across re-renders: its data-key-action ("toggle") or its accessible label. */
interface Signature {
  row: string | null;
  action: string | null;
  label: string | null;
}

function signatureOf(element: HTMLElement): Signature {
  return {
    row: element.closest<HTMLElement>("[data-focus-row]")?.dataset.focusRow ?? null,
    action: element.dataset.keyAction ?? null,
    label: element.getAttribute("aria-label") ?? element.textContent?.trim() ?? null,
  };
}

function rescueTarget(lost: Signature): HTMLElement | null {
  const rows = [...document.querySelectorAll<HTMLElement>("[data-focus-row]")];
  const row = lost.row === null ? undefined : rows.find((el) => el.dataset.focusRow === lost.row);
  // The same control drawn anew (a refresh may re-create a row's cells), in its row or on the page;
  // not when its row is gone (another row's "Remove" is not the same control).
  if (lost.row === null || row) {
    const controls = [...(row ?? document).querySelectorAll<HTMLElement>(FOCUSABLE)].filter(visible);
    const same =
      (lost.action && controls.find((el) => el.dataset.keyAction === lost.action)) ||
      (lost.label && controls.find((el) => (el.getAttribute("aria-label") ?? el.textContent?.trim()) === lost.label));
    if (same) return same;
    if (row && controls[0]) return controls[0];
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
    let signature: Signature = { row: null, action: null, label: null };
    const onFocusIn = (event: FocusEvent) => {
      if (!(event.target instanceof HTMLElement) || event.target === document.body) return;
      last = event.target;
      signature = signatureOf(last);
    };
    // A click on the page's background moves focus to <body> on purpose: nothing to rescue then.
    const onPointerDown = () => {
      last = null;
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
      const target = rescueTarget(signature);
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
