"use client";

import { type FormErrors, toFormErrors } from "@/components/form-errors";
import { useState, type FormEvent } from "react";
import { apiRequest } from "@/components/api-request";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { LiveOutcome, LiveResolution } from "@/lib/registries/live-resolve";
import type { ResolutionStep } from "@/lib/registries/view";

const OUTCOME: Record<ResolutionStep["outcome"], { label: string; tone: BadgeTone }> = {
  selected: { label: "Serves it", tone: "green" },
  skipped: { label: "Skipped", tone: "grey" },
  upstream: { label: "Upstream", tone: "blue" },
};

const LIVE: Record<LiveOutcome, { label: string; tone: BadgeTone }> = {
  serves: { label: "Has it", tone: "green" },
  not_found: { label: "Not found", tone: "grey" },
  unauthorized: { label: "Refused key", tone: "amber" },
  error: { label: "Error", tone: "red" },
  timeout: { label: "No answer", tone: "red" },
  refused: { label: "Not allowed", tone: "red" },
};

/**
 * "Which registry serves this package?": asks GET /api/registries/resolve and explains the answer;
 * "Ask the registries" adds live=true, and each registry's own answer is listed in resolution order.
 */
export function ResolveBox() {
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<FormErrors<"package">>({});
  const [result, setResult] = useState<LiveResolution | null>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    const name = String(data.get("package") ?? "").trim();
    const live = data.get("live") !== null;
    if (!name) {
      setErrors({ package: "Enter a package name, e.g. @company/pkg." });
      return;
    }
    setPending(true);
    setErrors({});
    try {
      const query = `package=${encodeURIComponent(name)}${live ? "&live=true" : ""}`;
      setResult(await apiRequest<LiveResolution>(`/api/registries/resolve?${query}`, { method: "GET" }));
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
      <form id="resolve-form" noValidate onSubmit={handleSubmit} className="mt-4 flex flex-col gap-2 sm:flex-row sm:items-start">
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
      <label className="mt-2 flex items-center gap-2 text-sm text-zinc-700">
        <input type="checkbox" name="live" form="resolve-form" className="size-4 accent-zinc-900" />
        Ask the registries (live: each gets <code className="font-mono text-[12px]">GET /&lt;name&gt;</code>, 3 s at most)
      </label>

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
            {result.live ? (
              <div className="space-y-2" data-testid="live-resolution">
                <p className="text-sm font-medium text-zinc-900">
                  {result.live.servedBy
                    ? `${result.live.servedBy.name} has it (first to answer in resolution order).`
                    : "No registry answered that it has it."}
                </p>
                <ol className="space-y-1.5 text-sm" aria-label="What the registries answered">
                  {result.live.answers.map((answer) => (
                    <li key={answer.registry.id} className="flex flex-wrap items-center gap-2">
                      <Badge tone={LIVE[answer.outcome].tone}>{LIVE[answer.outcome].label}</Badge>
                      <span className="font-medium text-zinc-900">{answer.registry.name}</span>
                      <span className="text-zinc-500">
                        {answer.status !== null ? `HTTP ${answer.status}` : answer.message} · {answer.durationMs} ms
                      </span>
                    </li>
                  ))}
                </ol>
              </div>
            ) : null}
            {result.cycleAt ? (
              <Callout tone="warning">The upstream chain loops back to {result.cycleAt.name}. Fix the upstreams to break the loop.</Callout>
            ) : null}
          </div>
        ) : null}
      </div>
    </section>
  );
}
