import autocannon from "autocannon";

export interface LoadRow {
  label: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  /** Answers whose HTTP status was not 200, plus connection errors and timeouts. */
  non200: number;
  /** The same, as "non-2xx/errors/timeouts" when any. */
  non200Detail: string;
  /** 200 answers whose `code` was not the expected one. */
  wrongCodes: number;
}

export interface LoadTarget {
  label: string;
  url: string;
  method?: "GET" | "POST";
  /** Bodies sent in turn (round-robin across all connections); none for a GET. */
  bodies?: readonly string[];
  /** The verification code every answer must carry; unchecked when absent. */
  expectCode?: string;
}

export const CONNECTIONS = 50;

/** One autocannon run; `amount` instead of a duration sends exactly that many requests. */
export async function runLoad(target: LoadTarget, options: { durationSeconds?: number; amount?: number }): Promise<LoadRow> {
  const bodies = target.bodies ?? [];
  let nextBody = 0;
  let wrongCodes = 0;
  const expected = target.expectCode ? `"code":"${target.expectCode}"` : undefined;
  const result = await autocannon({
    url: target.url,
    connections: CONNECTIONS,
    ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.durationSeconds ?? 10 }),
    requests: [
      {
        method: target.method ?? (bodies.length ? "POST" : "GET"),
        headers: bodies.length ? { "content-type": "application/json" } : {},
        ...(bodies.length > 1
          ? {
              setupRequest: (request) => {
                request.body = bodies[nextBody++ % bodies.length];
                return request;
              },
            }
          : bodies.length === 1
            ? { body: bodies[0] }
            : {}),
        onResponse: (status, body) => {
          if (expected && status === 200 && !body.includes(expected)) wrongCodes++;
        },
      },
    ],
  });
  return {
    label: target.label,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non200: result.non2xx + result.errors + result.timeouts,
    non200Detail: result.non2xx + result.errors + result.timeouts ? `${result.non2xx}/${result.errors}/${result.timeouts}` : "0",
    wrongCodes,
  };
}
