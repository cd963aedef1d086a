import { existsSync } from "node:fs";

// libfaketime (Debian: `apt-get install faketime`) moves one process's wall clock — and only its
// own: the database's, the machine's and the other instances' stay right. The monotonic clock is
// left alone, as a wall-clock step would leave it.
const LIBRARY = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";

export function faketimeAvailable(): boolean {
  return existsSync(LIBRARY);
}

/** Environment for a process whose clock is `offset` off ("+60d", "-90s": libfaketime's syntax). */
export function skewedClockEnv(offset: string): Record<string, string> {
  return { LD_PRELOAD: LIBRARY, FAKETIME: offset, FAKETIME_DONT_FAKE_MONOTONIC: "1", FAKETIME_NO_CACHE: "1" };
}
