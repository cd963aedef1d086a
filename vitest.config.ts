import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    environment: "node",
    // packages/*/test: workspace packages' tests, which resolve their own dependencies (e.g. the SDK's Express 5).
    include: ["tests/**/*.test.ts", "packages/*/test/**/*.test.ts"],
    globalSetup: ["tests/global-setup.ts"],
    env: {
      NODE_ENV: "test",
      KEYSMITH_PEPPER: "test-pepper-0123456789abcdefghijklmnopqrstuvwxyz",
      KEYSMITH_ENCRYPTION_KEY: "Iupx6zNJqrIQv9qw2VMPQpY+KjhPfEBP2ngseCpTQUg=",
    },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
