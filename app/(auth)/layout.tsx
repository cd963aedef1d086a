import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { Logo } from "@/components/ui/logo";
import { getViewer } from "@/lib/auth/session";

export default async function AuthLayout({ children }: { children: ReactNode }) {
  // Someone already signed in has nothing to do here.
  if (await getViewer()) redirect("/keys");

  return (
    <div className="flex min-h-dvh flex-col bg-linear-to-b from-white to-zinc-100">
      <header className="px-6 py-5">
        <Link
          href="/sign-in"
          className="inline-flex rounded-md focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-zinc-900"
        >
          <Logo />
        </Link>
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pt-6 pb-16 sm:items-center sm:pt-0">{children}</main>
    </div>
  );
}
