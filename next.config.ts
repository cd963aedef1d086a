import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and Node-only packages stay out of the bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "pino", "@electric-sql/pglite", "@electric-sql/pglite-socket"],
  poweredByHeader: false,
};

export default nextConfig;
