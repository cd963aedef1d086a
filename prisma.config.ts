import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  // `env()` would throw when DATABASE_URL is unset, and `prisma generate` must work without it.
  datasource: process.env.DATABASE_URL ? { url: process.env.DATABASE_URL } : {},
});
