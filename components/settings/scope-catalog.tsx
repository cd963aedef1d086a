"use client";

import { type FormEvent } from "react";
import { apiRequest } from "@/components/api-request";
import { useRefreshingAction } from "@/components/use-refreshing-action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Callout } from "@/components/ui/callout";
import { Input } from "@/components/ui/input";
import type { CatalogScope } from "@/lib/keys/catalog";
import { SettingsSection } from "./section";

/** Built-in scopes and the organisation's own, which the create dialog offers for custom keys. */
export function ScopeCatalog({ catalog, canWrite }: { catalog: CatalogScope[]; canWrite: boolean }) {
  const { run, pending, error } = useRefreshingAction();

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const body = { name: String(data.get("name") ?? "").trim(), description: String(data.get("description") ?? "") };
    if (await run(() => apiRequest("/api/settings/scopes", { method: "POST", body }), `Scope ${body.name} added.`)) form.reset();
  }

  return (
    <SettingsSection
      id="scope-catalogue"
      title="Scope catalogue"
      description="The scopes keys can be given. Add your own, e.g. billing:read; removing one does not change keys that have it."
    >
      {error ? (
        <Callout tone="error" role="alert" className="mb-3">
          {error}
        </Callout>
      ) : null}
      <ul className="grid gap-x-6 gap-y-1.5 sm:grid-cols-2">
        {catalog.map((scope) => (
          <li key={scope.name} className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-0.5 text-sm" data-testid="catalog-scope">
            <code className="font-mono text-[13px] text-zinc-900">{scope.name}</code>
            {scope.builtIn ? <Badge tone="grey">built-in</Badge> : null}
            <span className="min-w-0 truncate text-xs text-zinc-500" title={scope.description}>
              {scope.description}
            </span>
            {canWrite && !scope.builtIn && scope.id ? (
              <span className="ml-auto">
                <ConfirmDialog
                  trigger={{ label: "Remove", ariaLabel: `Remove ${scope.name}` }}
                  title={`Remove ${scope.name} from the catalogue?`}
                  description="New keys can no longer be given this scope. Keys that have it keep it."
                  confirmLabel="Remove"
                  action={() => apiRequest(`/api/settings/scopes/${scope.id}`, { method: "DELETE" })}
                  done={`Scope ${scope.name} removed from the catalogue.`}
                />
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      {canWrite ? (
        <form onSubmit={add} className="mt-4 flex flex-col gap-2 sm:flex-row">
          <Input
            name="name"
            aria-label="Scope name"
            placeholder="billing:read"
            required
            className="sm:max-w-48"
            autoComplete="off"
            spellCheck={false}
          />
          <Input name="description" aria-label="Scope description" placeholder="What it allows" className="sm:max-w-80" />
          <Button type="submit" variant="secondary" pending={pending}>
            Add scope
          </Button>
        </form>
      ) : null}
    </SettingsSection>
  );
}
