import { z } from "@/lib/openapi/zod";
import { jsonResponse } from "@/lib/openapi/components";
import { healthSchema, userIdSchema, wellKnownSchema } from "@/lib/openapi/schemas/public";
import { signInSchema, signUpSchema } from "@/lib/validations/auth";
import { defineOperation } from "../operation";

// Operations anyone may call: local accounts, health, and the discovery documents.

const LOCAL_ONLY = "Local sign-in only: with Clerk as the provider it answers 404.";

export const signUp = defineOperation({
  id: "signUp",
  method: "POST",
  path: "/api/auth/sign-up",
  tag: "Accounts",
  summary: "Create an account and sign in",
  description:
    "The first account becomes the organisation's owner. After that, sign-up needs an `invitation` token (from an invitation link), which decides the organisation and role; " +
    "without one it answers 403 unless KEYSMITH_SIGNUP=open (then new accounts join as members). Passwords must be at least 12 characters and hard to guess (zxcvbn score 3). " +
    `Sets the session cookie. Also takes a plain HTML form post, answered with a 303 redirect. ${LOCAL_ONLY}`,
  access: "public",
  formPost: { page: "/sign-up", success: "/keys", keep: ["invitation"] },
  body: signUpSchema,
  bodyExample: { email: "ada@example.com", password: "a long enough password" },
  responses: { 201: jsonResponse("Signed up and signed in.", userIdSchema) },
  errors: [403, 404, 409],
});

export const signIn = defineOperation({
  id: "signIn",
  method: "POST",
  path: "/api/auth/sign-in",
  tag: "Accounts",
  summary: "Sign in",
  description:
    "Starts a new session (a new cookie value every time). After 5 failed attempts for an email (20 per address) each further failure doubles a wait (429 with Retry-After, up to 15 minutes). " +
    `Also takes a plain HTML form post, answered with a 303 redirect. ${LOCAL_ONLY}`,
  access: "public",
  formPost: { page: "/sign-in", success: "/keys", next: "next" },
  body: signInSchema,
  bodyExample: { email: "ada@example.com", password: "a long enough password" },
  responses: { 200: jsonResponse("Signed in.", userIdSchema) },
  errors: [401, 403, 404, 429],
});

export const signOut = defineOperation({
  id: "signOut",
  method: "POST",
  path: "/api/auth/sign-out",
  tag: "Accounts",
  summary: "Sign out",
  description: `Ends the session on the server and clears the cookie. ${LOCAL_ONLY}`,
  access: "public",
  responses: { 204: { description: "Signed out." } },
  errors: [403, 404],
});

export const health = defineOperation({
  id: "getHealth",
  method: "GET",
  path: "/api/health",
  tag: "Health",
  summary: "Liveness and database reachability",
  description: "For load balancers and orchestrators: 200 while the database answers, 503 (with the reason) while it does not.",
  access: "public",
  responses: {
    200: jsonResponse("Up, and the database answers; `degraded` lists what works in a reduced way (e.g. Redis bypassed).", healthSchema),
    503: jsonResponse("The database does not answer.", healthSchema),
  },
});

export const ping = defineOperation({
  id: "ping",
  method: "GET",
  path: "/api/ping",
  tag: "Health",
  summary: "The cheapest answer the server gives",
  description: "No database, no auth: a baseline for benchmarks.",
  access: "public",
  responses: { 200: jsonResponse("Alive.", z.strictObject({ ok: z.literal(true) })) },
});

export const openApiDocument = defineOperation({
  id: "getOpenApiDocument",
  method: "GET",
  path: "/api/openapi.json",
  tag: "Discovery",
  summary: "This OpenAPI 3.1 document",
  description:
    "Generated from the same declarations the server routes with; cacheable for five minutes. Feed it to openapi-typescript or any OpenAPI tool.",
  access: "public",
  responses: {
    200: { description: "The document.", content: { "application/json": { schema: z.object({ openapi: z.literal("3.1.0") }) } } },
  },
});

export const wellKnownRegistry = defineOperation({
  id: "getWellKnownRegistry",
  method: "GET",
  path: "/.well-known/registry.json",
  tag: "Discovery",
  summary: "Keysmith's own discovery document",
  description: "Public and cacheable (CORS `*`): what a registry client needs to use Keysmith as its key service.",
  access: "public",
  responses: { 200: jsonResponse("The discovery document.", wellKnownSchema) },
});
