import { createServer } from 'node:net';

function listenOnce(port: number): Promise<number | undefined> {
  return new Promise(resolve => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      const address = server.address();
      const bound =
        typeof address === 'object' && address ? address.port : port;
      server.close(() => resolve(bound));
    });
  });
}

/**
 * Whether nothing listens on a localhost port. Checked before starting PostgreSQL there:
 * on a busy port it exits with nothing but a log line to say why.
 */
export async function isPortFree(port: number): Promise<boolean> {
  return (await listenOnce(port)) !== undefined;
}

/** A localhost port nothing listens on right now. */
export async function findFreePort(): Promise<number> {
  const port = await listenOnce(0);
  if (port === undefined) {
    throw new Error('Could not find a free port on localhost');
  }
  return port;
}
