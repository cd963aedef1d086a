import type { operations } from "./generated/api.js";
import { ROUTES, type OperationId } from "./generated/routes.js";
import { KeysmithError } from "./errors.js";

// The management API, typed from Keysmith's OpenAPI document: `call(operationId, { params,
// query, body })` for every operation, and named shortcuts for the key lifecycle.

type Op<O extends OperationId> = operations[O];
type ParamsOf<O extends OperationId> = Op<O> extends { parameters: infer P } ? P : never;
type PathOf<O extends OperationId> = ParamsOf<O> extends { path?: infer X } ? X : never;
type QueryOf<O extends OperationId> = ParamsOf<O> extends { query?: infer Q } ? Q : never;
type BodyOf<O extends OperationId> = Op<O> extends { requestBody?: { content: { "application/json": infer B } } } ? B : never;
type ResponsesOf<O extends OperationId> = Op<O> extends { responses: infer R } ? R : never;
type ContentOf<R> = R extends { content: { "application/json": infer J } } ? J : R extends { content: infer C } ? C[keyof C] : undefined;
/** The body of the operation's success answer (200, 201 or 204). */
export type ResultOf<O extends OperationId> = {
  [S in keyof ResponsesOf<O>]: S extends 200 | 201 | 204 ? ContentOf<ResponsesOf<O>[S]> : never;
}[keyof ResponsesOf<O>];

export interface CallOptions<O extends OperationId> {
  params?: PathOf<O>;
  query?: QueryOf<O>;
  body?: BodyOf<O>;
}

export interface KeysmithClientOptions {
  /** Keysmith's base URL, e.g. "https://keys.example.com". */
  baseUrl: string;
  /** A secret (sk) API key with the permissions the calls need. */
  apiKey: string;
  fetch?: typeof fetch;
}

export type KeysmithClient = ReturnType<typeof createKeysmithClient>;

export function createKeysmithClient(options: KeysmithClientOptions) {
  const fetcher = options.fetch ?? fetch;

  async function call<O extends OperationId>(operationId: O, request: CallOptions<O> = {}): Promise<ResultOf<O>> {
    const route = ROUTES[operationId];
    const params = (request.params ?? {}) as Record<string, unknown>;
    const path = route.path.replace(/\{(\w+)\}/g, (_match, name: string) => encodeURIComponent(String(params[name])));
    const url = new URL(path, options.baseUrl);
    for (const [name, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
      if (value !== undefined && value !== null) url.searchParams.set(name, String(value));
    }
    const headers: Record<string, string> = { authorization: `Bearer ${options.apiKey}`, accept: "application/json" };
    if (request.body !== undefined) headers["content-type"] = "application/json";
    const response = await fetcher(url, {
      method: route.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    });
    if (!response.ok) throw await KeysmithError.from(response);
    if (response.status === 204) return undefined as ResultOf<O>;
    const type = response.headers.get("content-type") ?? "";
    return (type.includes("json") ? await response.json() : await response.text()) as ResultOf<O>;
  }

  return {
    call,
    keys: {
      list: (query?: QueryOf<"listKeys">) => call("listKeys", { query }),
      create: (body: BodyOf<"createKey">) => call("createKey", { body }),
      get: (id: string) => call("getKey", { params: { id } }),
      update: (id: string, body: BodyOf<"updateKey">) => call("updateKey", { params: { id }, body }),
      rotate: (id: string, body: BodyOf<"rotateKey">) => call("rotateKey", { params: { id }, body }),
      revoke: (id: string) => call("revokeKey", { params: { id } }),
    },
  };
}
