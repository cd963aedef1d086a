import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { authProvider } from "@/lib/auth/mode";
import { ClerkSignIn } from "@/lib/auth/provider-pages";

export const metadata: Metadata = { title: "Sign in" };

export default function SignInPage() {
  if (authProvider() === "clerk") return <ClerkSignIn />;

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
      <SignInForm />
    </AuthCard>
  );
}
