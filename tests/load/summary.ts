import { printTable } from "../../bench/table";

export interface ScenarioResult {
  scenario: string;
  requests: number;
  wrong: number;
  /** 5xx or no answer outside an outage window. */
  unavailable: number;
  /** 5xx or no answer during the outage (503 expected there). */
  duringOutage?: string;
  recovery?: string;
  notes: string[];
  violations: string[];
}

export function printSummary(results: readonly ScenarioResult[]): void {
  console.log("\nLoad and fault tests");
  printTable(
    ["scenario", "requests", "wrong answers", "5xx (outside outage)", "during outage", "recovery", "result"],
    results.map((r) => [
      r.scenario,
      r.requests,
      r.wrong,
      r.unavailable,
      r.duringOutage ?? "-",
      r.recovery ?? "-",
      r.violations.length ? "FAIL" : "ok",
    ]),
  );
  for (const r of results) {
    console.log(`\n${r.scenario}:`);
    for (const note of r.notes) console.log(`  - ${note}`);
    for (const violation of r.violations) console.log(`  ✖ ${violation}`);
  }
}
