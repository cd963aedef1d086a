import type { NextRequest } from "next/server";
import { z, type ZodType } from "zod";
import { AppError } from "@/lib/errors";

export const MAX_BODY_BYTES = 16 * 1024;

function fieldOf(issue: z.core.$ZodIssue): string | undefined {
  return issue.path.length > 0 ? issue.path.map(String).join(".") : undefined;
}

/** Validates `value`; the first problem becomes a 400 naming the field and the reason. */
export function validate<T>(schema: ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = fieldOf(issue);
  const message =
    issue.code === "unrecognized_keys"
      ? `Unknown field: ${issue.keys.join(", ")}.`
      : issue.code === "invalid_type" && !field
        ? "The body must be a JSON object."
        : issue.message;
  return failValidation(message, field ?? (issue.code === "unrecognized_keys" ? issue.keys[0] : undefined));
}

function failValidation(message: string, field?: string): never {
  throw new AppError("VALIDATION_FAILED", message, field);
}

export async function readJsonBody(request: NextRequest): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json")) {
    failValidation("Send the body as JSON with Content-Type: application/json.");
  }
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", `The body must be at most ${MAX_BODY_BYTES} bytes.`);
  }
  try {
    return JSON.parse(text);
  } catch {
    return failValidation("The body is not valid JSON.");
  }
}
