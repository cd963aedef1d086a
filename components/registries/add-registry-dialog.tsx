"use client";

import type { FormErrors } from "@/components/form-errors";
import { toast } from "@/components/ui/toaster";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { apiRequest, ApiRequestError } from "@/components/api-request";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import {
  Dialog,
  DialogCancel,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { PlusIcon, SearchIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { useFormSubmit } from "@/components/use-form-submit";
import type { DiscoveryPreview, EndpointView, RegistryView } from "@/lib/registries/view";
import { KeyCheck } from "./key-check";
import { RegistryFields } from "./registry-fields";
import { parseScopesInput } from "./scopes-input";

/**
 * "Add registry": URL → Discover (the server reads <url>/.well-known/registry.json) → what
 * was found → name, API key, scopes, upstream → Save. The server discovers again on save;
 * nothing is stored until then.
 */
export function AddRegistryDialog({ registries }: { registries: RegistryView[] }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [preview, setPreview] = useState<DiscoveryPreview | null>(null);
  const [keyRefused, setKeyRefused] = useState(false);
  // Step 1: the URL. Its answer, the preview, is what step 2 shows and saves.
  const urlForm = useFormSubmit({
    fields: URL_FIELDS,
    validate: (data) => {
      const url = String(data.get("url") ?? "").trim();
      const errors: FormErrors<UrlField> = url ? {} : { url: "Enter the registry's URL." };
      return { body: { url }, errors };
    },
    send: (body) => apiRequest<DiscoveryPreview>("/api/registries/discover", { method: "POST", body }),
    onSuccess: setPreview,
  });
  // Step 2: name, API key, scopes, upstream of the discovered registry.
  const detailsForm = useFormSubmit({
    fields: DETAIL_FIELDS,
    validate: (data) => {
      const name = String(data.get("name") ?? "").trim();
      const apiKey = String(data.get("apiKey") ?? "").trim();
      const upstreamId = String(data.get("upstreamId") ?? "");
      const errors: FormErrors<DetailField> = name ? {} : { name: "Give the registry a name." };
      const body = {
        url: preview?.url ?? "",
        name,
        scopes: parseScopesInput(String(data.get("scopes") ?? "")),
        ...(apiKey ? { apiKey } : {}),
        ...(upstreamId ? { upstreamId } : {}),
        ...(apiKey && data.get("saveUnchecked") ? { saveUnchecked: true } : {}),
      };
      return { body, errors };
    },
    send: async (body) => {
      setKeyRefused(false);
      try {
        return await apiRequest<{ registry: RegistryView }>("/api/registries", { method: "POST", body });
      } catch (error) {
        setKeyRefused(error instanceof ApiRequestError && error.code === "KEY_CHECK_FAILED");
        throw error;
      }
    },
    onSuccess: () => {
      toast("Registry added.");
      setOpen(false);
      setPreview(null);
      router.refresh();
    },
  });
  const pending = urlForm.pending || detailsForm.pending;

  function handleOpenChange(next: boolean) {
    if (pending) return;
    setOpen(next);
    if (!next) {
      setPreview(null);
      urlForm.clearErrors();
      detailsForm.clearErrors();
    }
  }

  return (
    <Dialog open={open} onOpenChange={handleOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <PlusIcon className="size-4" />
          Add registry
        </Button>
      </DialogTrigger>
      <DialogContent hideClose={pending} onEscapeKeyDown={(event) => pending && event.preventDefault()} className="sm:max-w-xl">
        {preview ? (
          <DetailsStep
            preview={preview}
            registries={registries}
            form={detailsForm}
            keyRefused={keyRefused}
            onBack={() => {
              setPreview(null);
              detailsForm.clearErrors();
            }}
          />
        ) : (
          <UrlStep form={urlForm} />
        )}
      </DialogContent>
    </Dialog>
  );
}

const URL_FIELDS = ["url"] as const;
type UrlField = (typeof URL_FIELDS)[number];

/** What a step needs of its useFormSubmit. */
interface StepForm<Field extends string> {
  onSubmit: (event: FormEvent<HTMLFormElement>) => Promise<void>;
  pending: boolean;
  errors: FormErrors<Field>;
}

function UrlStep({ form }: { form: StepForm<UrlField> }) {
  const { errors, pending } = form;

  return (
    <form noValidate onSubmit={form.onSubmit}>
      <DialogHeader>
        <DialogTitle>Add registry</DialogTitle>
        <DialogDescription>
          Keysmith reads the registry&rsquo;s <code className="font-mono text-[13px]">/.well-known/registry.json</code> to find out what it
          is. Nothing is saved until you confirm.
        </DialogDescription>
      </DialogHeader>
      <div className="space-y-5">
        {errors.form ? (
          <Callout tone="error" role="alert">
            {errors.form}
          </Callout>
        ) : null}
        <Field id="add-registry-url" label="Registry URL" error={errors.url} hint="For example https://registry.company.com">
          {({ invalid, ...control }) => (
            <Input
              {...control}
              invalid={invalid}
              name="url"
              type="url"
              inputMode="url"
              placeholder="https://registry.company.com"
              autoComplete="off"
              spellCheck={false}
              autoCapitalize="none"
              autoFocus
            />
          )}
        </Field>
      </div>
      <DialogFooter>
        <DialogCancel disabled={pending} />
        <Button type="submit" pending={pending}>
          {pending ? null : <SearchIcon className="size-4" />}
          Discover
        </Button>
      </DialogFooter>
    </form>
  );
}

const DETAIL_FIELDS = ["name", "apiKey", "scopes", "upstreamId"] as const;
type DetailField = (typeof DETAIL_FIELDS)[number];

interface DetailsStepProps {
  preview: DiscoveryPreview;
  registries: RegistryView[];
  form: StepForm<DetailField>;
  onBack: () => void;
  /** The last save was refused because the registry did not accept the key (Test connection, "save anyway"). */
  keyRefused: boolean;
}

function DetailsStep({ preview, registries, form, onBack, keyRefused }: DetailsStepProps) {
  const { errors, pending } = form;
  const { discovery } = preview;

  return (
    <form noValidate onSubmit={form.onSubmit}>
      <DialogHeader>
        <DialogTitle>Add {discovery.name}</DialogTitle>
        <DialogDescription>
          Check what the registry says about itself, then add the credentials Keysmith should keep for it.
        </DialogDescription>
      </DialogHeader>

      <div className="space-y-5">
        <section
          aria-labelledby="discovered-heading"
          className="rounded-lg border border-zinc-200 bg-zinc-50/70 p-4"
          data-testid="discovery-result"
        >
          <h3 id="discovered-heading" className="text-xs font-medium tracking-wide text-zinc-500 uppercase">
            Discovered
          </h3>
          <p className="mt-1 font-mono text-[12px] break-all text-zinc-500">{preview.documentUrl}</p>
          <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
            <dt className="text-zinc-500">Name</dt>
            <dd className="font-medium break-words text-zinc-900">
              {discovery.name}
              {discovery.version ? <span className="ml-1.5 font-normal text-zinc-500">v{discovery.version}</span> : null}
            </dd>
            <dt className="text-zinc-500">API base</dt>
            <dd className="font-mono text-[13px] break-all text-zinc-800">{discovery.apiBase}</dd>
            <dt className="text-zinc-500">Tokens</dt>
            <dd className="space-y-0.5">
              <Endpoint label="list" endpoint={discovery.tokenEndpoints.list} />
              <Endpoint label="create" endpoint={discovery.tokenEndpoints.create} />
              <Endpoint label="revoke" endpoint={discovery.tokenEndpoints.revoke} />
            </dd>
            <dt className="text-zinc-500">Verify</dt>
            <dd>
              <Endpoint endpoint={discovery.verifyEndpoint} />
            </dd>
            {discovery.authSchemes.length > 0 ? (
              <>
                <dt className="text-zinc-500">Auth</dt>
                <dd className="text-zinc-800">{discovery.authSchemes.join(", ")}</dd>
              </>
            ) : null}
          </dl>
        </section>

        {errors.form ? (
          <Callout tone="error" role="alert">
            {errors.form}
          </Callout>
        ) : null}

        <RegistryFields
          idPrefix="add-registry"
          errors={errors}
          defaults={{ name: discovery.name.slice(0, 64), scopes: "", upstreamId: null }}
          upstreamOptions={registries}
          autoFocusName
        />
        <Field
          id="add-registry-key"
          label="API key"
          labelNote="Optional"
          hint="The key this registry gave you. Keysmith stores it encrypted and only ever shows its last characters."
          error={errors.apiKey}
        >
          {({ invalid, ...control }) => (
            <Input
              {...control}
              invalid={invalid}
              name="apiKey"
              type="password"
              autoComplete="off"
              spellCheck={false}
              className="font-mono"
            />
          )}
        </Field>
        <KeyCheck target={{ url: preview.url }} refused={keyRefused} />
      </div>

      <DialogFooter>
        <Button variant="secondary" onClick={onBack} disabled={pending}>
          Back
        </Button>
        <Button type="submit" pending={pending}>
          Save registry
        </Button>
      </DialogFooter>
    </form>
  );
}

function Endpoint({ label, endpoint }: { label?: string; endpoint: EndpointView | null }) {
  if (!endpoint) {
    return <p className="text-zinc-500">{label ? `${label}: ` : ""}not described</p>;
  }
  return (
    <p className="font-mono text-[13px] break-all text-zinc-800">
      {label ? <span className="font-sans text-zinc-500">{label}: </span> : null}
      <span className="font-semibold">{endpoint.method}</span> {endpoint.path}
    </p>
  );
}
