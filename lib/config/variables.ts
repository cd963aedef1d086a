import { z } from "zod";

// Every setting Keysmith reads from its environment, declared once: the parser (./index.ts), the
// generated .env.example and docs/configuration.md (scripts/config-docs.ts) all come from here.

export type Group = "Server" | "Database" | "Secrets" | "Sign-in" | "Network" | "Verification" | "Registries" | "Operations";

export interface Variable {
  group: Group;
  /** One or two sentences for the documentation and .env.example. */
  description: string;
  /** The value shown in .env.example (commented out unless `required`). */
  example?: string;
  /** Written uncommented in .env.example: a production deployment must set it. */
  required?: boolean;
  /** A credential (or may hold one, like a URL with a password): its value is never echoed in an error. */
  secret?: boolean;
  /** Set by Keysmith itself (scripts/start.ts) or by the platform: not documented as a setting. */
  internal?: boolean;
  /** Parses the raw string; unset and empty values arrive as undefined. */
  schema: z.ZodType;
}

const whole = (min: number, fallback: number) =>
  z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").min(min, `must be ${min} or more`).default(fallback);

const url = (protocols: string[]) =>
  z
    .string()
    .refine(
      (value) => URL.canParse(value) && protocols.includes(new URL(value).protocol),
      `must be a ${protocols.map((p) => p.replace(":", "://")).join(" or ")} URL`,
    )
    .optional();

const flag = z.enum(["0", "1", "true", "false"], { error: 'must be "1" or "0"' }).transform((value) => value === "1" || value === "true");

