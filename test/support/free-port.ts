import { createServer } from 'node:net';

// Below the kernel's ephemeral range (32768–60999 on Linux), from which the OS takes the local ports of
// outgoing connections: a port from listen(0) could be taken by a connection to a broker or a database in
// the moment before the server under test binds it (it happened in CI, as EADDRINUSE).
const LOWEST = 20_000;
const HIGHEST = 32_000;

/**
 * Ports this test process handed out: a port drawn for a server that has not bound it yet is still free, and
 * must not be handed out again (two modules of one shop were once given the same port).
 */
const handedOut = new Set<number>();

/** A TCP port that was free a moment ago and that this test process has not handed out before. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = LOWEST + Math.floor(Math.random() * (HIGHEST - LOWEST));
    if (handedOut.has(port)) continue;
    if (await canListen(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free TCP port found between ${LOWEST} and ${HIGHEST}`);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
