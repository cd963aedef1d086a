export { createKeysmithClient, type CallOptions, type KeysmithClient, type KeysmithClientOptions, type ResultOf } from "./client.js";
export { apiKeyFrom } from "./credentials.js";
export { KeysmithError } from "./errors.js";
export type { components, operations, paths } from "./generated/api.js";
export { ROUTES, type OperationId } from "./generated/routes.js";
export { decide, type Decision, type GuardOptions } from "./middleware/decision.js";
export {
  createVerifier,
  KeysmithVerifier,
  MAX_CACHE_TTL_MS,
  type VerifierOptions,
  type VerifyKeyOptions,
  type VerifyResult,
} from "./verify.js";
