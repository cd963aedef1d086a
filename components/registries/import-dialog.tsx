"use client";

import { toast } from "@/components/ui/toaster";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiRequestError } from "@/components/api-request";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { UploadIcon } from "@/components/ui/icons";
import type { FormErrors } from "@/components/form-errors";
import { useFormSubmit } from "@/components/use-form-submit";
import type { ImportIssue, ImportSummary } from "@/lib/registries/view";

async function uploadConfig(text: string): Promise<ImportSummary> {
  let response: Response;
  try {
    response = await fetch("/api/registries/import", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/yaml", Accept: "application/json" },
      body: text,
    });
  } catch {
    throw new ApiRequestError("Could not reach Keysmith. Check your connection and try again.", 0, null, null);
  }
  const payload = (await response.json().catch(() => null)) as
    { summary: ImportSummary } | { error: { message: string; code: string; field?: string; issues?: ImportIssue[] } } | null;
  if (response.ok && payload && "summary" in payload) return payload.summary;
  const error = payload && "error" in payload ? payload.error : null;
  throw Object.assign(
    new ApiRequestError(
      error?.message ?? `Import failed (HTTP ${response.status}).`,
      response.status,
      error?.code ?? null,
      error?.field ?? null,
    ),
    {
      issues: error?.issues ?? [],
    },
  );
}

/** The file is the form's only input; its errors show at the top, not next to it. */
const NO_FIELDS = [] as const;

const list = (names: string[]) => (names.length > 0 ? names.join(", ") : "none");

/** "Import config.yaml": all or nothing; problems are listed with their line numbers. */
export function ImportDialog() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  // The problems the server found in the file, listed under the error.
  const [issues, setIssues] = useState<ImportIssue[]>([]);
  const form = useFormSubmit({
    fields: NO_FIELDS,
    validate: (data) => {
      const file = data.get("file");
      const errors: FormErrors<never> = file instanceof File && file.size > 0 ? {} : { form: "Choose a config.yaml file first." };
      return { body: file as File, errors };
    },
    send: async (file) => {
      setIssues([]);
      try {
        return await uploadConfig(await file.text());
      } catch (caught) {
        setIssues((caught as { issues?: ImportIssue[] }).issues ?? []);
        throw caught;
      }
    },
    toErrors: (caught) => {
      const found = (caught as { issues?: ImportIssue[] }).issues ?? [];
      const message = caught instanceof Error ? caught.message : "Import failed.";
      const count = found.length === 1 ? "1 problem" : `${found.length} problems`;
      return { form: found.length > 0 ? `${count} in the file; nothing was imported.` : message };
    },
    onSuccess: (imported) => {
      setSummary(imported);
      toast("config.yaml imported.");
    },
  });
  const { errors, pending } = form;

  function reset() {
    form.clearErrors();
    setIssues([]);
  }

  function handleOpenChange(next: boolean) {
    if (pending) return;
    setOpen(next);
    if (!next) {
      if (summary) router.refresh();
      setSummary(null);
      reset();
    }
  }

  return (
    <Dialog open={open} onOpenChange={handleOpenChange}>
      <DialogTrigger asChild>
        <Button variant="secondary">
          <UploadIcon className="size-4" />
          Import
        </Button>
      </DialogTrigger>
      <DialogContent hideClose={pending} onEscapeKeyDown={(event) => pending && event.preventDefault()}>
        <form noValidate onSubmit={form.onSubmit}>
          <DialogHeader>
            <DialogTitle>Import config.yaml</DialogTitle>
            <DialogDescription>
              Registries are matched by URL: known ones are updated, new ones added. The file&rsquo;s order becomes the priority order. An
              entry without api_key keeps the stored key. Any problem, and nothing changes.
            </DialogDescription>
          </DialogHeader>
          <div className="space-y-4">
            <div className="space-y-1.5">
              <label htmlFor="import-file" className="text-sm font-medium text-zinc-800">
                File
              </label>
              <input
                id="import-file"
                name="file"
                type="file"
                accept=".yaml,.yml,application/yaml,text/yaml"
                onChange={() => {
                  setSummary(null);
                  reset();
                }}
                className="block w-full text-sm text-zinc-700 file:mr-3 file:rounded-lg file:border file:border-zinc-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-zinc-800 hover:file:bg-zinc-50"
              />
            </div>
            {errors.form ? (
              <Callout tone="error" role="alert" title={errors.form}>
                {issues.length > 0 ? (
                  <ul className="mt-1 space-y-1" data-testid="import-issues">
                    {issues.map((issue, index) => (
                      <li key={index}>
                        {issue.line ? <span className="font-semibold">Line {issue.line}</span> : null}
                        {issue.line && issue.field ? " · " : null}
                        {issue.field ? <code className="font-mono text-[12px]">{issue.field}</code> : null}
                        {issue.line || issue.field ? ": " : null}
                        {issue.message}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </Callout>
            ) : null}
            {summary ? (
              <Callout tone="info" role="status" title="Imported.">
                <p>Added: {list(summary.created)}</p>
                <p>Updated: {list(summary.updated)}</p>
                {summary.untouched.length > 0 ? <p>Unchanged: {list(summary.untouched)}</p> : null}
              </Callout>
            ) : null}
          </div>
          <DialogFooter>
            {summary ? (
              <Button onClick={() => handleOpenChange(false)}>Done</Button>
            ) : (
              <Button type="submit" pending={pending}>
                Import
              </Button>
            )}
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
