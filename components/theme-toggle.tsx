"use client";

import { useState } from "react";
import { useHydrated } from "@/components/use-hydrated";
import { THEME_COOKIE, type Theme } from "@/lib/theme";

const YEAR_SECONDS = 365 * 24 * 60 * 60;

function currentTheme(): Theme {
  const chosen = document.documentElement.dataset.theme;
  if (chosen === "light" || chosen === "dark") return chosen;
  return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

/** Switches between light and dark; the choice is remembered in a cookie the server renders from. */
export function ThemeToggle() {
  const hydrated = useHydrated();
  const [chosen, setTheme] = useState<Theme | null>(null);
  // The system's preference is only known in the browser: nothing is claimed in the server's HTML.
  const theme = hydrated ? (chosen ?? currentTheme()) : null;

  function toggle() {
    const next: Theme = currentTheme() === "dark" ? "light" : "dark";
    document.documentElement.dataset.theme = next;
    document.cookie = `${THEME_COOKIE}=${next}; path=/; max-age=${YEAR_SECONDS}; samesite=lax`;
    setTheme(next);
  }

  const label = theme === "dark" ? "Light theme" : "Dark theme";
  return (
    <button
      type="button"
      onClick={toggle}
      disabled={theme === null}
      data-testid="theme-toggle"
      aria-label={theme === null ? undefined : label}
      className="rounded-md whitespace-nowrap px-2 py-1.5 text-sm text-zinc-700 transition-colors hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-zinc-900"
    >
      {theme === null ? "Theme" : label.split(" ")[0]}
    </button>
  );
}
