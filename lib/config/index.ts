import { readFileSync } from "node:fs";
import { z } from "zod";
import { VARIABLE_NAMES, VARIABLES, type Variable, type VariableName } from "./variables";

// The one place that reads Keysmith's settings from the environment. Every module asks config();
// the start scripts call it first, so an invalid value stops the process with the variable's name.

export type Config = { [Name in VariableName]: z.output<(typeof VARIABLES)[Name]["schema"]> };

export class ConfigError extends Error {
  constructor(readonly problems: { variable: VariableName; message: string }[]) {
    super(problems.map((problem) => `${problem.variable} ${problem.message}`).join("; "));
    this.name = "ConfigError";
  }
}

const schema = z.object(
  Object.fromEntries(VARIABLE_NAMES.map((name) => [name, VARIABLES[name].schema])) as unknown as Record<VariableName, z.ZodType>,
);

type Environment = Record<string, string | undefined>;

let cached: { signature: string; config: Config } | undefined;
// On globalThis: Next.js bundles the instrumentation hook (which freezes) and the routes (which
// read) with separate copies of this module, and the flag is the process's.
const FROZEN = Symbol.for("keysmith.configFrozen");
const flags = globalThis as { [FROZEN]?: boolean };

/** A variable's raw value: empty counts as unset; a secret may come from a file instead (`KEYSMITH_PEPPER_FILE=/run/secrets/pepper`). */
function rawValue(env: Environment, name: VariableName): string | undefined {
  const value = env[name];
  if (value !== undefined && value !== "") return value;
  const file = (VARIABLES[name] as Variable).secret ? env[`${name}_FILE`] : undefined;
  if (!file) return undefined;
  try {
    return readFileSync(file, "utf8").trim();
  } catch (error) {
    throw new ConfigError([{ variable: name, message: `could not be read from ${name}_FILE (${(error as Error).message})` }]);
  }
}

const signatureOf = (env: Environment) => JSON.stringify(VARIABLE_NAMES.map((name) => [env[name], env[`${name}_FILE`]]));

/**
 * The environment's settings, parsed once (again only if the environment changes: tests and the start
 * script set it) — until a server freezes them (freezeConfig).
 */
export function config(env: Environment = process.env): Config {
  if (flags[FROZEN] && cached && env === process.env) return cached.config;
  const signature = signatureOf(env);
  if (env === process.env && cached?.signature === signature) return cached.config;
  const raw = Object.fromEntries(VARIABLE_NAMES.map((name) => [name, rawValue(env, name)]));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const variable = issue.path[0] as VariableName;
        const shown = (VARIABLES[variable] as Variable).secret ? "" : ` (got "${String(raw[variable])}")`;
        return { variable, message: `${issue.message}${shown}` };
      }),
    );
  }
  const result = parsed.data as Config;
  if (env === process.env) cached = { signature, config: result };
  return result;
}

/**
 * A server calls this once its environment is final (after .env and its start script's settings):
 * config() then stops comparing the environment with what it parsed, a comparison that reads every
 * variable from process.env (~40 µs here, 8.6 % of an empty Next.js route's CPU: docs/benchmarks.md).
 */
export function freezeConfig(): Config {
  const settings = config();
  flags[FROZEN] = true;
  return settings;
}

/** Whether this process runs the production build (NODE_ENV=production). */
export const isProduction = (): boolean => config().NODE_ENV === "production";
