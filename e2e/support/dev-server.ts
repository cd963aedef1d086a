import { expect, type APIRequestContext, type Page } from "@playwright/test";

// `next dev` compiles each route on its first request, and while it compiles, an open page can be
// reloaded by the dev client — a form half filled is then empty again. On a slow or busy machine
// the compiles take long enough to land in the middle of a journey. So a spec against the dev
// server compiles everything its journey will touch first, over plain HTTP, before a browser opens.

/** Requests each route once (any status: compiling is the point) and waits for every answer. */
export async function compileRoutes(request: APIRequestContext, routes: { method: "GET" | "POST"; path: string }[]): Promise<void> {
  for (const { method, path } of routes) {
    const response = await request.fetch(path, { method, maxRedirects: 0, data: method === "POST" ? {} : undefined, timeout: 180_000 });
    expect(response.status(), `${method} ${path} while compiling`).toBeLessThan(500);
  }
}

/**
 * Records the page's full document loads (not client-side navigations): a journey that must not
 * reload compares the list with the loads it made itself.
 */
export function recordDocumentLoads(page: Page): string[] {
  const loads: string[] = [];
  page.on("request", (request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) loads.push(new URL(request.url()).pathname);
  });
  return loads;
}
