import http from "node:http";
import type { AddressInfo } from "node:net";

// A real HTTP server on loopback that serves /.well-known/registry.json in every variant
// discovery must handle. Each variant lives under its own path prefix, so the registry
// URL of a variant is `${server.url}/<variant>`.

export const GOOD_DOCUMENT = {
  name: "Company Private",
  version: "2.1.0",
  api_base: "/api",
  endpoints: {
    tokens: { list: "GET /api/tokens", create: "POST /api/tokens", revoke: { method: "delete", path: "/api/tokens/{id}" } },
    verify: "POST /api/tokens/verify",
  },
  auth: { schemes: [{ type: "bearer" }, "api_key"] },
  extra: "ignored",
};

export interface RegistryServer {
  url: string;
  /** Requests seen, as "METHOD path". */
  requests: string[];
  /** Serves `document` as JSON at `${url}/${variant}/.well-known/registry.json`. */
  serveDocument(variant: string, document: unknown): void;
  close(): Promise<void>;
}

const WELL_KNOWN = "/.well-known/registry.json";

export async function startRegistryServer(): Promise<RegistryServer> {
  const requests: string[] = [];
  const documents = new Map<string, unknown>();
  const server = http.createServer((request, response) => {
    const path = request.url ?? "/";
    requests.push(`${request.method} ${path}`);
    const variant = path.endsWith(WELL_KNOWN) ? path.slice(1, -WELL_KNOWN.length) : null;
    const send = (status: number, body: string, headers: http.OutgoingHttpHeaders = {}) => {
      response.writeHead(status, { "Content-Type": "application/json", ...headers });
      response.end(body);
    };
    const redirect = (location: string) => {
      response.writeHead(302, { Location: location });
      response.end();
    };
    // Token checks (npm's GET <registry>/-/whoami, or the good document's GET /api/tokens): a bearer token that does not start with "bad" is accepted.
    if (path.endsWith("/-/whoami") || (request.method === "GET" && path === "/api/tokens")) {
      const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? "")?.[1];
      if (path.startsWith("/whoami-slow/")) return;
      return token && !token.startsWith("bad")
        ? send(200, JSON.stringify({ username: "keysmith-test" }))
        : send(401, JSON.stringify({ error: "unauthorized" }));
    }
    // Package registries for live resolution: /pkg-<kind>/<name as npm encodes it>.
    const packageRegistry = /^\/pkg-(good|401|404|slow)(?:\/([^/]+))?$/.exec(path);
    if (packageRegistry && variant === null) {
      const [, kind, name] = packageRegistry;
      if (kind === "slow") return;
      if (kind === "401") return send(401, JSON.stringify({ error: "unauthorized" }));
      if (kind === "404" || !name) return send(404, JSON.stringify({ error: "not found" }));
      return send(200, JSON.stringify({ name: decodeURIComponent(name), "dist-tags": { latest: "1.0.0" } }));
    }
    if (variant !== null && /^(pkg-|whoami-)/.test(variant)) return send(200, JSON.stringify({ name: variant }));
    const hops = /^redirect-(\d+)$/.exec(variant ?? "");
    if (hops) {
      const left = Number(hops[1]);
      redirect(left > 1 ? `/redirect-${left - 1}${WELL_KNOWN}` : `/good${WELL_KNOWN}`);
      return;
    }
    if (variant !== null && documents.has(variant)) return send(200, JSON.stringify(documents.get(variant)));
    switch (variant) {
      case "good":
      case "good/nested":
        return send(200, JSON.stringify({ ...GOOD_DOCUMENT, name: variant === "good" ? GOOD_DOCUMENT.name : "Nested" }));
      case "malformed":
        return send(200, '{"name": "Broken", "api_base": ');
      case "wrong-shape":
        return send(200, JSON.stringify({ name: "No API base", endpoints: { verify: "VERIFY it" } }));
      case "not-object":
        return send(200, JSON.stringify(["a", "list"]));
      case "bad-endpoint":
        return send(200, JSON.stringify({ ...GOOD_DOCUMENT, endpoints: { tokens: { list: "FETCH tokens" } } }));
      case "slow":
        // Never answers: only the client's deadline ends the wait, however fast the machine.
        return;
      case "slow-body":
        // Headers at once, then part of the body and nothing more: the deadline must cover the body too.
        response.writeHead(200, { "Content-Type": "application/json" });
        response.write('{"name": "Trickle",');
        return;
      case "huge": {
        // No Content-Length: the limit must hold while streaming.
        response.writeHead(200, { "Content-Type": "application/json" });
        const chunk = Buffer.alloc(16 * 1024, 0x20);
        let sent = 0;
        const pump = () => {
          while (sent < 1024 * 1024) {
            sent += chunk.length;
            if (!response.write(chunk)) return void response.once("drain", pump);
          }
          response.end("{}");
        };
        response.on("error", () => {});
        return pump();
      }
      case "huge-declared":
        response.writeHead(200, { "Content-Type": "application/json", "Content-Length": String(10 * 1024 * 1024) });
        response.write("{");
        return;
      case "redirect-loop":
        return redirect(`/redirect-loop${WELL_KNOWN}`);
      case "redirect-metadata":
        return redirect("http://169.254.169.254/latest/meta-data/iam/security-credentials/");
      case "redirect-metadata-v6":
        return redirect("http://[fd00:ec2::254]/latest/meta-data/");
      case "redirect-link-local":
        return redirect("http://[fe80::1]/registry.json");
      case "redirect-mapped-metadata":
        return redirect("http://[::ffff:169.254.169.254]/latest/meta-data/");
      case "redirect-file":
        return redirect("file:///etc/passwd");
      case "redirect-decimal-loopback":
        return redirect(`http://2130706433:${(server.address() as AddressInfo).port}/good${WELL_KNOWN}`);
      case "server-error":
        return send(500, JSON.stringify({ error: "boom" }));
      default:
        return send(404, JSON.stringify({ error: "not found" }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    serveDocument: (variant, document) => void documents.set(variant, document),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
