"use client";

import { type FormErrors, toFormErrors } from "@/components/form-errors";
import { useState, type FormEvent } from "react";
import { apiRequest } from "@/components/api-request";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { Resolution, ResolutionStep } from "@/lib/registries/view";

const OUTCOME: Record<ResolutionStep["outcome"], { label: string; tone: BadgeTone }> = {
  selected: { label: "Serves it", tone: "green" },
  skipped: { label: "Skipped", tone: "grey" },
  upstream: { label: "Upstream", tone: "blue" },
};

/** "Which registry serves this package?": asks GET /api/registries/resolve and explains the answer. */
export function ResolveBox() {
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<FormErrors<"package">>({});
  const [result, setResult] = useState<Resolution | null>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const name = String(new FormData(event.currentTarget).get("package") ?? "").trim();
    if (!name) {
      setErrors({ package: "Enter a package name, e.g. @company/pkg." });
      return;
    }
    setPending(true);
    setErrors({});
    try {
      setResult(await apiRequest<Resolution>(`/api/registries/resolve?package=${encodeURIComponent(name)}`, { method: "GET" }));
    } catch (error) {
      setResult(null);
      setErrors(toFormErrors(error, ["package"] as const));
    } finally {
      setPending(false);
    }
  }

  return (
    <section aria-labelledby="resolve-heading" className="rounded-xl border border-zinc-200 bg-white p-4 shadow-xs sm:p-5">
      <h2 id="resolve-heading" className="text-sm font-semibold text-zinc-900">
        Which registry serves this package?
      </h2>
      <p className="mt-1 text-sm text-zinc-600">Checks the list above the way clients do: scopes first, then priority, then the default.</p>
      <form noValidate onSubmit={handleSubmit} className="mt-4 flex flex-col gap-2 sm:flex-row sm:items-start">
        <div className="flex-1">
          <Field id="resolve-package" label="Package" error={errors.package ?? errors.form}>
            {({ invalid, ...control }) => (
              <Input
                {...control}
                invalid={invalid}
                name="package"
                placeholder="@company/pkg"
                autoComplete="off"
                spellCheck={false}
                autoCapitalize="none"
                className="font-mono"
              />
            )}
          </Field>
        </div>
        <Button type="submit" variant="secondary" pending={pending} className="sm:mt-6.5">
          Resolve
        </Button>
      </form>

      <div aria-live="polite">
        {result ? (
          <div className="mt-4 space-y-3" data-testid="resolution">
            {result.registry ? (
              <Callout tone="info" title={<>Served by {result.registry.name}</>}>
                <p>{result.reason}</p>
                <p className="mt-1 font-mono text-[12px] break-all">{result.registry.url}</p>
              </Callout>
            ) : (
              <Callout tone="warning" title="No registry serves this package">
                <p>{result.reason}</p>
              </Callout>
            )}
            <ol className="space-y-1.5 text-sm" aria-label="How it was decided">
              {result.trail.map((step, index) => (
                <li key={`${step.registry.id}-${index}`} className="flex flex-wrap items-center gap-2">
                  <Badge tone={OUTCOME[step.outcome].tone}>{OUTCOME[step.outcome].label}</Badge>
                  <span className="font-medium text-zinc-900">{step.registry.name}</span>
                  <span className="text-zinc-500">{step.note}</span>
                </li>
              ))}
            </ol>
            {result.cycleAt ? (
              <Callout tone="warning">The upstream chain loops back to {result.cycleAt.name}. Fix the upstreams to break the loop.</Callout>
            ) : null}
          </div>
        ) : null}
      </div>
    </section>
  );
}
