// better-auth's api-key plugin on bare node:http, for npm run bench:compare (bench/compare.ts).
//   node bench/compare/better-auth-server.mjs seed <count> <out.json>   migrate, create a user and <count> keys
//   node bench/compare/better-auth-server.mjs serve <port>              answer POST {key} with {"valid","code"}
// DATABASE_URL names its own PostgreSQL database. Rate limiting is off (as Keysmith's keys get a
// limit of 1,000,000/min in the bench); everything else is the plugin's defaults.
import { writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { apiKey } from "@better-auth/api-key";
import { betterAuth } from "better-auth";
import { getMigrations } from "better-auth/db/migration";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const auth = betterAuth({
  database: pool,
  secret: "bench-secret-0123456789abcdefghijklmnopqrstuvwxyz",
  baseURL: "http://127.0.0.1",
  emailAndPassword: { enabled: true },
  telemetry: { enabled: false },
  // It logs every refused key at error level; writing those logs is not verification.
  logger: { disabled: true },
  plugins: [apiKey({ rateLimit: { enabled: false } })],
});

async function seed(count, out) {
  const { runMigrations } = await getMigrations(auth.options);
  await runMigrations();
  const { user } = await auth.api.signUpEmail({
    body: { email: "bench@compare.example", password: "a long bench password", name: "bench" },
  });
  const keys = [];
  for (let i = 0; i < count; i++) {
    const created = await auth.api.createApiKey({ body: { userId: user.id, name: `bench ${i}`, rateLimitEnabled: false } });
    keys.push(created.key);
  }
  writeFileSync(out, JSON.stringify(keys));
  await pool.end();
}

function serve(port) {
  createServer((request, response) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", async () => {
      let answer;
      try {
        const { key } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        const result = await auth.api.verifyApiKey({ body: { key } });
        answer = { valid: result.valid, code: result.valid ? "VALID" : "INVALID" };
      } catch {
        answer = { valid: false, code: "INVALID" };
      }
      const body = JSON.stringify(answer);
      response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      response.end(body);
    });
  }).listen(Number(port), "127.0.0.1", () => console.log(`better-auth api-key server on ${port}`));
}

const [mode, ...args] = process.argv.slice(2);
if (mode === "seed") await seed(Number(args[0]), args[1]);
else if (mode === "serve") serve(args[0]);
else throw new Error("usage: better-auth-server.mjs seed <count> <out.json> | serve <port>");
