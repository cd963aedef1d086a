import pg from "pg";
import { KEY_CHANGES_CHANNEL } from "@/lib/keys/notify";
import { log } from "@/lib/log";

export interface KeyChangeListenerOptions {
  connectionString: string;
  /** A key's state changed (revoked, disabled, enabled): drop what is cached about it. */
  onChange: (keyId: string) => void;
  /** Notifications may have been missed (connection lost or just made): drop all cached state. */
  onReset: () => void;
}

export const LISTENER_APPLICATION_NAME = "keysmith-key-listener";
const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 5_000;

/**
 * A dedicated PostgreSQL connection LISTENing on keysmith_key_changes, reconnecting with backoff.
 * `listening` is true only while a LISTEN is in place: while it is false, cached key state must
 * not be trusted, because a revocation could pass unnoticed.
 */
export class KeyChangeListener {
  private client: pg.Client | null = null;
  private closed = false;
  private retryMs = RETRY_MIN_MS;
  private retryTimer: NodeJS.Timeout | null = null;
  listening = false;

  constructor(private readonly options: KeyChangeListenerOptions) {}

  /** Connects; resolves once listening or after the first failure (a retry is then scheduled). */
  start(): Promise<void> {
    return this.connect();
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    // Named, so operators (and tests) can tell it apart in pg_stat_activity.
    const client = new pg.Client({ connectionString: this.options.connectionString, application_name: LISTENER_APPLICATION_NAME, keepAlive: true });
    this.client = client;
    client.on("notification", (message) => {
      if (message.channel === KEY_CHANGES_CHANNEL && message.payload) this.options.onChange(message.payload);
    });
    client.on("error", (error) => this.lost(client, error));
    client.on("end", () => this.lost(client, null));
    try {
      await client.connect();
      await client.query(`LISTEN ${KEY_CHANGES_CHANNEL}`);
      if (this.client !== client || this.closed) return;
      // Changes made while we were not listening are unknown: start from an empty cache.
      this.options.onReset();
      this.listening = true;
      this.retryMs = RETRY_MIN_MS;
    } catch (error) {
      this.lost(client, error);
    }
  }

  private lost(client: pg.Client, error: unknown): void {
    if (this.client !== client) return;
    this.client = null;
    this.listening = false;
    this.options.onReset();
    client.removeAllListeners("end");
    client.end().catch(() => {});
    if (this.closed) return;
    if (error) log.warn({ err: error, retryInMs: this.retryMs }, "key change listener lost its database connection");
    this.retryTimer = setTimeout(() => void this.connect(), this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listening = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners("end");
      client.on("error", () => {});
      await client.end().catch(() => {});
    }
  }
}
