import type { Database } from '../src/db/database';
import { loadDemo } from '../src/features/demo/service';
import { createTestDatabase, startTestServer, type TestServer } from './database';

export interface DemoServer {
  db: Database;
  server: TestServer;
  /** `server.baseUrl` + path, fetched. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** The demo territory (seed 42) in a database of its own, served on a random port. */
export async function startDemoServer(): Promise<DemoServer> {
  const db = await createTestDatabase();
  await loadDemo(db, { seed: 42 });
  const server = await startTestServer(db);
  return {
    db,
    server,
    fetch: (path, init) => fetch(`${server.baseUrl}${path}`, init),
    async close() {
      await server.close();
      await db.close();
    },
  };
}
