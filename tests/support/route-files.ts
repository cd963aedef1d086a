import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// The HTTP operations the app really has, read from the filesystem: every route.ts under app/ and
// the methods it exports, and every Pages Router API route under pages/api with the method of the
// operation it declares serving. The OpenAPI contract test compares the document against this.

const root = path.resolve(import.meta.dirname, "../..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function filesUnder(directory: string, wanted: (name: string) => boolean): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return filesUnder(full, wanted);
    return wanted(entry.name) ? [full] : [];
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

/** "POST /api/tokens/verify" for pages/api/tokens/verify.ts: the path from the file, the method from its `operation`. */
async function pagesApiOperations(): Promise<string[]> {
  const pages = path.join(root, "pages");
  if (!existsSync(pages)) return [];
  return Promise.all(
    filesUnder(path.join(pages, "api"), (name) => name.endsWith(".ts")).map(async (file) => {
      const { operation } = (await import(file)) as { operation?: { method: string } };
      if (!operation) throw new Error(`${path.relative(root, file)} does not export the operation it serves`);
      return `${operation.method} /${path.relative(pages, file).replace(/\.ts$/, "").split(path.sep).join("/")}`;
    }),
  );
}

/** "GET /api/tokens", … for every route file under app/ and pages/api. */
export async function implementedOperations(): Promise<string[]> {
  const appRoutes = filesUnder(path.join(root, "app"), (name) => name === "route.ts").flatMap((file) =>
    exportedMethods(readFileSync(file, "utf8")).map((method) => `${method} ${urlPathOf(file)}`),
  );
  return [...appRoutes, ...(await pagesApiOperations())].sort();
}
