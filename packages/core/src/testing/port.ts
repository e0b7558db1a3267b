import { createServer } from 'node:net';

/**
 * A loopback port free at the moment of asking, for a server that must be told its port before
 * it starts (HAProxy, Verdaccio, PostgreSQL, an OAuth redirect). Another process may take it
 * before it is used; tests that can listen on port 0 should.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
