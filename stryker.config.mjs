// Mutation testing of the security core (`npm run test:mutation`; not in CI: hours on two cores).
// Stryker changes the code one small mutation at a time and runs the Vitest tests that cover it;
// a mutant that no test notices is a rule no test can see break. Pass folders to narrow a run:
//   npm run test:mutation -- --mutate "lib/auth/**/*.ts"
// Stryker 9.x: 10.x needs Node 22.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "vitest.config.ts" },
  coverageAnalysis: "perTest",
  mutate: ["lib/api/**/*.ts", "lib/auth/**/*.ts", "lib/keys/**/*.ts", "lib/verify/**/*.ts", "lib/net/**/*.ts", "!lib/**/*.d.ts"],
  concurrency: 2,
  timeoutMS: 30_000,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  tempDirName: ".stryker-tmp",
  ignoreStatic: true,
  thresholds: { high: 85, low: 70, break: null },
};

export default config;
