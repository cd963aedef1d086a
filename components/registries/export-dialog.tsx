"use client";

import { toast } from "@/components/ui/toaster";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiRequest } from "@/components/api-request";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { DownloadIcon } from "@/components/ui/icons";
import { Select } from "@/components/ui/select";
import { useFormSubmit } from "@/components/use-form-submit";
import { EXPIRY_PRESET_DAYS } from "@/lib/keys/expiry";
import type { RegistryView } from "@/lib/registries/view";

/** Every choice has a default: nothing to point at. Errors show at the top of the form. */
const NO_FIELDS = [] as const;

/** The minted key's lifetime unless chosen otherwise (the server's default too). */
const MINT_DEFAULT_DAYS = 90;

interface ExportResult {
  fileName: string;
  content: string;
  mintedKey: { id: string; name: string; prefix: string; registryName: string } | null;
}

/** Starts a browser download of `content`; nothing is kept in the page afterwards. */
function download(fileName: string, content: string) {
  const url = URL.createObjectURL(new Blob([content], { type: "application/yaml" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * "Export config.yaml". Everyone can download the list without secrets; owners and admins
 * can include the upstream keys and mint a fresh Keysmith key (reader role, with an expiry
 * within the key policy) into one registry's entry. The minted key is only in the downloaded
 * file: the dialog shows its prefix, never the key.
 */
export function ExportDialog({
  registries,
  canWrite,
  maxLifetimeDays,
}: {
  registries: RegistryView[];
  canWrite: boolean;
  maxLifetimeDays: number | null;
}) {
  const lifetimes = EXPIRY_PRESET_DAYS.filter((days) => maxLifetimeDays === null || days <= maxLifetimeDays);
  const defaultLifetime = lifetimes.includes(MINT_DEFAULT_DAYS as (typeof lifetimes)[number])
    ? MINT_DEFAULT_DAYS
    : (lifetimes.at(-1) ?? MINT_DEFAULT_DAYS);
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [mint, setMint] = useState(false);
  const [minted, setMinted] = useState<ExportResult["mintedKey"]>(null);
  // A private registry is the usual home of a Keysmith key; the built-in public one rarely is.
  const defaultTarget = (registries.find((registry) => !registry.builtIn) ?? registries[0])?.id ?? "";

  const form = useFormSubmit({
    fields: NO_FIELDS,
    validate: (data) => {
      const existing = data.get("mergeInto");
      const body = {
        includeSecrets: data.get("includeSecrets") === "on",
        mintKeyFor: mint ? String(data.get("mintKeyFor") ?? "") || null : null,
        mintKeyExpiresInDays: mint ? Number(data.get("mintKeyExpiresInDays")) : undefined,
        format: String(data.get("format") ?? "list"),
        existing: existing instanceof File && existing.size > 0 ? existing : null,
      };
      return { body, errors: {} };
    },
    send: async ({ existing, format, ...rest }) => {
      // A chosen existing file is merged into: keys Keysmith does not own stay as they are.
      const mergeInto = existing ? await existing.text() : undefined;
      const body = { ...rest, ...(mergeInto === undefined ? { format } : { mergeInto }) };
      return apiRequest<ExportResult>("/api/registries/export", { method: "POST", body });
    },
    onSuccess: (result) => {
      download(result.fileName, result.content);
      toast(`${result.fileName} downloaded.`);
      setMinted(result.mintedKey);
      if (!result.mintedKey) setOpen(false);
    },
  });
  const { errors, pending } = form;

  function handleOpenChange(next: boolean) {
    if (pending) return;
    setOpen(next);
    if (!next) {
      form.clearErrors();
      setMint(false);
      if (minted) router.refresh();
      setMinted(null);
    }
  }

  return (
    <Dialog open={open} onOpenChange={handleOpenChange}>
      <DialogTrigger asChild>
        <Button variant="secondary">
          <DownloadIcon className="size-4" />
          Export
        </Button>
      </DialogTrigger>
      <DialogContent hideClose={pending} onEscapeKeyDown={(event) => pending && event.preventDefault()}>
        {minted ? (
          <div>
            <DialogHeader>
              <DialogTitle>config.yaml downloaded</DialogTitle>
              <DialogDescription>Put it where your clients read their registries, e.g. ~/.prompd/config.yaml.</DialogDescription>
            </DialogHeader>
            <Callout tone="warning" role="alert" title="The new key is only in that file.">
              <p>
                Keysmith minted <code className="font-mono text-[13px]">{minted.prefix}…</code> (“{minted.name}”) as the api_key of{" "}
                {minted.registryName}. It keeps only a hash: if the file is lost, revoke the key on the API keys page and export again.
              </p>
            </Callout>
            <DialogFooter>
              <Button onClick={() => handleOpenChange(false)}>Done</Button>
            </DialogFooter>
          </div>
        ) : (
          <form noValidate onSubmit={form.onSubmit}>
            <DialogHeader>
              <DialogTitle>Export config.yaml</DialogTitle>
              <DialogDescription>
                The registries in priority order, in the format clients read: name, url, api_key, scopes, default.
              </DialogDescription>
            </DialogHeader>
            <div className="space-y-4">
              {errors.form ? (
                <Callout tone="error" role="alert">
                  {errors.form}
                </Callout>
              ) : null}
              <div className="space-y-1.5">
                <label htmlFor="export-format" className="text-sm font-medium text-zinc-800">
                  Format
                </label>
                <Select id="export-format" name="format" defaultValue="list">
                  <option value="list">registries: list (the registry seed&apos;s format)</option>
                  <option value="map">registry: map (the prompd CLI and desktop app)</option>
                </Select>
                <label htmlFor="export-merge-into" className="block pt-2 text-sm font-medium text-zinc-800">
                  Merge into my config.yaml <span className="font-normal text-zinc-500">(optional)</span>
                </label>
                <input
                  id="export-merge-into"
                  name="mergeInto"
                  type="file"
                  accept=".yaml,.yml,text/yaml"
                  className="block w-full text-sm text-zinc-700"
                />
                <p className="text-xs text-zinc-600">
                  Keeps your other settings, comments and registries; its format wins over the one above.
                </p>
              </div>
              {canWrite ? (
                <>
                  <label className="flex items-start gap-3 text-sm">
                    <input type="checkbox" name="includeSecrets" className="mt-0.5 size-4 accent-zinc-900" />
                    <span>
                      <span className="font-medium text-zinc-900">Include the upstream API keys</span>
                      <span className="block text-zinc-600">In clear text. Without this, each key is left out and named by its mask.</span>
                    </span>
                  </label>
                  <label className="flex items-start gap-3 text-sm">
                    <input
                      type="checkbox"
                      name="mint"
                      checked={mint}
                      onChange={(event) => setMint(event.target.checked)}
                      className="mt-0.5 size-4 accent-zinc-900"
                    />
                    <span>
                      <span className="font-medium text-zinc-900">Mint a fresh Keysmith key into the file</span>
                      <span className="block text-zinc-600">A new API key, written only into this download. Keysmith keeps its hash.</span>
                    </span>
                  </label>
                  {mint ? (
                    <div className="space-y-1.5 pl-7">
                      <label htmlFor="export-mint-for" className="text-sm font-medium text-zinc-800">
                        Use it as the api_key of
                      </label>
                      <Select id="export-mint-for" name="mintKeyFor" defaultValue={defaultTarget}>
                        {registries.map((registry) => (
                          <option key={registry.id} value={registry.id}>
                            {registry.name}
                          </option>
                        ))}
                      </Select>
                      <label htmlFor="export-mint-expiry" className="block pt-2 text-sm font-medium text-zinc-800">
                        Expires after
                      </label>
                      <Select id="export-mint-expiry" name="mintKeyExpiresInDays" defaultValue={String(defaultLifetime)}>
                        {lifetimes.map((days) => (
                          <option key={days} value={days}>
                            {days} days
                          </option>
                        ))}
                      </Select>
                      <p className="text-xs text-zinc-600">The key gets the reader role: it can read packages and registries.</p>
                    </div>
                  ) : null}
                </>
              ) : (
                <Callout tone="info">The file has no API keys: only owners and admins can export them.</Callout>
              )}
            </div>
            <DialogFooter>
              <Button type="submit" pending={pending}>
                {pending ? null : <DownloadIcon className="size-4" />}
                Download config.yaml
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
