import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Closes the API so that a request already received still gets its answer: the port stops
 * accepting at once, requests in progress may finish within `graceMs` (the worker and Temporal are
 * still up meanwhile, so an action completes as usual), and keep-alive connections are closed as
 * soon as they are idle rather than when their timeout lapses. A request still running after the
 * grace loses its connection; its step intent and Idempotency-Key make a retry safe.
 */
export async function closeApiApp(app: INestApplication, graceMs: number): Promise<void> {
  const server = app.getHttpServer() as Server;
  if (server.listening) {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const deadline = Date.now() + graceMs;
    let done = false;
    void closed.then(() => (done = true));
    while (!done && Date.now() < deadline) {
      // A connection that has just sent its last answer becomes idle: close it before a client reuses it.
      server.closeIdleConnections();
      await sleep(25);
    }
    if (!done) server.closeAllConnections();
    await closed;
  }
  await app.close();
}
