import { VARIABLE_NAMES, VARIABLES, type Group, type Variable, type VariableName } from "./variables";

// .env.example and docs/configuration.md, written from the declarations (npm run config:docs);
// tests/config/docs-drift.test.ts fails when the committed files differ.

const GROUPS: Group[] = ["Server", "Database", "Secrets", "Sign-in", "Network", "Verification", "Registries", "Operations"];

function documented(group: Group): [VariableName, Variable][] {
  return VARIABLE_NAMES.map((name) => [name, VARIABLES[name] as Variable] as [VariableName, Variable]).filter(
    ([, variable]) => variable.group === group && !variable.internal,
  );
}

const plain = (text: string) => text.replace(/`/g, "");

export function envExample(): string {
  const lines = [
    "# Keysmith's settings (generated from lib/config/variables.ts by `npm run config:docs`; see docs/configuration.md).",
    "# Copy to .env: `npm start` and the verify server read it; the environment wins over the file.",
    "# Uncommented lines are what a production deployment must set.",
  ];
  for (const group of GROUPS) {
    lines.push("", `# --- ${group} ---`);
    for (const [name, variable] of documented(group)) {
      lines.push(`# ${plain(variable.description)}`);
      lines.push(`${variable.required ? "" : "# "}${name}=${variable.example ?? ""}`);
    }
  }
  return lines.join("\n") + "\n";
}

export function configurationMarkdown(): string {
  const lines = [
    "# Configuration",
    "",
    "<!-- Generated from lib/config/variables.ts by `npm run config:docs`: edit that file, not this one. -->",
    "",
    "Keysmith reads its settings from the environment, once, in `lib/config` (zod). `npm start`, the",
    "verify server and the container check every variable at start: an invalid value stops the",
    "process with the variable's name (`Keysmith cannot start: KEYSMITH_DB_POOL_MAX must be a whole",
    'number (got "ten")`). Empty values count as unset. Secrets are never echoed. `.env.example`',
    "lists the same variables; `npm start` reads a `.env` file beside it (the environment wins).",
    "Each secret (marked 🔒) may instead be read from a file: `KEYSMITH_PEPPER_FILE=/run/secrets/pepper`",
    "(Docker secrets; docker-compose.yml does this). A running production server keeps the settings it",
    "started with (a secret file changed later is not read again): restart it to apply a change.",
    "",
    "Required in production (`NODE_ENV=production`, which `npm start` sets): `KEYSMITH_PEPPER`,",
    "`KEYSMITH_ENCRYPTION_KEY`, and `DATABASE_URL` unless the embedded database is meant.",
  ];
  for (const group of GROUPS) {
    lines.push("", `## ${group}`, "", "| Variable | Example | Meaning |", "| --- | --- | --- |");
    for (const [name, variable] of documented(group)) {
      const example = variable.example ? `\`${variable.example}\`` : "";
      lines.push(`| \`${name}\`${variable.secret ? " 🔒" : ""} | ${example} | ${variable.description.replace(/\|/g, "\\|")} |`);
    }
  }
  return lines.join("\n") + "\n";
}

export const GENERATED_FILES = { ".env.example": envExample, "docs/configuration.md": configurationMarkdown } as const;
