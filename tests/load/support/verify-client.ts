import http from "node:http";

export interface VerifyAnswer {
  /** HTTP status, or 0 when the request failed (connection refused, reset, timeout). */
  status: number;
  code: string | null;
  valid: boolean;
  sentAt: number;
  receivedAt: number;
  body: Record<string, unknown> | null;
  /** Why there was no answer (status 0). */
  error?: string;
}

const agents = new Map<string, http.Agent>();

function agentFor(origin: string): http.Agent {
  let agent = agents.get(origin);
  if (!agent) {
    agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
    agents.set(origin, agent);
  }
  return agent;
}

export function closeAgents(): void {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
}

/** POST /api/tokens/verify with the key in the body; never throws. */
export async function verifyOverHttp(baseUrl: string, key: string, timeoutMs = 10_000): Promise<VerifyAnswer> {
  const answer = await attempt(baseUrl, key, timeoutMs);
  // A keep-alive socket the server closed just as we reused it: the request never reached the
  // server, so sending it again is what any HTTP client does (see Node's http docs, reusedSocket).
  return answer.retryable ? attempt(baseUrl, key, timeoutMs) : answer;
}

function attempt(baseUrl: string, key: string, timeoutMs: number): Promise<VerifyAnswer & { retryable?: boolean }> {
  const url = new URL("/api/tokens/verify", baseUrl);
  const payload = JSON.stringify({ key });
  const sentAt = performance.now();
  return new Promise((resolve) => {
    const done = (status: number, text: string, error?: string, retryable?: boolean) => {
      let body: Record<string, unknown> | null = null;
      try {
        body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
      } catch {
        body = null;
      }
      resolve({
        status,
        code: typeof body?.code === "string" ? body.code : null,
        valid: body?.valid === true,
        sentAt,
        receivedAt: performance.now(),
        body,
        error,
        retryable,
      });
    };
    const request = http.request(
      url,
      {
        method: "POST",
        agent: agentFor(url.origin),
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload) },
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => done(response.statusCode ?? 0, Buffer.concat(chunks).toString("utf8")));
        response.on("error", (error) => done(0, "", error.message));
      },
    );
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", (error: NodeJS.ErrnoException) =>
      done(0, "", `${error.code ?? error.message} from ${url.host}`, request.reusedSocket && error.code === "ECONNRESET"),
    );
    request.end(payload);
  });
}
