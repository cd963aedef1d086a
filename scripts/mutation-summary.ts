// `npm run mutation:summary`: the mutation score per folder from the last `npm run test:mutation`
// (reports/mutation/mutation.json, the mutation-testing-report-schema format).
import { readFileSync } from "node:fs";

interface Mutant {
  status: "Killed" | "Survived" | "NoCoverage" | "Timeout" | "CompileError" | "RuntimeError" | "Ignored" | "Pending";
}
interface Report {
  files: Record<string, { mutants: Mutant[] }>;
}

const report = JSON.parse(readFileSync("reports/mutation/mutation.json", "utf8")) as Report;
const folders = new Map<string, { detected: number; undetected: number }>();
for (const [file, { mutants }] of Object.entries(report.files)) {
  const folder = file.split("/").slice(0, 2).join("/");
  const counts = folders.get(folder) ?? { detected: 0, undetected: 0 };
  for (const mutant of mutants) {
    if (mutant.status === "Killed" || mutant.status === "Timeout") counts.detected += 1;
    else if (mutant.status === "Survived" || mutant.status === "NoCoverage") counts.undetected += 1;
  }
  folders.set(folder, counts);
}
const rows = [...folders].sort(([a], [b]) => a.localeCompare(b));
const total = rows.reduce(
  (sum, [, counts]) => ({ detected: sum.detected + counts.detected, undetected: sum.undetected + counts.undetected }),
  { detected: 0, undetected: 0 },
);
const score = ({ detected, undetected }: { detected: number; undetected: number }) =>
  ((100 * detected) / Math.max(1, detected + undetected)).toFixed(1);
console.log("| folder | mutants | detected | undetected | score |\n| --- | ---: | ---: | ---: | ---: |");
for (const [folder, counts] of rows)
  console.log(`| ${folder} | ${counts.detected + counts.undetected} | ${counts.detected} | ${counts.undetected} | ${score(counts)} % |`);
console.log(`| all | ${total.detected + total.undetected} | ${total.detected} | ${total.undetected} | ${score(total)} % |`);
