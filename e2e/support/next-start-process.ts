import { startServerProcess, type ServerProcess } from "./app-server-process";

/**
 * A bare `next start` of the production build (no Keysmith server around it) on a free port of
 * 127.0.0.1, with extra environment; resolves with its base URL once Next.js says it is ready.
 */
export function startBareNext(env: Record<string, string>): Promise<ServerProcess> {
  return startServerProcess(
    "next start",
    ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", "0"],
    env,
    /Local:\s+(http:\/\/\S+)[\s\S]*Ready in/,
  );
}
