import type { z } from "zod";
import type { RequestFilters } from "./requests-view";

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * The filters in a page's URL, parsed with the API's own schema: what the page shows, the same
 * strings for the form, and the first problem (then the page shows everything, unfiltered).
 */
export function readRequestFilters<Schema extends z.ZodType>(
  searchParams: SearchParams,
  schema: Schema,
  names: readonly string[],
): { query: z.infer<Schema> | null; filters: RequestFilters; error: string | null } {
  const raw: Record<string, string> = {};
  for (const name of [...names, "cursor"]) {
    const value = searchParams[name];
    const text = Array.isArray(value) ? value[0] : value;
    if (text) raw[name] = text;
  }
  const parsed = schema.safeParse(raw);
  const filters = Object.fromEntries(names.filter((name) => raw[name]).map((name) => [name, raw[name]])) as RequestFilters;
  if (parsed.success) return { query: parsed.data, filters, error: null };
  return { query: null, filters, error: parsed.error.issues[0]?.message ?? "These filters are not valid." };
}
