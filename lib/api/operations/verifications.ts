import { z } from "@/lib/openapi/zod";
import { jsonResponse } from "@/lib/openapi/components";
import { unknownKeyGroupsSchema, verificationPageResultSchema } from "@/lib/openapi/schemas/verification-log";
import { keyIdParamSchema } from "@/lib/validations/keys";
import {
  keyVerificationFilterSchema,
  keyVerificationPageSchema,
  unknownKeyQuerySchema,
  verificationFilterSchema,
  verificationPageSchema,
} from "@/lib/validations/verification-log";
import { defineOperation } from "../operation";
import { sessionOrKey } from "./access";

// The verification log (lib/verification-log): one key's requests for whoever may read the key,
// the organisation's for whoever may read its usage (it names every key and caller address).

const keyParams = z.object({ id: keyIdParamSchema });
const CSV = { 200: { description: "A CSV file.", content: { "text/csv": { schema: z.string() } } } };
const KEPT = "Kept for KEYSMITH_VERIFICATION_LOG_RETENTION_DAYS (default 30); written within about a second of the verification.";

export const listKeyVerifications = defineOperation({
  id: "listKeyVerifications",
  method: "GET",
  path: "/api/tokens/{id}/verifications",
  tag: "Usage",
  summary: "A key's verification requests, newest first",
  description: `Every verification that named this key, failures included (wrong secret, usage exceeded, revoked…), with the caller's address and user agent. ${KEPT} Filters combine; \`cursor\` pages back in time.`,
  access: sessionOrKey("keys:read", "own"),
  params: keyParams,
  query: keyVerificationPageSchema,
  responses: { 200: jsonResponse("One page of requests.", verificationPageResultSchema) },
  errors: [404],
});

export const exportKeyVerifications = defineOperation({
  id: "exportKeyVerifications",
  method: "GET",
  path: "/api/tokens/{id}/verifications/export",
  tag: "Usage",
  summary: "A key's verification requests as CSV",
  description: "The filtered requests, streamed; cells that a spreadsheet would run as formulas are escaped.",
  access: sessionOrKey("keys:read", "own"),
  params: keyParams,
  query: keyVerificationFilterSchema,
  responseHeaders: ["Content-Disposition"],
  responses: CSV,
  errors: [404],
});

export const listVerifications = defineOperation({
  id: "listVerifications",
  method: "GET",
  path: "/api/verifications",
  tag: "Usage",
  summary: "The organisation's verification requests, newest first",
  description: `Verifications of the organisation's keys (and unknown keys sent by its own services). ${KEPT} Filters combine; \`cursor\` pages back in time.`,
  access: sessionOrKey("usage:read", "refused"),
  query: verificationPageSchema,
  responses: { 200: jsonResponse("One page of requests.", verificationPageResultSchema) },
});

export const exportVerifications = defineOperation({
  id: "exportVerifications",
  method: "GET",
  path: "/api/verifications/export",
  tag: "Usage",
  summary: "The organisation's verification requests as CSV",
  description: "The filtered requests, streamed; cells that a spreadsheet would run as formulas are escaped.",
  access: sessionOrKey("usage:read", "refused"),
  query: verificationFilterSchema,
  responseHeaders: ["Content-Disposition"],
  responses: CSV,
});

export const listUnknownKeyFailures = defineOperation({
  id: "listUnknownKeyFailures",
  method: "GET",
  path: "/api/verifications/unknown-keys",
  tag: "Usage",
  summary: "Failures for unknown key ids, grouped by key id and address",
  description:
    "Keys whose id matches no key, by the key id read from them and the caller's address, most attempts first (200 groups at most). " +
    "A key nobody has belongs to no organisation: these are the ones the organisation's own services sent (verifying for their clients with their own key).",
  access: sessionOrKey("usage:read", "refused"),
  query: unknownKeyQuerySchema,
  responses: { 200: jsonResponse("The groups.", unknownKeyGroupsSchema) },
});
