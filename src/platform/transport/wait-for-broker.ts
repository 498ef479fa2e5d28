import amqp from 'amqplib';
import { Redis } from 'ioredis';
import { connect as connectNats } from '@nats-io/transport-node';
import { AppConfig, TransportName } from '../../module-kit/config/app-config';
import { redact } from '../config/redact';
import { StartupError } from '../config/startup-error';
import { isNotReachableYet } from '../database/wait-for-database';
import { natsOptions } from './transport-options';

export interface WaitForBrokerOptions {
  /** Give up (StartupError) when the broker still cannot be reached after this long; 0: try once. */
  timeoutMs: number;
  /** Where each failed attempt is told, in one line. */
  log: (line: string) => void;
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/** How long one attempt may take: a broker behind a black hole must not stall start-up for the OS's minutes. */
const ATTEMPT_TIMEOUT_MS = 5000;

/**
 * Waits until the broker of a `nats`, `rabbitmq` or `redis` transport accepts a connection, trying again with
 * capped exponential backoff while it cannot be reached, as start-up does for a database (wait-for-database.ts).
 * A deployment starts the broker and the app together: the app waits (live, not ready: the BootingResponder
 * answers meanwhile) rather than exit and be restarted in a loop. Each attempt is a throwaway connection,
 * closed at once; the module servers then connect for real. A refusal that waiting would not fix (a wrong
 * password) is left to them, to fail start-up with its own message. TCP has no broker: nothing to wait for.
 */
export async function waitForBroker(config: AppConfig, options: WaitForBrokerOptions): Promise<void> {
  if (config.transport === 'tcp') return;
  const where = `${config.transport} broker at ${redact(config.brokerUrl)}`;
  const startedAt = Date.now();
  const maxDelay = options.maxDelayMs ?? 10_000;
  let delay = options.initialDelayMs ?? 250;
  for (let attempt = 1; ; attempt++) {
    try {
      await PROBES[config.transport](config.brokerUrl);
      if (attempt > 1) options.log(`${where} reachable after ${attempt} attempts`);
      return;
    } catch (error) {
      if (!isBrokerNotReachableYet(error)) return;
      const reason = reasonOf(error);
      if (Date.now() - startedAt + delay > options.timeoutMs) {
        throw new StartupError(`the ${where} could not be reached within ${options.timeoutMs} ms (${reason}): start it, or fix BROKER_URL (or raise BROKER_CONNECT_TIMEOUT_MS).`);
      }
      options.log(`${where} not reachable (${reason}, attempt ${attempt}); next attempt in ${delay} ms`);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, maxDelay);
    }
  }
}

/** A broker not there yet: the same socket errors as a database, and the NATS client's names for them. */
export function isBrokerNotReachableYet(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return isNotReachableYet(error) || code === 'CONNECTION_REFUSED' || code === 'CONNECTION_ERROR' || code === 'TIMEOUT';
}

function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : redact(String((error as Error)?.message ?? error));
}

const PROBES: Record<Exclude<TransportName, 'tcp'>, (url: string) => Promise<void>> = {
  async nats(url) {
    const connection = await connectNats({ ...natsOptions(url), reconnect: false, timeout: ATTEMPT_TIMEOUT_MS }).catch((error: unknown) => {
      throw withNatsCode(error);
    });
    await connection.close();
  },
  async rabbitmq(url) {
    const connection = await amqp.connect(url, { timeout: ATTEMPT_TIMEOUT_MS });
    await connection.close();
  },
  async redis(url) {
    // One try per attempt: the loop above does the retrying and the logging.
    const client = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, connectTimeout: ATTEMPT_TIMEOUT_MS, enableOfflineQueue: false });
    // connect() rejects with a bare "Connection is closed."; what went wrong (ECONNREFUSED, WRONGPASS) was
    // emitted as an error event before it.
    let cause: unknown;
    client.on('error', (error: unknown) => (cause ??= error));
    try {
      await client.connect();
      await client.ping();
    } catch (error) {
      throw cause ?? error;
    } finally {
      client.disconnect();
    }
  },
};

/**
 * nats.js 3 reports a failed connection by the error's class (ConnectionError, TimeoutError,
 * AuthorizationError) with the socket's code in `cause`, not with a `code` of its own: given one here, so that
 * a refused or timed-out attempt is told apart from a wrong password, and named in the log.
 */
function withNatsCode(error: unknown): unknown {
  const { name, cause } = (error ?? {}) as { name?: string; cause?: { code?: unknown } };
  const code =
    name === 'TimeoutError' ? 'TIMEOUT' : name === 'ConnectionError' ? (cause?.code === 'ECONNREFUSED' ? 'CONNECTION_REFUSED' : 'CONNECTION_ERROR') : name === 'AuthorizationError' ? 'AUTHORIZATION_VIOLATION' : undefined;
  return code && error instanceof Error ? Object.assign(error, { code }) : error;
}
