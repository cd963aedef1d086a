import { defineConfig } from "@playwright/test";
export default defineConfig({
  testDir: "/work/wt-12/e2e",
  outputDir: "/work/wt-12/test-results",
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  timeout: 300_000,
  use: {
    baseURL: "http://localhost:3450",
    launchOptions: { executablePath: "/usr/lib/chromium/chromium", args: ["--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost"] },
  },
  projects: [{ name: "ui", testDir: "/work/wt-12/e2e/ui" }],
});
