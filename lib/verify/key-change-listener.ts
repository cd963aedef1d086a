import { randomBytes } from "node:crypto";
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
/** How often the listener sends itself a notification to prove it still receives them. */
export const HEARTBEAT_EVERY_MS = 200;

/**
 * A dedicated PostgreSQL connection LISTENing on keysmith_key_changes, reconnecting with backoff.
 * `listening` is true only while a LISTEN is in place: while it is false, cached key state must
 * not be trusted, because a revocation could pass unnoticed.
 *
 * Heartbeats: every HEARTBEAT_EVERY_MS the listener NOTIFYs a channel of its own. PostgreSQL
 * delivers notifications in commit order, so once a heartbeat sent at time T comes back, every key
 * change committed before T has been delivered too: caughtUpWithin(ms) tells whether the cache
 * reflects every change older than `ms`, which lets key state stay cached for as long as that holds.
 */
export class KeyChangeListener {
  private client: pg.Client | null = null;
  private closed = false;
  private retryMs = RETRY_MIN_MS;
  private retryTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private readonly heartbeatChannel = `keysmith_hb_${randomBytes(6).toString("hex")}`;
  private heartbeatSeq = 0;
  /** Heartbeats sent and not yet received: sequence number → performance.now() when sent. */
  private readonly heartbeatsInFlight = new Map<number, number>();
  /** When the newest heartbeat that came back was sent (performance.now()), or null. */
  private caughtUpAt: number | null = null;
  listening = false;

  constructor(private readonly options: KeyChangeListenerOptions) {}

  /** Connects; resolves once listening or after the first failure (a retry is then scheduled). */
  start(): Promise<void> {
    return this.connect();
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    // Named, so operators (and tests) can tell it apart in pg_stat_activity.
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      application_name: LISTENER_APPLICATION_NAME,
      keepAlive: true,
    });
    this.client = client;
    client.on("notification", (message) => {
      if (message.channel === KEY_CHANGES_CHANNEL && message.payload) this.options.onChange(message.payload);
      else if (message.channel === this.heartbeatChannel) this.heartbeatReceived(Number(message.payload));
    });
    client.on("error", (error) => this.lost(client, error));
    client.on("end", () => this.lost(client, null));
    try {
      await client.connect();
      await client.query(`LISTEN ${KEY_CHANGES_CHANNEL}; LISTEN ${this.heartbeatChannel}`);
      if (this.client !== client || this.closed) return;
      // Changes made while we were not listening are unknown: start from an empty cache.
      this.options.onReset();
      this.listening = true;
      this.retryMs = RETRY_MIN_MS;
      this.heartbeatTimer = setInterval(() => this.sendHeartbeat(client), HEARTBEAT_EVERY_MS);
      this.heartbeatTimer.unref();
      this.sendHeartbeat(client);
    } catch (error) {
      this.lost(client, error);
    }
  }

  /** Whether every key change committed more than `ms` ago has been received. */
  caughtUpWithin(ms: number): boolean {
    return this.listening && this.caughtUpAt !== null && performance.now() - this.caughtUpAt < ms;
  }

  private sendHeartbeat(client: pg.Client): void {
    // A heartbeat that never comes back must not pile up entries: past a few, the oldest go.
    if (this.heartbeatsInFlight.size > 50) this.heartbeatsInFlight.clear();
    const seq = ++this.heartbeatSeq;
    this.heartbeatsInFlight.set(seq, performance.now());
    client.query("SELECT pg_notify($1, $2)", [this.heartbeatChannel, String(seq)]).catch(() => {
      // the connection's error/end handlers deal with a lost connection
    });
  }

  private heartbeatReceived(seq: number): void {
    const sentAt = this.heartbeatsInFlight.get(seq);
    if (sentAt === undefined) return;
    for (const older of this.heartbeatsInFlight.keys()) {
      if (older > seq) break;
      this.heartbeatsInFlight.delete(older);
    }
    this.caughtUpAt = Math.max(this.caughtUpAt ?? 0, sentAt);
  }

  private stopHeartbeats(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
    this.heartbeatsInFlight.clear();
    this.caughtUpAt = null;
  }

  private lost(client: pg.Client, error: unknown): void {
    if (this.client !== client) return;
    this.client = null;
    this.listening = false;
    this.stopHeartbeats();
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
    this.stopHeartbeats();
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
