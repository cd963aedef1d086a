// A process serving an embedded database from argv[2] (port 0) until SIGTERM: the "first server"
// of tests/db/embedded-lock.test.ts. Prints "pid <pid> serving <url>" once it listens.
import { startEmbeddedPostgres } from "../../lib/db/embedded";

async function main() {
  const embedded = await startEmbeddedPostgres({ dataDir: process.argv[2]!, port: 0 });
  console.log(`pid ${process.pid} serving ${embedded.url}`);
  process.on("SIGTERM", () => {
    embedded.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("stop failed:", error);
        process.exit(2);
      },
    );
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
