import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll } from "vitest";

const servers: Server[] = [];

afterAll(() => {
  for (const server of servers) server.close();
});

/** Listens on a free port of 127.0.0.1 (closed after the file's tests); resolves with the base URL. */
export async function listen(server: Server): Promise<string> {
  servers.push(server);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
