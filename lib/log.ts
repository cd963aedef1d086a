import pino from "pino";
import { config } from "@/lib/config";

// Every log line passes through these redactions: credentials never reach the logs.
export const REDACTED_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  "headers.authorization",
  "headers.cookie",
  'headers["x-api-key"]',
  "*.headers.authorization",
  "*.headers.cookie",
  '*.headers["x-api-key"]',
  "authorization",
  "cookie",
  "rawKey",
  "*.rawKey",
  "key",
  "*.key",
  "secret",
  "*.secret",
  "password",
  "*.password",
  "token",
  "*.token",
];

/**
 * Anything shaped like a Keysmith key, wherever it appears in a line (a message, an error's
 * stack, a field nobody thought to list): the secret part is cut, the public keyId kept.
 * Also catches truncated keys: 16 characters of a secret are already too many to print.
 */
const RAW_KEY_PATTERN = /\b(ks_(?:live|test)_(?:sk|pk)_[0-9A-Za-z]{12})_[0-9A-Za-z]{16,}/g;

export function censorRawKeys(line: string): string {
  return line.replace(RAW_KEY_PATTERN, "$1_[redacted]");
}

/**
 * LOG_LEVEL, or by NODE_ENV. The logger is made when this module loads: a mistake in another
 * setting must not stop it here (the start scripts report every invalid setting by name).
 */
function logLevel(): string {
  try {
    const settings = config();
    return settings.LOG_LEVEL ?? (settings.NODE_ENV === "test" ? "silent" : "info");
  } catch {
    return "info";
  }
}

/** A logger; `redact: false` only for lines of fixed fields that are never secret (requestLog). */
export function createLogger(destination?: pino.DestinationStream, options: { redact?: boolean } = {}) {
  return pino(
    {
      level: logLevel(),
      ...(options.redact === false ? {} : { redact: { paths: REDACTED_PATHS, censor: "[redacted]" } }),
      base: { service: "keysmith" },
      hooks: { streamWrite: censorRawKeys },
    },
    destination,
  );
}

// Standard output as pino writes it by default (SonicBoom; flushed at exit), shared by both loggers.
const output = pino.destination(1);
export const log = createLogger(output);

/**
 * The one-line-per-request log (lib/server/request-log.ts): request id, method, path without its
 * query, status, duration — none of them a secret. It skips the redaction paths, whose wildcards
 * walk every field of every line (a bare node:http server logging a line per request lost a quarter
 * of its throughput to them). Anything key-shaped in a line is still cut by censorRawKeys.
 */
export const requestLog = createLogger(output, { redact: false });
