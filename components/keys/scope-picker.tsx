import { Field, FieldError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { parseScopesInput } from "@/components/registries/scopes-input";
import { COMMON_SCOPES, SCOPES_MAX, isValidScope } from "@/lib/keys/scopes";

/** The scopes chosen in a form: ticked common scopes plus the typed ones, or an error message. */
export function readScopes(data: FormData): { scopes: string[]; error?: string } {
  const ticked = data.getAll("scope").map(String);
  const typed = parseScopesInput(String(data.get("scopes") ?? ""));
  const scopes = [...new Set([...ticked, ...typed])];
  const invalid = typed.find((scope) => !isValidScope(scope));
  if (invalid) return { scopes, error: `"${invalid}" is not a scope: use resource:action, e.g. packages:read or packages:*.` };
  if (scopes.length > SCOPES_MAX) return { scopes, error: `At most ${SCOPES_MAX} scopes.` };
  return { scopes };
}

/** Common scopes as checkboxes, and a text box for any other. */
export function ScopePicker({ error }: { error?: string }) {
  return (
    <fieldset className="space-y-2" aria-describedby={error ? "create-key-scopes-error" : undefined}>
      <legend className="text-sm font-medium text-zinc-800">Scopes</legend>
      <p className="text-xs text-zinc-500">
        What the key may do. A service checks them on verification; <code>packages:*</code> covers every packages scope and{" "}
        <code>admin:*</code> grants everything. No scope: the key only proves who it is.
      </p>
      <div className="grid grid-cols-1 gap-x-4 gap-y-1.5 sm:grid-cols-2">
        {COMMON_SCOPES.map((scope) => (
          <label key={scope} className="flex items-center gap-2 text-sm text-zinc-700">
            <input type="checkbox" name="scope" value={scope} className="size-4 rounded border-zinc-300 accent-zinc-900" />
            <code className="font-mono text-[13px]">{scope}</code>
          </label>
        ))}
      </div>
      <Field
        id="create-key-scopes"
        label="Other scopes"
        labelNote="Optional"
        hint="Separate with commas or spaces, e.g. billing:read, reports:*"
      >
        {({ invalid, ...control }) => (
          <Input
            {...control}
            aria-describedby={
              [error ? "create-key-scopes-error" : null, control["aria-describedby"]].filter(Boolean).join(" ") || undefined
            }
            invalid={invalid || Boolean(error)}
            name="scopes"
            placeholder="billing:read, reports:*"
            autoComplete="off"
            spellCheck={false}
          />
        )}
      </Field>
      {error ? <FieldError id="create-key-scopes-error">{error}</FieldError> : null}
    </fieldset>
  );
}
