import { request } from "node:http";

export interface RawAnswer {
  status: number;
  contentType: string;
  body: unknown;
}

export interface RawRequest {
  headers?: Record<string, string>;
  /** Sent as is; with `chunked`, without Content-Length in 4 KiB chunks. */
  body?: Buffer | string;
  chunked?: boolean;
}

/**
 * POST with exactly the bytes and headers given — no client library adding a Content-Type or
 * re-encoding the body — and the answer's status and JSON body.
 */
export function rawPost(url: string, { headers = {}, body = "", chunked = false }: RawRequest): Promise<RawAnswer> {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: "POST", headers: chunked ? headers : { ...headers, "content-length": String(bytes.length) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON: compared as text
          }
          resolve({ status: res.statusCode ?? 0, contentType: String(res.headers["content-type"] ?? ""), body: parsed });
        });
      },
    );
    req.on("error", reject);
    if (!chunked) return req.end(bytes);
    for (let offset = 0; offset < bytes.length; offset += 4096) req.write(bytes.subarray(offset, offset + 4096));
    req.end();
  });
}
