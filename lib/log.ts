import pino from "pino";

// Every log line passes through these redactions: credentials never reach the logs.
export const REDACTED_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  "headers.authorization",
  "headers.cookie",
  'headers["x-api-key"]',
  "rawKey",
  "*.rawKey",
  "key",
  "password",
  "*.password",
  "token",
  "*.token",
];

export function createLogger(destination?: pino.DestinationStream) {
  return pino(
    {
      level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      base: { service: "keysmith" },
    },
    destination,
  );
}

export const log = createLogger();
