import type { Operation } from "../operation";
import * as insight from "./insight";
import * as keys from "./keys";
import * as leaks from "./leaks";
import * as members from "./members";
import * as projects from "./projects";
import * as publicOperations from "./public";
import * as registries from "./registries";
import * as settings from "./settings";
import * as verifications from "./verifications";
import * as webhooks from "./webhooks";

// Every operation of the HTTP API, in the order the document lists them.
export const OPERATIONS: readonly Operation<unknown, unknown, unknown>[] = [
  keys,
  leaks,
  projects,
  settings,
  insight,
  verifications,
  publicOperations,
  members,
  registries,
  webhooks,
].flatMap((area) => Object.values(area) as Operation<unknown, unknown, unknown>[]);
