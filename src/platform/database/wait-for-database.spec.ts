import { createServer } from 'node:net';
import { StartupError } from '../config/startup-error';
import { isNotReachableYet, waitForDatabase } from './wait-for-database';

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('waitForDatabase', () => {
  it('tries again with growing delays while nothing listens, then stops with one redacted line', async () => {
    const port = await closedPort();
    const lines: string[] = [];
    const error = await waitForDatabase(`postgres://app:s3cret@127.0.0.1:${port}/shop`, { timeoutMs: 300, initialDelayMs: 20, log: (line) => lines.push(line) }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StartupError);
    expect((error as Error).message).toMatch(new RegExp(`^the database at postgres://\\*\\*\\*@127\\.0\\.0\\.1:${port}/shop could not be reached within 300 ms \\(ECONNREFUSED\\)`));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines[0]).toBe(`database at postgres://***@127.0.0.1:${port}/shop not reachable (ECONNREFUSED, attempt 1); next attempt in 20 ms`);
    expect(lines[1]).toContain('next attempt in 40 ms');
    expect([...lines, (error as Error).message].join('\n')).not.toContain('s3cret');
  });

  it.each([
    [{ code: 'ECONNREFUSED' }, true],
    [{ code: 'ENOTFOUND' }, true],
    [{ code: '57P03', message: 'the database system is starting up' }, true],
    [{ message: 'Connection terminated unexpectedly' }, true],
    [{ code: '28P01', message: 'password authentication failed' }, false],
    [{ code: '3D000', message: 'database "shop" does not exist' }, false],
  ])('waits for %j: %s', (error, waits) => {
    expect(isNotReachableYet(error)).toBe(waits);
  });
});
