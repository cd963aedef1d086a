import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { authProvider } from "@/lib/auth/mode";
import { ClerkSignUp } from "@/lib/auth/provider-pages";
import { PASSWORD_MIN } from "@/lib/validations/auth";

export const metadata: Metadata = { title: "Create account" };

const MESSAGE_MAX = 300;

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string | string[]; invitation?: string | string[] }>;
}) {
  if (authProvider() === "clerk") return <ClerkSignUp />;
  const { error, invitation } = await searchParams;
  const invited = typeof invitation === "string" ? invitation : undefined;

  return (
    <AuthCard
      title="Create your account"
      description={
        invited ? (
          <p>You were invited to join an organisation on this Keysmith server. Use the email address the invitation was made for.</p>
        ) : (
          <p>
            The first account created on this Keysmith server becomes the{" "}
            <strong className="font-semibold text-zinc-900">organisation owner</strong>. After that, people join with an invitation link
            from an owner or admin.
          </p>
        )
      }
      footer={
        <>
          Already have an account?{" "}
          <Link href="/sign-in" className="font-medium text-zinc-900 underline underline-offset-4 hover:text-zinc-700">
            Sign in
          </Link>
        </>
      }
    >
      <SignUpForm
        passwordMinLength={PASSWORD_MIN}
        invitation={invited}
        initialError={typeof error === "string" ? error.slice(0, MESSAGE_MAX) : undefined}
      />
    </AuthCard>
  );
}
