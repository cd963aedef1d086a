import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { authProvider } from "@/lib/auth/mode";
import { safeNextPath } from "@/lib/auth/next-path";
import { ClerkSignIn } from "@/lib/auth/provider-pages";

export const metadata: Metadata = { title: "Sign in" };

const MESSAGE_MAX = 300;

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string | string[]; next?: string | string[] }>;
}) {
  if (authProvider() === "clerk") return <ClerkSignIn />;
  const { error, next } = await searchParams;
  const nextPath = typeof next === "string" ? safeNextPath(next) : undefined;

  return (
    <AuthCard
      title="Sign in to Keysmith"
      description="Manage the API keys of your organisation."
      footer={
        <>
          New to Keysmith?{" "}
          <Link href="/sign-up" className="font-medium text-zinc-900 underline underline-offset-4 hover:text-zinc-700">
            Create an account
          </Link>
        </>
      }
    >
      <SignInForm initialError={typeof error === "string" ? error.slice(0, MESSAGE_MAX) : undefined} next={nextPath} />
    </AuthCard>
  );
}
