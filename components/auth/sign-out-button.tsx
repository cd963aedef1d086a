"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiRequest, errorMessage } from "@/components/api-request";
import { Button } from "@/components/ui/button";

/** Ends the local session, then goes to the sign-in page. */
export function SignOutButton() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function signOut() {
    setPending(true);
    setError(null);
    try {
      await apiRequest("/api/auth/sign-out", { method: "POST" });
      router.replace("/sign-in");
      router.refresh();
    } catch (caught) {
      setError(errorMessage(caught));
      setPending(false);
    }
  }

  return (
    <div className="relative">
      <Button variant="ghost" size="sm" pending={pending} onClick={signOut}>
        Sign out
      </Button>
      {error ? (
        <p
          role="alert"
          className="absolute top-full right-0 z-10 mt-2 w-64 rounded-lg border border-red-200 bg-white p-3 text-xs text-red-700 shadow-lg"
        >
          {error}
        </p>
      ) : null}
    </div>
  );
}
