import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { signInSchema, signUpSchema } from "@/lib/validations/auth";
import { errors, jsonBody, jsonResponse } from "../components";
import { userIdSchema } from "../schemas/public";

const LOCAL_ONLY = "Local sign-in only: with Clerk as the provider it answers 404.";

export function registerAuthPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: "post",
    path: "/api/auth/sign-up",
    tags: ["Accounts"],
    summary: "Create an account and sign in",
    description: `The first account becomes the organisation's owner, later ones join as members. Sets the session cookie. ${LOCAL_ONLY}`,
    request: { body: jsonBody(signUpSchema, { email: "ada@example.com", password: "a long enough password" }) },
    responses: { 201: jsonResponse("Signed up and signed in.", userIdSchema), ...errors(400, 403, 404, 409, 413) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/auth/sign-in",
    tags: ["Accounts"],
    summary: "Sign in",
    description: `Starts a new session (a new cookie value every time). ${LOCAL_ONLY}`,
    request: { body: jsonBody(signInSchema, { email: "ada@example.com", password: "a long enough password" }) },
    responses: { 200: jsonResponse("Signed in.", userIdSchema), ...errors(400, 401, 403, 404, 413) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/auth/sign-out",
    tags: ["Accounts"],
    summary: "Sign out",
    description: `Ends the session on the server and clears the cookie. ${LOCAL_ONLY}`,
    responses: { 204: { description: "Signed out." }, ...errors(403, 404) },
  });
}
