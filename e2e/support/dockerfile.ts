import { readFileSync } from "node:fs";
import path from "node:path";

// What the image's runtime stage declares, read from the Dockerfile itself, so the image test
// starts the server exactly as the image would (no container daemon on CI machines here).

export interface RuntimeStage {
  workdir: string;
  env: Record<string, string>;
  user: string | null;
  /** COPY --from=<stage> <source> <target>: what the stage holds. */
  copies: { from: string; source: string; target: string }[];
  cmd: string[];
  healthcheck: string[];
}

/** Instructions with their continuation lines joined, comments dropped. */
function instructions(text: string): string[] {
  return text
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
}

export function runtimeStage(root: string): RuntimeStage {
  const all = instructions(readFileSync(path.join(root, "Dockerfile"), "utf8"));
  const lastFrom = all.findLastIndex((line) => /^FROM\s/i.test(line));
  const stage: RuntimeStage = { workdir: "/", env: {}, user: null, copies: [], cmd: [], healthcheck: [] };
  for (const line of all.slice(lastFrom + 1)) {
    const [keyword, ...rest] = line.split(/\s+/);
    const args = rest.join(" ");
    switch (keyword!.toUpperCase()) {
      case "WORKDIR":
        stage.workdir = args;
        break;
      case "ENV":
        for (const [, name, value] of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S+)/g))
          stage.env[name!] = value!.replace(/^"|"$/g, "");
        break;
      case "USER":
        stage.user = args;
        break;
      case "COPY": {
        const match = /^--from=(\S+)\s+(\S+)\s+(\S+)$/.exec(args);
        if (match) stage.copies.push({ from: match[1]!, source: match[2]!, target: match[3]! });
        break;
      }
      case "CMD":
        stage.cmd = JSON.parse(args) as string[];
        break;
      case "HEALTHCHECK":
        stage.healthcheck = JSON.parse(args.slice(args.indexOf("CMD ") + 4)) as string[];
        break;
    }
  }
  return stage;
}
