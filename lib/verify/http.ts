import { z } from "zod";
import type { ApiErrorBody, ErrorCode } from "@/lib/api/error-codes";
import { ERROR_STATUS, RETRY_AFTER_SECONDS } from "@/lib/api/error-codes";
import { validate } from "@/lib/api/parse";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { metrics } from "@/lib/metrics";
import { scopeSchema } from "@/lib/validations/keys";
import { SCOPES_MAX } from "@/lib/keys/scopes";
import { isValidIp } from "@/lib/net/ip-allowlist";
import { CREDITS_MAX } from "@/lib/credits/period";
import { readVerifyBody, type VerifyBodySource } from "./body";
import { apiKeyFromHeaders, headerValue, keysmithKeyFromHeaders, type HeaderSource } from "./credentials";
import { dbClock } from "@/lib/db/db-clock";
import { USER_AGENT_MAX, verificationLog, type VerificationLogWriter } from "@/lib/verification-log/writer";
import { denialFor } from "./denial";
import { rateLimitHeaders } from "./headers";
import { verifyResultJson } from "./result-json";
import { defaultVerifier, type Verifier } from "./index";
import { VerificationUnavailableError, type VerifyOptions, type VerifyResult, type VerifyTrace } from "./result";

// POST /api/tokens/verify, independent of the framework: the Next route and the standalone
// verify server both call handleVerifyHttp, so their contracts cannot drift.

export const verifyBodySchema = z.strictObject({
  key: z.string({ error: "key must be a string." }).max(1024, "key is too long.").optional(),
  scopes: z.array(scopeSchema, { error: "scopes must be a list of strings." }).max(SCOPES_MAX, `At most ${SCOPES_MAX} scopes.`).optional(),
  /**
   * The end client's address, when a service verifies on behalf of its client (IP allowlists).
   * Honoured only when the caller proves itself with its own key (keys:verify) in the header.
   */
  ip: z
    .string({ error: "ip must be an IPv4 or IPv6 address." })
    .max(64, "ip must be an IPv4 or IPv6 address.")
    .refine(isValidIp, "ip must be an IPv4 or IPv6 address.")
    .optional(),
  /** Usage credits this verification spends (default 1; 0: checks the key without spending). */
  cost: z
    .number({ error: "cost must be a whole number from 0." })
    .int("cost must be a whole number from 0.")
    .min(0, "cost must be a whole number from 0.")
    .max(CREDITS_MAX, `cost must be at most ${CREDITS_MAX}.`)
    .optional(),
});

/** The scope a service's own key needs to verify keys on behalf of its clients (with `ip`). */
export const VERIFY_ON_BEHALF_SCOPE = "keys:verify";

export interface VerifyHttpRequest {
  headers: HeaderSource;
  /** The body, as text or as the request's stream (read by readVerifyBody); empty when the key comes in a header. */
  body: VerifyBodySource;
  ip: string | null;
}

export interface VerifyHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** The body as JSON text, when it is already written (a verdict: result-json.ts). */
  text?: string;
}

const NO_STORE = { "Cache-Control": "no-store" };

function errorAnswer(code: ErrorCode, message: string, field?: string): VerifyHttpResponse {
  const body: ApiErrorBody = { error: field ? { code, message, field } : { code, message } };
  const headers = code === "UNAVAILABLE" ? { ...NO_STORE, "Retry-After": RETRY_AFTER_SECONDS } : NO_STORE;
  return { status: ERROR_STATUS[code], headers, body };
}

type VerifyBody = z.infer<typeof verifyBodySchema>;

/** The common body, `{"key": "…"}` alone, checked without the schema (the verify server's hot path). */
function keyOnlyBody(value: unknown): VerifyBody | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const fields = Object.keys(value);
  const key = (value as { key?: unknown }).key;
  return fields.length === 1 && fields[0] === "key" && typeof key === "string" && key.length <= 1024 ? { key } : null;
}

function checkBody(value: unknown): VerifyBody {
  return value === undefined ? {} : (keyOnlyBody(value) ?? validate(verifyBodySchema, value));
}

/**
 * Every verification outcome is HTTP 200 with `{ valid, code, … }` (as Unkey does): the caller is a
 * service asking a question, and the answer is in the body. 400 is for a request that asks nothing
 * sensible, 503 when the database cannot be reached (fail closed: never "valid" without it).
 *
 * Answers at once (a value, not a promise) when the body is already read and nothing on the way
 * waits for I/O (Verifier.verifyNow); never throws or rejects.
 */
export function handleVerifyHttp(
  request: VerifyHttpRequest,
  verifier: Verifier = defaultVerifier(),
  logWriter: VerificationLogWriter | null = verificationLog(),
): VerifyHttpResponse | Promise<VerifyHttpResponse> {
  const started = performance.now();
  const seen: Seen = { trace: { keyId: null, keyRowId: null, orgId: null }, scopes: [], cost: null, serviceOrgId: null };
  const answer = answerVerify(request, verifier, seen);
  return answer instanceof Promise
    ? answer.then((settled) => recorded(request, seen, settled, started, logWriter))
    : recorded(request, seen, answer, started, logWriter);
}

