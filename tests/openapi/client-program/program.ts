// A client program written against the types openapi-typescript generates from Keysmith's
// document (tests/openapi/lint.test.ts generates ./keysmith-api.ts beside a copy of this file and
// compiles both with tsc). It fails to compile when the document misdescribes a request.
import type { components, operations, paths } from "./keysmith-api";

type CreateKeyBody = NonNullable<operations["createKey"]["requestBody"]>["content"]["application/json"];
type CreatedKey = operations["createKey"]["responses"][201]["content"]["application/json"];
type Verdict = paths["/api/tokens/verify"]["post"]["responses"][200]["content"]["application/json"];
type ApiError = components["schemas"]["Error"];

const everyPreset: CreateKeyBody[] = [7, 30, 60, 90, 365].map((days) => ({
  name: "ci",
  role: "reader",
  expiresInDays: days as 7 | 30 | 60 | 90 | 365,
}));
// @ts-expect-error 31 days is not a preset: the generated type must refuse it.
const notAPreset: CreateKeyBody = { name: "ci", expiresInDays: 31 };

export async function createKey(baseUrl: string, apiKey: string, body: CreateKeyBody): Promise<CreatedKey> {
  const response = await fetch(`${baseUrl}/api/tokens`, {
    method: "POST",
    headers: { "X-API-Key": apiKey, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(((await response.json()) as ApiError).error.message);
  return (await response.json()) as CreatedKey;
}

export async function isValid(baseUrl: string, key: string, scopes: string[]): Promise<boolean> {
  const response = await fetch(`${baseUrl}/api/tokens/verify`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ key, scopes }),
  });
  const verdict = (await response.json()) as Verdict;
  return verdict.valid;
}

export const examples = { everyPreset, notAPreset };
