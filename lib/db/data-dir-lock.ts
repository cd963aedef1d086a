import { closeSync, existsSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";

// One server per embedded data directory. PGlite keeps the database in memory and writes it back
// to the directory: two processes on one directory each see only their own writes, and whichever
// stops last overwrites the other's (acknowledged keys lost). So the first takes an exclusive lock
// file — created with O_EXCL, holding its pid — and the second refuses to start. A lock whose
// process is gone (kill -9, power loss) is stale and taken over.

export interface LockOwner {
  pid: number;
  host: string;
  /** The process's start time in clock ticks since boot (Linux), so a reused pid is not mistaken for the owner. */
  startTicks: string | null;
  startedAt: string;
  /** Where the holder serves the database, for the refusal message. */
  url?: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by process ${owner.pid} on ${owner.host} (since ${owner.startedAt}` +
        `${owner.url ? `, serving ${owner.url}` : ""}). Two servers on one embedded data directory lose each other's writes, so this one will not start.\n` +
        `Stop process ${owner.pid} first, or let several servers share one database: run PostgreSQL and set DATABASE_URL ` +
        `(e.g. DATABASE_URL=postgres://user:password@127.0.0.1:5432/keysmith) for every server, or give this one its own KEYSMITH_DATA_DIR.`,
    );
    this.name = "DataDirLockedError";
  }
}

function startTicksOf(pid: number): string | null {
  try {
    // /proc/<pid>/stat field 22; the command name (field 2) may hold spaces, so count from its ")".
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

function alive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true; // another machine's process (shared disk): cannot tell, assume alive
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
  }
  const ticks = startTicksOf(owner.pid);
  return owner.startTicks === null || ticks === null || ticks === owner.startTicks;
}

function readOwner(lockPath: string): LockOwner | null {
  try {
    return JSON.parse(readFileSync(lockPath, "utf8")) as LockOwner;
  } catch {
    return null; // half-written or unreadable: treated as stale
  }
}

export interface DataDirLock {
  readonly path: string;
  /** Records where the database is served, for a refused second server's message. */
  describe(url: string): void;
  release(): void;
}

/** Takes `<dataDir>.lock` or throws DataDirLockedError naming the live holder. */
export function lockDataDir(dataDir: string, onStale: (owner: LockOwner | null) => void = () => {}): DataDirLock {
  const lockPath = `${dataDir}.lock`;
  const me: LockOwner = { pid: process.pid, host: hostname(), startTicks: startTicksOf(process.pid), startedAt: new Date().toISOString() };
  const write = (owner: LockOwner, flags: string) => {
    const fd = openSync(lockPath, flags);
    try {
      writeSync(fd, JSON.stringify(owner));
    } finally {
      closeSync(fd);
    }
  };
  const takeOver = () => {
    const owner = readOwner(lockPath);
    if (owner && alive(owner)) throw new DataDirLockedError(dataDir, owner);
    onStale(owner);
    unlinkSync(lockPath);
  };
  try {
    write(me, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    takeOver();
    try {
      write(me, "wx");
    } catch (again) {
      // Another server took the stale lock over between our unlink and create: it holds it now.
      const winner = (again as NodeJS.ErrnoException).code === "EEXIST" ? readOwner(lockPath) : null;
      throw winner ? new DataDirLockedError(dataDir, winner) : again;
    }
  }
  const ours = () => readOwner(lockPath)?.pid === me.pid && existsSync(lockPath);
  const release = () => {
    if (ours()) unlinkSync(lockPath);
    process.off("exit", release);
  };
  // A normal exit releases it even without stop(); after kill -9 the next start finds it stale.
  process.on("exit", release);
  return {
    path: lockPath,
    describe: (url) => write({ ...me, url }, "w"),
    release,
  };
}
