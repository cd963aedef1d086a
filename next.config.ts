import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and Node-only packages stay out of the bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "pino", "@electric-sql/pglite", "@electric-sql/pglite-socket", "prom-client"],
  poweredByHeader: false,
  // .next/standalone: the server with only the files it needs (the container image; see
  // scripts/build-server.ts, which adds Keysmith's compiled start script and verify server).
  output: "standalone",
};

export default nextConfig;
