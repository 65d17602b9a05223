import { createServer } from 'node:net';

/**
 * Asks the kernel for an unused TCP port on 127.0.0.1. The port is released before this resolves, so another
 * process could take it in between: callers bind it right away and treat a bind failure as a normal start error.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('freePort: the kernel did not report a TCP port'));
        return;
      }
      server.close((err) => (err ? reject(err) : resolve(address.port)));
    });
  });
}
