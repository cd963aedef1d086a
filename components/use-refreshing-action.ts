"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorMessage } from "@/components/api-request";
import { toast } from "@/components/ui/toaster";

/**
 * Runs a request that changes server data, says `done` in the live region, then re-renders the
 * page's server components. `run` answers whether it succeeded; a failure's message is kept in
 * `error` for display.
 */
export function useRefreshingAction() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(action: () => Promise<unknown>, done: string): Promise<boolean> {
    setPending(true);
    setError(null);
    try {
      await action();
      toast(done);
      router.refresh();
      return true;
    } catch (caught) {
      setError(errorMessage(caught));
      return false;
    } finally {
      setPending(false);
    }
  }

  return { run, pending, error };
}
