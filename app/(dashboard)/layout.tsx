import { redirectToSignIn } from "@/lib/auth/sign-in-redirect";
import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { ThemeToggle } from "@/components/theme-toggle";
import { Badge } from "@/components/ui/badge";
import { FocusRescue } from "@/components/ui/focus-rescue";
import { Logo } from "@/components/ui/logo";
import { NavLink } from "@/components/ui/nav-link";
import { Toaster } from "@/components/ui/toaster";
import { holds } from "@/lib/auth/principal";
import { authProvider } from "@/lib/auth/mode";
import { ClerkUserMenu } from "@/lib/auth/provider-pages";
import { getViewer } from "@/lib/auth/session";
import type { OrgRole } from "@/lib/auth/types";

const ROLE_LABEL: Record<OrgRole, string> = { owner: "Owner", admin: "Admin", member: "Member" };

// The layout shows who is signed in. It is not the access check: pages render in parallel
// with it, so each page checks the viewer itself.
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const viewer = await getViewer();
  if (!viewer) return redirectToSignIn();

  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-zinc-900 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:outline-2 focus:outline-zinc-900"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-40 border-b border-zinc-200 bg-white/90 backdrop-blur supports-backdrop-filter:bg-white/75">
        {/* The navigation has a row of its own under the logo and the account, at every width: ten
            pages do not fit beside them in the 72rem column. It scrolls sideways where it must (a
            phone), so every page and Sign out stay reachable. */}
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 px-4 sm:gap-x-6 sm:px-6">
          <Link
            href="/keys"
            className="my-2.5 shrink-0 rounded-md focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-zinc-900"
          >
            <Logo compact />
          </Link>
          <nav
            aria-label="Main"
            className="order-last -mx-4 flex w-[calc(100%+2rem)] items-center gap-1 overflow-x-auto px-3 pb-2 sm:-mx-6 sm:w-[calc(100%+3rem)] sm:px-5"
          >
            <NavLink href="/keys">Keys</NavLink>
            <NavLink href="/registries">Registries</NavLink>
            <NavLink href="/members">Members</NavLink>
            <NavLink href="/settings">Settings</NavLink>
            {holds(viewer, "usage:read") ? <NavLink href="/usage">Usage</NavLink> : null}
            {holds(viewer, "usage:read") ? <NavLink href="/requests">Requests</NavLink> : null}
            {holds(viewer, "audit:read") ? <NavLink href="/audit">Audit</NavLink> : null}
            {holds(viewer, "webhooks:read") ? <NavLink href="/webhooks">Webhooks</NavLink> : null}
            <NavLink href="/notifications">Notifications</NavLink>
            <NavLink href="/docs">API docs</NavLink>
          </nav>

          <div className="ml-auto flex min-w-0 items-center gap-2 sm:gap-3">
            <div className="flex min-w-0 max-w-xs flex-col items-end text-right leading-tight lg:max-w-48 xl:max-w-xs" data-testid="viewer">
              <span
                className="max-w-full truncate text-sm font-medium text-zinc-900"
                title={viewer.email ? `${viewer.orgName} · ${viewer.email}` : viewer.orgName}
              >
                {viewer.orgName}
              </span>
              {viewer.email ? (
                <span className="hidden max-w-full truncate text-xs text-zinc-500 xl:block" title={viewer.email}>
                  {viewer.email}
                </span>
              ) : null}
            </div>
            <Badge tone={viewer.orgRole === "member" ? "grey" : "blue"} className="shrink-0">
              {ROLE_LABEL[viewer.orgRole]}
            </Badge>
            <ThemeToggle />
            <span aria-hidden="true" className="hidden h-6 w-px shrink-0 bg-zinc-200 sm:block" />
            <div className="shrink-0">{authProvider() === "local" ? <SignOutButton /> : <ClerkUserMenu />}</div>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="focus:outline-none mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6 sm:py-10">
        {children}
      </main>
      <Toaster />
      <FocusRescue />
    </div>
  );
}
