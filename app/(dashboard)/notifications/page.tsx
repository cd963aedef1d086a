import { redirectToSignIn } from "@/lib/auth/sign-in-redirect";
import type { Metadata } from "next";
import { Callout } from "@/components/ui/callout";
import { LocalDateTime } from "@/components/ui/time";
import { getViewer } from "@/lib/auth/session";
import { listNotifications } from "@/lib/webhooks/endpoints";
import { EVENT_DESCRIPTIONS, type WebhookEventType } from "@/lib/webhooks/event-types";

export const metadata: Metadata = { title: "Notifications" };

const subject = (data: Record<string, unknown>) =>
  [data.name, data.maskedValue, data.url].filter((part): part is string => typeof part === "string").join(" · ");

export default async function NotificationsPage() {
  const viewer = await getViewer();
  if (!viewer) return redirectToSignIn();
  const events = await listNotifications(viewer, 100);

  return (
    <div className="space-y-6">
      <div className="space-y-1.5">
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Notifications</h1>
        <p className="max-w-2xl text-sm leading-relaxed text-zinc-600">
          The organisation&rsquo;s latest key and registry events: the same events its webhooks receive, including expiry and disuse alerts.
        </p>
      </div>
      {events.length === 0 ? (
        <Callout tone="info">Nothing yet.</Callout>
      ) : (
        <ul className="divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white" data-testid="notifications">
          {events.map((event) => (
            <li key={event.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 p-3 text-sm">
              <code className="min-w-0 font-mono text-[12px] text-zinc-900 [overflow-wrap:anywhere]">{event.type}</code>
              <span className="min-w-0 text-zinc-700 [overflow-wrap:anywhere]">
                {EVENT_DESCRIPTIONS[event.type as WebhookEventType] ?? event.type}
              </span>
              <span className="min-w-0 text-zinc-500 [overflow-wrap:anywhere]">{subject(event.data)}</span>
              <LocalDateTime value={event.createdAt} className="ml-auto text-zinc-500" />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
