"use client";

import { useEffect, useState } from "react";
import { cn } from "@/components/ui/cn";
import { SearchIcon } from "@/components/ui/icons";
import { keyIdInKey } from "@/lib/keys/key-search";
import type { ProjectOption } from "./keys-table";
import type { KeysUrlQuery } from "./list-query";

const SEARCH_DELAY_MS = 300;
const selectClasses =
  "h-9 rounded-lg border border-zinc-300 bg-white px-2 text-sm text-zinc-900 shadow-xs hover:border-zinc-400 focus:outline-2 focus:outline-sky-600";

/** Search (sent after a short pause in typing) and the status / type / project filters. */
export function KeysFilters({
  query,
  projects,
  onChange,
}: {
  query: KeysUrlQuery;
  projects: ProjectOption[];
  onChange: (next: KeysUrlQuery) => void;
}) {
  const [search, setSearch] = useState(query.q ?? "");
  const [fromPastedKey, setFromPastedKey] = useState(false);

  // A pasted full key becomes its public key id at once: the secret never reaches the URL or the server.
  function changeSearch(value: string) {
    const keyId = keyIdInKey(value);
    setFromPastedKey(keyId !== null);
    setSearch(keyId ?? value);
  }

  useEffect(() => {
    const q = search.trim();
    if (q === (query.q ?? "")) return;
    const timer = setTimeout(() => onChange({ ...query, q: q || undefined, page: 1 }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, query, onChange]);

  const set = (field: "status" | "type" | "projectId") => (value: string) => onChange({ ...query, [field]: value || undefined, page: 1 });

  return (
    <div className="flex min-w-0 flex-1 flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-center">
      <div className="relative w-full sm:max-w-xs">
        <label htmlFor="keys-search" className="sr-only">
          Search keys
        </label>
        <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-400" />
        <input
          id="keys-search"
          type="search"
          value={search}
          onChange={(event) => changeSearch(event.target.value)}
          placeholder="Name, prefix, key id, external id or a key"
          aria-describedby={fromPastedKey ? "keys-search-note" : undefined}
          autoComplete="off"
          spellCheck={false}
          className={cn(
            "block h-9 w-full rounded-lg border border-zinc-300 bg-white pr-3 pl-9 text-sm text-zinc-900 shadow-xs",
            "placeholder:text-zinc-400 hover:border-zinc-400 focus:border-zinc-500 focus:outline-2 focus:outline-sky-600",
          )}
        />
        {fromPastedKey ? (
          <p id="keys-search-note" role="status" className="mt-1 text-xs text-zinc-600">
            You pasted a full key: searching by its key id only.
          </p>
        ) : null}
      </div>
      <select
        aria-label="Filter by status"
        className={selectClasses}
        value={query.status ?? ""}
        onChange={(e) => set("status")(e.target.value)}
      >
        <option value="">All statuses</option>
        <option value="active">Active</option>
        <option value="expiring">Expiring</option>
        <option value="disabled">Disabled</option>
        <option value="expired">Expired</option>
        <option value="revoked">Revoked</option>
      </select>
      <select aria-label="Filter by type" className={selectClasses} value={query.type ?? ""} onChange={(e) => set("type")(e.target.value)}>
        <option value="">All types</option>
        <option value="sk">Secret (sk)</option>
        <option value="pk">Publishable (pk)</option>
      </select>
      {projects.length > 0 ? (
        <select
          aria-label="Filter by project"
          className={selectClasses}
          value={query.projectId ?? ""}
          onChange={(e) => set("projectId")(e.target.value)}
        >
          <option value="">All projects</option>
          {projects.map((project) => (
            <option key={project.id} value={project.id}>
              {project.name}
            </option>
          ))}
        </select>
      ) : null}
    </div>
  );
}
