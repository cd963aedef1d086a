// A process serving an embedded database from argv[2] (port 0) until told to stop: the "first server"
// of tests/db/embedded-lock.test.ts. Prints "pid <pid> serving <url>" once it listens; "stop" on
// standard input stops it cleanly.
import { startEmbeddedPostgres } from "../../lib/db/embedded";

async function main() {
  const embedded = await startEmbeddedPostgres({ dataDir: process.argv[2]!, port: 0 });
  console.log(`pid ${process.pid} serving ${embedded.url}`);
  // "stop" on standard input stops it cleanly (a signal's handler can race tsx's own under load).
  const stop = () =>
    embedded.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("stop failed:", error);
        process.exit(2);
      },
    );
  process.stdin.on("data", (chunk: Buffer) => {
    if (String(chunk).includes("stop")) void stop();
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
