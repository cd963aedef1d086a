"use client";

import { useState, type FormEvent } from "react";
import { apiRequest } from "@/components/api-request";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useRefreshingAction } from "@/components/use-refreshing-action";

/** The organisation's name, which owners may change. */
export function OrganizationNameForm({ name }: { name: string }) {
  const { run, pending, error } = useRefreshingAction();
  const [saved, setSaved] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const value = String(new FormData(event.currentTarget).get("name") ?? "");
    setSaved(await run(() => apiRequest("/api/organization", { method: "PATCH", body: { name: value } }), "Organisation name saved."));
  }

  return (
    <form noValidate onSubmit={handleSubmit} className="flex flex-col gap-2 sm:flex-row sm:items-end">
      <div className="flex-1 space-y-1.5">
        <label htmlFor="organization-name" className="text-sm font-medium text-zinc-800">
          Organisation name
        </label>
        <Input
          id="organization-name"
          name="name"
          defaultValue={name}
          maxLength={100}
          invalid={Boolean(error)}
          aria-describedby="organization-name-status"
        />
      </div>
      <Button type="submit" variant="secondary" pending={pending}>
        Rename
      </Button>
      <p id="organization-name-status" role="status" className={error ? "text-sm text-red-700" : "sr-only"}>
        {error ?? (saved ? "Organisation renamed." : "")}
      </p>
    </form>
  );
}