export const VARIABLES = {
  NODE_ENV: {
    group: "Server",
    description: "Set by the start script and Next.js.",
    internal: true,
    schema: z.enum(["development", "production", "test"]).optional(),
  },
  PORT: {
    group: "Server",
    description: "The port to listen on: the app's default is 3000, the verify server's 3001.",
    example: "3000",
    schema: z.coerce
      .number({ error: "must be a port number" })
      .int("must be a port number")
      .min(0)
      .max(65_535, "must be a port number")
      .optional(),
  },
  HOSTNAME: {
    group: "Server",
    description: "The address to listen on (app: localhost, verify server: 127.0.0.1). The container sets 0.0.0.0.",
    example: "0.0.0.0",
    schema: z.string().optional(),
  },
  KEYSMITH_PUBLIC_URL: {
    group: "Server",
    description:
      "The address users reach Keysmith at. Requests for any other Host are refused (DNS rebinding); also used in discovery documents and origin checks.",
    example: "https://keys.example.com",
    schema: url(["http:", "https:"]),
  },
  KEYSMITH_DATA_DIR: {
    group: "Server",
    description: "Where the embedded database and the development pepper and encryption key live (default ./.data).",
    example: "/data",
    schema: z.string().optional(),
  },
  LOG_LEVEL: {
    group: "Operations",
    description: "pino log level: fatal, error, warn, info (default), debug, trace or silent.",
    example: "info",
    schema: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  },
  KEYSMITH_METRICS_TOKEN: {
    group: "Operations",
    description: "Bearer token for GET /metrics (Prometheus) on the app and the verify server. Unset: /metrics answers 404.",
    example: "change-me-to-a-long-random-token",
    secret: true,
    schema: z.string().min(16, "must be at least 16 characters").optional(),
  },
  DATABASE_URL: {
    group: "Database",
    description:
      "PostgreSQL connection string. Unset: `npm run dev` / `npm start` serve an embedded PostgreSQL (PGlite) from the data directory.",
    example: "postgres://keysmith:keysmith@localhost:5432/keysmith",
    required: true,
    secret: true,
    schema: url(["postgres:", "postgresql:"]),
  },
  KEYSMITH_DB_POOL_MAX: {
    group: "Database",
    description: "Connections in the database pool per process (default 10).",
    example: "10",
    schema: whole(1, 10),
  },
  KEYSMITH_EMBEDDED_DB: {
    group: "Database",
    description: "Set by the start script when it serves PGlite.",
    internal: true,
    schema: flag.optional(),
  },
  KEYSMITH_EMBEDDED_QUEUE_MAX: {
    group: "Database",
    description: "Transactions that may wait for the embedded database (default 200).",
    example: "200",
    schema: whole(0, 200),
  },
  REDIS_URL: {
    group: "Database",
    description: "Redis for rate limits shared by every instance. Unset: limits count per process.",
    example: "redis://localhost:6379",
    secret: true,
    schema: url(["redis:", "rediss:"]),
  },
  KEYSMITH_PEPPER: {
    group: "Secrets",
    description:
      "Server-side secret mixed into every key hash (at least 32 characters, e.g. `openssl rand -base64 32`). Required in production; never change it once keys exist.",
    example: "",
    required: true,
    secret: true,
    schema: z.string().min(32, "must be at least 32 characters").optional(),
  },
  KEYSMITH_ENCRYPTION_KEY: {
    group: "Secrets",
    description:
      "Seals stored credentials of other services: 32 random bytes in base64, optionally `<version>:` first. Required in production.",
    example: "",
    required: true,
    secret: true,
    schema: z.string().optional(),
  },
  KEYSMITH_ENCRYPTION_PREVIOUS_KEYS: {
    group: "Secrets",
    description: "Earlier encryption keys, still readable during a rotation: `1:<base64>,2:<base64>`.",
    secret: true,
    schema: z.string().optional(),
  },
  AUTH_PROVIDER: {
    group: "Sign-in",
    description: "`local` (default: accounts with passwords in Keysmith's database) or `clerk`.",
    example: "local",
    schema: z.enum(["local", "clerk"]).default("local"),
  },
  KEYSMITH_SIGNUP: {
    group: "Sign-in",
    description: "`closed` (default: only the first account signs up, the rest are invited) or `open`.",
    example: "closed",
    schema: z.enum(["open", "closed"]).default("closed"),
  },
  KEYSMITH_INSECURE_COOKIES: {
    group: "Sign-in",
    description: "`1` drops the Secure flag from session cookies, for plain-HTTP installs on a LAN (browsers treat localhost as secure).",
    schema: flag.default(false),
  },
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: {
    group: "Sign-in",
    description: "Clerk's publishable key (with AUTH_PROVIDER=clerk).",
    schema: z.string().optional(),
  },
  CLERK_SECRET_KEY: {
    group: "Sign-in",
    description: "Clerk's secret key (with AUTH_PROVIDER=clerk).",
    secret: true,
    schema: z.string().optional(),
  },
  CLERK_JWT_KEY: {
    group: "Sign-in",
    description: "Clerk's JWT public key (SPKI PEM): session tokens are then verified without calling Clerk.",
    schema: z.string().optional(),
  },
  KEYSMITH_TRUSTED_PROXIES: {
    group: "Network",
    description:
      "Proxies whose X-Forwarded-For is believed: addresses, CIDR ranges or `loopback`, `linklocal`, `uniquelocal`, comma-separated. Default: none.",
    example: "loopback",
    schema: z.string().optional(),
  },
  KEYSMITH_USAGE_FLUSH_MS: {
    group: "Verification",
    description:
      "How often usage counts are written, in milliseconds (default 1000). A crash loses at most one interval; a clean stop writes them.",
    example: "1000",
    schema: whole(10, 1_000),
  },
  KEYSMITH_VERIFICATION_LOG: {
    group: "Verification",
    description:
      "Whether every verification outcome is logged (code, key, address, user agent, scopes, latency) for the dashboard's Requests views (default 1; 0 turns it off).",
    example: "1",
    schema: flag.default(true),
  },
  KEYSMITH_VERIFICATION_LOG_RETENTION_DAYS: {
    group: "Verification",
    description: "How long verification log rows are kept, in days (default 30); the jobs delete older ones by the database's clock.",
    example: "30",
    schema: whole(1, 30),
  },
  KEYSMITH_VERIFICATION_LOG_MAX_ROWS: {
    group: "Verification",
    description: "The most verification log rows kept (default 10000000): past it, the jobs delete the oldest, whatever their age.",
    example: "10000000",
    schema: whole(1_000, 10_000_000),
  },
  KEYSMITH_VERIFICATION_LOG_BUFFER: {
    group: "Verification",
    description:
      'The most verification log rows waiting in memory for their batch write (default 50000; identical outcomes within a second are one row): past it, entries are dropped and counted (keysmith_verification_log_rows_total{outcome="dropped"}); verification never waits.',
    example: "50000",
    schema: whole(100, 50_000),
  },
  KEYSMITH_VERIFY_FAILURES_PER_MINUTE: {
    group: "Verification",
    description: "Failed verifications allowed per client address per minute (default 60; 0 turns the limit off).",
    example: "60",
    schema: whole(0, 60),
  },
  KEYSMITH_VERIFY_PROOF_CACHE_MB: {
    group: "Verification",
    description: "Memory for remembered proofs of keys' secrets, in MB (an LRU; default 64, about 200,000 keys).",
    example: "64",
    schema: z.coerce.number({ error: "must be a number" }).positive("must be more than 0").default(64),
  },
  KEYSMITH_VERIFY_WORKERS: {
    group: "Verification",
    description:
      'Processes the standalone verify server (npm run verify-server) answers with on its one port (default 1; "auto": one per CPU core). Each keeps its own caches; limits are shared through Redis as between instances.',
    example: "auto",
    schema: z
      .string()
      .default("1")
      .refine(
        (value) => value === "auto" || (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 256),
        'must be "auto" or a whole number from 1 to 256',
      )
      .transform((value) => (value === "auto" ? ("auto" as const) : Number(value))),
  },
  KEYSMITH_JOBS_INTERVAL_MS: {
    group: "Verification",
    description:
      "How often each instance ends rotation grace periods and deletes expired keys past retention (default 60000; 0 turns it off).",
    example: "60000",
    schema: whole(0, 60_000),
  },
  KEYSMITH_WEBHOOKS_INTERVAL_MS: {
    group: "Verification",
    description:
      "How often each instance looks for due webhook deliveries (default 500; 0 turns delivery off on this instance). Lifecycle alerts (key.expiring, key.expired, key.unused) are found with the key jobs.",
    example: "500",
    schema: whole(0, 500),
  },
  KEYSMITH_SECRET_SCANNING_KEYS: {
    group: "Verification",
    description: "The public keys a secret scanner signs leak reports with (GitHub's document), as JSON or `@/path/to/file.json`.",
    schema: z.string().optional(),
  },
  KEYSMITH_PUBLIC_REGISTRY_URL: {
    group: "Registries",
    description: "Every organisation's default public registry (default https://registry.npmjs.org).",
    example: "https://registry.npmjs.org",
    schema: url(["http:", "https:"]),
  },
  KEYSMITH_PUBLIC_REGISTRY_NAME: {
    group: "Registries",
    description: 'Its display name (default "npm public registry").',
    schema: z.string().optional(),
  },
} satisfies Record<string, Variable>;

export type VariableName = keyof typeof VARIABLES;
export const VARIABLE_NAMES = Object.keys(VARIABLES) as VariableName[];
