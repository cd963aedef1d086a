"use client";

import { useState, type MouseEvent } from "react";
import { apiRequest, errorMessage } from "@/components/api-request";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import type { ConnectionCheck } from "@/lib/registries/check";

/**
 * "Test connection" beside an API key field: asks POST /api/registries/check with the key typed
 * in the same form (a new registry by URL, a saved one by id) and shows what the registry
 * answered. After a failed check (or when the server refused to save: `refused`) it offers
 * "Save anyway", a checkbox named saveUnchecked that the form sends along.
 */
export function KeyCheck({ target, refused }: { target: { url: string } | { registryId: string }; refused: boolean }) {
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<ConnectionCheck | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function handleClick(event: MouseEvent<HTMLButtonElement>) {
    const form = event.currentTarget.form;
    const apiKey = String((form ? new FormData(form).get("apiKey") : "") ?? "").trim();
    if (!apiKey) {
      setResult(null);
      setFailure("Enter the API key to test it.");
      return;
    }
    setPending(true);
    setFailure(null);
    try {
      setResult(await apiRequest<ConnectionCheck>("/api/registries/check", { method: "POST", body: { ...target, apiKey } }));
    } catch (error) {
      setResult(null);
      setFailure(errorMessage(error));
    } finally {
      setPending(false);
    }
  }

  const failed = refused || failure !== null || (result !== null && !result.ok);
  return (
    <div className="space-y-3" data-testid="key-check">
      <Button variant="secondary" size="sm" onClick={handleClick} pending={pending}>
        Test connection
      </Button>
      <div aria-live="polite" className="space-y-3">
        {result ? (
          <Callout tone={result.ok ? "info" : "error"} title={result.ok ? "Connection works" : "Connection failed"}>
            <p>{result.message}</p>
            <p className="mt-1 font-mono text-[12px] break-all">{result.endpoint}</p>
          </Callout>
        ) : null}
        {failure ? <Callout tone="error">{failure}</Callout> : null}
      </div>
      {failed ? (
        <label className="flex items-start gap-2 text-sm text-zinc-700">
          <input type="checkbox" name="saveUnchecked" className="mt-0.5 size-4 accent-zinc-900" />
          <span>Save the key anyway, although the registry did not accept it (recorded in the audit log)</span>
        </label>
      ) : null}
    </div>
  );
}
