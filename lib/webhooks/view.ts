// Plain module: what the API answers about webhooks (also imported by the dashboard).

export interface WebhookView {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
  disabledAt: string | null;
  disabledReason: string | null;
  consecutiveFailures: number;
  failingSince: string | null;
  createdAt: string;
}

export interface WebhookAttemptView {
  attempt: number;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  at: string;
}

export interface WebhookDeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
  log: WebhookAttemptView[];
}

export interface NotificationView {
  id: string;
  type: string;
  data: Record<string, unknown>;
  createdAt: string;
}
