"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { apiRequest, errorMessage } from "@/components/api-request";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { ArrowDownIcon, ArrowUpIcon, CornerDownRightIcon, KeyIcon } from "@/components/ui/icons";
import type { RegistryView } from "@/lib/registries/view";
import { DeleteRegistryDialog } from "./delete-registry-dialog";
import { EditRegistryDialog } from "./edit-registry-dialog";
import { ReplaceKeyDialog } from "./replace-key-dialog";

type Direction = "up" | "down";

interface RegistriesListProps {
  /** In priority order. */
  registries: RegistryView[];
  canWrite: boolean;
}

/**
 * The registries in priority order. Up/down buttons reorder (keyboard first: focus stays on
 * the moved registry's button, and the move is announced). The new order shows at once and
 * is rolled back if the server refuses it.
 */
export function RegistriesList({ registries, canWrite }: RegistriesListProps) {
  const router = useRouter();
  // A change shows at once. Changes are sent one after another (two reorders racing could
  // be applied in the wrong order), and the optimistic list stays until all of them are
  // answered and the server's list has arrived (a new `registries` prop).
  const [override, setOverride] = useState<{ list: RegistryView[]; until: RegistryView[] | null } | null>(null);
  const shown = override && (override.until === null || override.until === registries) ? override.list : registries;
  const latest = useRef(registries);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const inFlight = useRef({ count: 0, failed: false });
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  // Where focus goes after a change re-renders the list: a registry and candidate controls in it.
  const focusAfter = useRef<{ id: string; selectors: string[] } | null>(null);
  const listRef = useRef<HTMLOListElement>(null);

  // Moving a list item moves its DOM node, which drops focus, and "Make default" removes the
  // button that was pressed: put focus back on the same registry.
  useEffect(() => {
    const wanted = focusAfter.current;
    if (!wanted || !listRef.current) return;
    focusAfter.current = null;
    for (const selector of wanted.selectors) {
      const control = listRef.current.querySelector<HTMLButtonElement>(`[data-registry-id="${wanted.id}"] ${selector}`);
      if (control && !control.disabled) {
        control.focus();
        return;
      }
    }
  });

  useEffect(() => {
    latest.current = registries;
  }, [registries]);

  function apply(list: RegistryView[], request: () => Promise<unknown>, done: string, failed: string) {
    setError(null);
    setOverride({ list, until: null });
    inFlight.current.count += 1;
    queue.current = queue.current.then(async () => {
      try {
        await request();
        setAnnouncement(done);
      } catch (caught) {
        inFlight.current.failed = true;
        setError(errorMessage(caught));
        setAnnouncement(failed);
      }
      inFlight.current.count -= 1;
      if (inFlight.current.count > 0) return;
      // Show the server's list once it arrives; after a refusal, at once (it is the truth).
      const refused = inFlight.current.failed;
      inFlight.current.failed = false;
      setOverride((current) => (refused || !current ? null : { list: current.list, until: latest.current }));
      router.refresh();
    });
  }

  function move(index: number, direction: Direction) {
    const target = direction === "up" ? index - 1 : index + 1;
    if (target < 0 || target >= shown.length) return;
    const next = [...shown];
    const [moved] = next.splice(index, 1);
    next.splice(target, 0, moved!);
    const other = direction === "up" ? "down" : "up";
    focusAfter.current = { id: moved!.id, selectors: [`[data-move="${direction}"]`, `[data-move="${other}"]`] };
    void apply(
      next.map((registry, position) => ({ ...registry, priority: position })),
      () => apiRequest("/api/registries/order", { method: "PUT", body: { ids: next.map((registry) => registry.id) } }),
      `${moved!.name} moved to position ${target + 1} of ${next.length}.`,
      `Could not move ${moved!.name}.`,
    );
  }

  function makeDefault(registry: RegistryView) {
    focusAfter.current = { id: registry.id, selectors: ['[data-action="edit"]'] };
    void apply(
      shown.map((other) => ({ ...other, isDefault: other.id === registry.id })),
      () => apiRequest(`/api/registries/${encodeURIComponent(registry.id)}/default`, { method: "POST" }),
      `${registry.name} is now the default registry.`,
      `Could not make ${registry.name} the default.`,
    );
  }

  return (
    <section aria-labelledby="registries-heading" className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xs">
      <div className="flex flex-col gap-1 border-b border-zinc-200 px-4 py-3 sm:flex-row sm:items-baseline sm:justify-between">
        <h2 id="registries-heading" className="text-sm font-semibold text-zinc-900">
          Priority order
        </h2>
        <p className="text-xs text-zinc-500">Checked from the top; scoped registries always serve their scopes first.</p>
      </div>
      {error ? (
        <Callout tone="error" role="alert" className="m-4">
          {error}
        </Callout>
      ) : null}
      <ol ref={listRef} className="divide-y divide-zinc-100" data-testid="registry-list">
        {shown.map((registry, index) => (
          <li
            key={registry.id}
            data-testid="registry-row"
            data-registry-id={registry.id}
            data-focus-row={registry.id}
            className="flex flex-col gap-3 px-4 py-4 sm:flex-row sm:items-start"
          >
            <div className="flex items-start gap-3 sm:flex-1 sm:min-w-0">
              {/* The list is an <ol>: assistive technology announces the position already. */}
              <span
                aria-hidden="true"
                className="mt-0.5 grid size-7 shrink-0 place-items-center rounded-full bg-zinc-100 text-xs font-semibold text-zinc-700 tabular-nums"
              >
                {index + 1}
              </span>
              <RegistrySummary registry={registry} />
            </div>
            {canWrite ? (
              <div className="flex flex-wrap items-center gap-1 pl-10 sm:shrink-0 sm:justify-end sm:pl-0">
                <div className="mr-1 flex gap-1">
                  <Button
                    variant="secondary"
                    size="sm"
                    className="px-2"
                    data-move="up"
                    aria-label={`Move ${registry.name} up`}
                    disabled={index === 0}
                    onClick={() => move(index, "up")}
                  >
                    <ArrowUpIcon className="size-4" />
                  </Button>
                  <Button
                    variant="secondary"
                    size="sm"
                    className="px-2"
                    data-move="down"
                    aria-label={`Move ${registry.name} down`}
                    disabled={index === shown.length - 1}
                    onClick={() => move(index, "down")}
                  >
                    <ArrowDownIcon className="size-4" />
                  </Button>
                </div>
                {registry.isDefault ? null : (
                  <Button variant="ghost" size="sm" onClick={() => makeDefault(registry)} aria-label={`Make ${registry.name} the default`}>
                    Make default
                  </Button>
                )}
                <EditRegistryDialog registry={registry} registries={shown} />
                <ReplaceKeyDialog registry={registry} />
                {registry.isDefault || registry.builtIn ? null : <DeleteRegistryDialog registry={registry} />}
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      <p aria-live="polite" className="border-t border-zinc-200 px-4 py-3 text-xs text-zinc-500">
        {announcement || `${shown.length} ${shown.length === 1 ? "registry" : "registries"}`}
      </p>
    </section>
  );
}

function RegistrySummary({ registry }: { registry: RegistryView }) {
  return (
    <div className="min-w-0 space-y-1.5">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium break-words text-zinc-900" data-testid="registry-name">
          {registry.name}
        </span>
        {registry.isDefault ? (
          <Badge tone="blue" dot data-testid="default-badge">
            Default
          </Badge>
        ) : null}
        {registry.builtIn ? <Badge tone="grey">Public</Badge> : null}
        {registry.scopes.map((scope) => (
          <Badge key={scope} tone="neutral" className="font-mono">
            {scope}
          </Badge>
        ))}
      </div>
      <p className="font-mono text-[13px] break-all text-zinc-600">{registry.url}</p>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-zinc-500">
        <span className="inline-flex items-center gap-1.5">
          <KeyIcon className="size-3.5" />
          {registry.apiKeyMask ? (
            <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[12px] text-zinc-700" data-testid="key-mask">
              {registry.apiKeyMask}
            </code>
          ) : (
            <span>No API key</span>
          )}
        </span>
        {registry.upstream ? (
          <span className="inline-flex items-center gap-1.5">
            <CornerDownRightIcon className="size-3.5" />
            Falls through to <span className="font-medium text-zinc-700">{registry.upstream.name}</span>
          </span>
        ) : null}
        {registry.scopes.length > 0 ? <span>Serves only its scopes</span> : null}
        {registry.apiBase ? <span className="hidden break-all md:inline">API {registry.apiBase}</span> : null}
      </div>
    </div>
  );
}
