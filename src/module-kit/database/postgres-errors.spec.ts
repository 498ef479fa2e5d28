import { createServer } from 'node:net';
import { Client } from 'pg';
import { QueryFailedError } from 'typeorm';
import { DomainError } from '../errors/domain-error';
import { databaseUnavailable, isDatabaseUnavailable, isUniqueViolation } from './postgres-errors';

// Found by test/faults/postgres-restart.fault-spec.ts: while PostgreSQL restarted, requests were answered
// 500 (a bug, to the client) instead of 503 (retry shortly).
describe('isDatabaseUnavailable', () => {
  it('recognises a server that refuses connections (a real pg client)', async () => {
    const port = await closedPort();
    const client = new Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
    const error = await client.connect().catch((e: unknown) => e);

    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a connection cut mid-query', new QueryFailedError('SELECT 1', [], new Error('Connection terminated unexpectedly'))],
    ['a server shutting down (57P01)', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['a server still recovering (57P03)', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
  ])('recognises %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('leaves a query that is wrong alone', () => {
    const duplicate = new QueryFailedError('INSERT', [], Object.assign(new Error('duplicate key value violates unique constraint "x"'), { code: '23505' }));

    expect(isDatabaseUnavailable(duplicate)).toBe(false);
    expect(isUniqueViolation(duplicate)).toBe(true);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
  });

  it('is answered as a 503 DomainError', () => {
    expect(databaseUnavailable()).toEqual(expect.any(DomainError));
    expect(databaseUnavailable()).toMatchObject({ code: 'DATABASE_UNAVAILABLE', kind: 'unavailable' });
  });
});

/** A port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
