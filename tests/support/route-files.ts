import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// The HTTP operations the app really has, read from the filesystem: every route.ts under app/
// and the methods it exports. The OpenAPI contract test compares the document against this.

const root = path.resolve(import.meta.dirname, "../..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** "app/api/tokens/[id]/route.ts" → "/api/tokens/{id}"; route groups "(x)" vanish. */
function urlPathOf(file: string): string {
  const segments = path.relative(path.join(root, "app"), path.dirname(file)).split(path.sep);
  return (
    "/" +
    segments
      .filter((segment) => !/^\(.*\)$/.test(segment))
      .map((segment) => segment.replace(/^\[(.+)\]$/, "{$1}"))
      .join("/")
  );
}

function exportedMethods(source: string): string[] {
  return METHODS.filter((method) => new RegExp(`export\\s+(const\\s+${method}\\b|(async\\s+)?function\\s+${method}\\b)`).test(source));
}

/** "GET /api/tokens", … for every route file under app/. */
export function implementedOperations(): string[] {
  return routeFiles(path.join(root, "app"))
    .flatMap((file) => exportedMethods(readFileSync(file, "utf8")).map((method) => `${method} ${urlPathOf(file)}`))
    .sort();
}
