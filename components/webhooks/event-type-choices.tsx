import { EVENT_DESCRIPTIONS, WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/event-types";

/** Checkboxes named eventTypes, one per event type, with what each means. */
export function EventTypeChoices({ idPrefix, selected, error }: { idPrefix: string; selected: readonly string[]; error?: string }) {
  return (
    <fieldset className="space-y-1.5" aria-describedby={error ? `${idPrefix}-events-error` : undefined}>
      <legend className="mb-1 text-sm font-medium text-zinc-900">Events</legend>
      <div className="grid gap-1.5 sm:grid-cols-2">
        {WEBHOOK_EVENT_TYPES.map((type) => (
          <label key={type} className="flex items-start gap-2 text-sm text-zinc-700">
            <input
              type="checkbox"
              name="eventTypes"
              value={type}
              defaultChecked={selected.includes(type)}
              className="mt-0.5 size-4 accent-zinc-900"
            />
            <span>
              <code className="font-mono text-[12px] text-zinc-900">{type}</code>{" "}
              <span className="text-zinc-500">{EVENT_DESCRIPTIONS[type]}</span>
            </span>
          </label>
        ))}
      </div>
      {error ? (
        <p id={`${idPrefix}-events-error`} className="text-sm text-red-700" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
