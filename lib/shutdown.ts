import { log } from "@/lib/log";

type Hook = () => Promise<void>;

const store = globalThis as typeof globalThis & {
  keysmithShutdown?: { hooks: Hook[]; running: Promise<void> | null; ownSignals?: boolean };
};
const state = (store.keysmithShutdown ??= { hooks: [], running: null });
const HOOK_TIMEOUT_MS = 10_000;

/** Registers work to finish before the process exits (e.g. flushing usage counts). */
export function onShutdown(hook: Hook): void {
  state.hooks.push(hook);
}

/** Runs every hook once (later calls share the first run), each bounded by a timeout. */
export function runShutdownHooks(): Promise<void> {
  state.running ??= Promise.all(
    state.hooks.map((hook) =>
      Promise.race([hook(), new Promise<void>((resolve) => setTimeout(resolve, HOOK_TIMEOUT_MS).unref())]).catch((error: unknown) =>
        log.error({ err: error }, "shutdown hook failed"),
      ),
    ),
  ).then(() => {});
  return state.running;
}

let installed = false;

/**
 * Called by Keysmith's own server (scripts/start.ts, before Next.js loads): it handles SIGTERM and
 * SIGINT itself — drain, then the hooks, then exit — so holdExitForShutdownHooks stands aside.
 */
export function signalsHandledByServer(): void {
  state.ownSignals = true;
}

/**
 * For a process whose signal handling belongs to someone else (`next start`): Next closes its
 * server on SIGTERM/SIGINT, waits for in-flight requests, then calls process.exit(). We start the
 * hooks at the signal, and hold that exit until they are done — and run them again at the exit,
 * so work recorded by the last in-flight requests is included.
 */
export function holdExitForShutdownHooks(): void {
  if (installed || state.ownSignals) return;
  installed = true;
  const exit = process.exit.bind(process);
  let exiting = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (exiting) return;
    void runShutdownHooks();
    process.exit = ((code?: number) => {
      if (exiting) return undefined as never;
      exiting = true;
      state.running = null;
      void runShutdownHooks().finally(() => exit(code));
      return undefined as never;
    }) as typeof process.exit;
    // Without Next's own handler (NEXT_MANUAL_SIG_HANDLE), nobody else will exit.
    if (process.listenerCount(signal) === 0) process.exit(0);
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
}
