import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { authProvider } from "@/lib/auth/mode";
import { ClerkSignUp } from "@/lib/auth/provider-pages";
import { PASSWORD_MIN } from "@/lib/validations/auth";

export const metadata: Metadata = { title: "Create account" };

export default function SignUpPage() {
  if (authProvider() === "clerk") return <ClerkSignUp />;

  return (
    <AuthCard
      title="Create your account"
      description={
        <p>
          The first account created on this Keysmith server becomes the{" "}
          <strong className="font-semibold text-zinc-900">organisation owner</strong>. Later accounts join the
          organisation as read-only members until an owner promotes them.
        </p>
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
      <SignUpForm passwordMinLength={PASSWORD_MIN} />
    </AuthCard>
  );
}
