import { NextRequest } from "next/server";

// Calls a route handler the way `next start` does, authenticated by an API key.

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface CallOptions {
  method?: string;
  path: string;
  params?: Record<string, string>;
  headers?: Record<string, string>;
}

export function callWithKey(handler: Handler, key: string | null, init: CallOptions): Promise<Response> {
  const request = new NextRequest(`http://localhost${init.path}`, {
    method: init.method ?? "GET",
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...init.headers },
  });
  return handler(request, { params: Promise.resolve(init.params ?? {}) });
}