/** Counts the answer in the metrics and the verification log; returns it. */
function recorded(
  request: VerifyHttpRequest,
  seen: Seen,
  answer: VerifyHttpResponse,
  started: number,
  logWriter: VerificationLogWriter | null,
): VerifyHttpResponse {
  const body = answer.body as { code?: string; error?: { code: string } };
  const code = body.code ?? body.error?.code ?? String(answer.status);
  const latencyMs = performance.now() - started;
  const { verifications, verificationSeconds } = metrics();
  verifications.inc({ code });
  verificationSeconds.observe({ code }, latencyMs / 1000);
  if (logWriter) {
    const userAgent = headerValue(request.headers, "user-agent");
    logWriter.append({
      at: dbClock().anchoredNow() ?? new Date(),
      // A key nobody owns (an unknown key id) belongs to the organisation of the service that asked, if one did.
      orgId: seen.trace.orgId ?? seen.serviceOrgId,
      keyRowId: seen.trace.keyRowId,
      keyId: seen.trace.keyId,
      code,
      ip: request.ip,
      userAgent: userAgent === null ? null : userAgent.slice(0, USER_AGENT_MAX),
      scopes: seen.scopes,
      latencyMs,
      cost: seen.cost,
    });
  }
  return answer;
}

/** What the verification log needs to know of a request beyond its answer. */
interface Seen {
  trace: VerifyTrace;
  scopes: readonly string[];
  cost: number | null;
  serviceOrgId: string | null;
}

function answerVerify(request: VerifyHttpRequest, verifier: Verifier, seen: Seen): VerifyHttpResponse | Promise<VerifyHttpResponse> {
  try {
    const value = readVerifyBody(request.headers, request.body);
    const answer =
      value instanceof Promise
        ? value.then((read) => verifyBody(request, verifier, seen, read))
        : verifyBody(request, verifier, seen, value);
    return answer instanceof Promise ? answer.catch(failureAnswer) : answer;
  } catch (error) {
    return failureAnswer(error);
  }
}

function verifyBody(
  request: VerifyHttpRequest,
  verifier: Verifier,
  seen: Seen,
  value: unknown,
): VerifyHttpResponse | Promise<VerifyHttpResponse> {
  const body = checkBody(value);
  seen.scopes = body.scopes ?? [];
  seen.cost = body.cost ?? null;
  // With the key to check in the body, a Keysmith key in the header is the caller's own: a
  // service verifying its users' keys (the "verify on behalf of your client" pattern).
  const serviceKey = body.key !== undefined ? keysmithKeyFromHeaders(request.headers) : null;
  const key = body.key ?? apiKeyFromHeaders(request.headers);
  if (key === null) {
    return errorAnswer(
      "VALIDATION_FAILED",
      "Send the key as `key` in the JSON body, or in an Authorization (Bearer or ApiKey) or X-API-Key header.",
      "key",
    );
  }
  if (serviceKey) return verifyOnBehalf(request, verifier, seen, body, serviceKey, key);
  const result = verifier.verifyNow(key, verifyOptions(request, seen, body, null));
  return result instanceof Promise ? result.then(verdictAnswer) : verdictAnswer(result);
}

/** A service proves itself with its own key (keys:verify) first; its users' keys are then checked on its behalf. */
async function verifyOnBehalf(
  request: VerifyHttpRequest,
  verifier: Verifier,
  seen: Seen,
  body: VerifyBody,
  serviceKey: string,
  key: string,
): Promise<VerifyHttpResponse> {
  const service = await verifier.verify(serviceKey, {
    scopes: [VERIFY_ON_BEHALF_SCOPE],
    ip: request.ip,
    spendCredits: false,
    trace: seen.trace,
  });
  const denied = denialFor(service, [VERIFY_ON_BEHALF_SCOPE]);
  if (denied) return { status: denied.status, headers: denied.headers, body: denied.body };
  seen.serviceOrgId = service.orgId;
  seen.trace = { keyId: null, keyRowId: null, orgId: null };
  return verdictAnswer(await verifier.verify(key, verifyOptions(request, seen, body, service)));
}

/**
 * The end client's address is a claim only a proven service may make; anyone else is judged by
 * their own address. A service is limited by its own key, not by its users' mistakes.
 */
function verifyOptions(request: VerifyHttpRequest, seen: Seen, body: VerifyBody, service: VerifyResult | null): VerifyOptions {
  const options: VerifyOptions = { scopes: body.scopes, ip: request.ip, caller: service ? "service" : "anonymous", trace: seen.trace };
  if (body.cost !== undefined) options.cost = body.cost;
  if (service && body.ip) options.clientIpClaim = { ip: body.ip, orgId: service.orgId!, projectId: service.projectId };
  return options;
}

function verdictAnswer(result: VerifyResult): VerifyHttpResponse {
  const headers = result.ratelimit ? rateLimitHeaders(result.ratelimit, result.code === "RATE_LIMITED") : {};
  headers["Cache-Control"] = "no-store";
  return { status: 200, headers, body: result, text: verifyResultJson(result) };
}

function failureAnswer(error: unknown): VerifyHttpResponse {
  if (error instanceof AppError) return errorAnswer(error.code, error.message, error.field);
  if (error instanceof VerificationUnavailableError) {
    log.error({ err: error.cause }, "key verification unavailable");
    return errorAnswer("UNAVAILABLE", "Key verification is unavailable right now; try again shortly.");
  }
  log.error({ err: error }, "key verification failed");
  return errorAnswer("INTERNAL", "Something went wrong on our side; try again.");
}
