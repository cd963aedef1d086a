import { SignIn, SignUp, UserButton } from "@clerk/nextjs";

/** Clerk's hosted sign-in and sign-up forms, used when Clerk is the provider. */
export function ClerkSignIn() {
  return <SignIn signUpUrl="/sign-up" fallbackRedirectUrl="/keys" />;
}

export function ClerkSignUp() {
  return <SignUp signInUrl="/sign-in" fallbackRedirectUrl="/keys" />;
}

/** Clerk's account menu (profile, organisation switch, sign out) for the dashboard header. */
export function ClerkUserMenu() {
  return <UserButton />;
}
