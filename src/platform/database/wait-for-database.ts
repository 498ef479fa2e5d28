import { Client } from 'pg';
import { redact } from '../config/redact';
import { StartupError } from '../config/startup-error';

export interface WaitForDatabaseOptions {
  /** Give up (StartupError) when the server still cannot be reached after this long; 0: try once. */
  timeoutMs: number;
  /** Where each failed attempt is told, in one line. */
  log: (line: string) => void;
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Connection failures that mean "not there yet": a server being started, restarted or moved behind a
 * name that does not resolve yet. A wrong password or a database that does not exist is not one of them:
 * waiting would not fix it.
 */
const NOT_YET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', '57P03']);

export function isNotReachableYet(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && NOT_YET_CODES.has(code)) return true;
  return /Connection terminated|the database system is (starting up|shutting down)/i.test(String((error as { message?: unknown })?.message ?? ''));
}

/**
 * Waits until the PostgreSQL server at `url` accepts a connection, trying again with capped exponential
 * backoff while it cannot be reached. Deployments start the database and the app together: the app must
 * wait for it (reporting not ready) rather than crash and be restarted in a loop.
 */
export async function waitForDatabase(url: string, options: WaitForDatabaseOptions): Promise<void> {
  const startedAt = Date.now();
  const maxDelay = options.maxDelayMs ?? 10_000;
  let delay = options.initialDelayMs ?? 250;
  for (let attempt = 1; ; attempt++) {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (!isNotReachableYet(error)) return; // the real connection will report it, with its own message
      const reason = (error as { code?: string }).code ?? (error as Error).message;
      const waited = Date.now() - startedAt;
      if (waited + delay > options.timeoutMs) {
        throw new StartupError(
          `the database at ${redact(url)} could not be reached within ${options.timeoutMs} ms (${reason}): start it, or fix DATABASE_URL (or raise DATABASE_CONNECT_TIMEOUT_MS).`,
        );
      }
      options.log(`database at ${redact(url)} not reachable (${reason}, attempt ${attempt}); next attempt in ${delay} ms`);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, maxDelay);
    }
  }
}
