import { Logger } from '@nestjs/common';
import {
  BrokenCircuitError,
  BulkheadRejectedError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  IPolicy,
  TaskCancelledError,
  TimeoutStrategy,
  bulkhead,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  wrap,
} from 'cockatiel';
import { RemoteCallLimits } from '../../module-kit/config/app-config';

export interface RemoteCallSettings extends RemoteCallLimits {
  /** Deadline of one attempt. */
  timeoutMs: number;
  /** Extra attempts of a read after a failure; writes get none. */
  readRetries?: number;
  /** First pause between two attempts of a read; it doubles each time, with jitter. */
  retryDelayMs?: number;
}

/** Whether a call is safe to repeat: only reads are, since a write repeated may take effect twice. */
export type CallKind = 'read' | 'write';

/**
 * How calls to one remote module are contained, innermost first: a deadline per attempt; a circuit breaker
 * that, after `breakerFailures` failures in a row, refuses calls at once for `breakerHalfOpenMs` and then
 * lets one probe through (closing again when it succeeds); a bulkhead that caps the calls in flight, so that
 * a slow module cannot tie up every request of this process; and, for reads only, a few retries with
 * exponential backoff of the failures that come fast (connection refused, say), so that no call takes much
 * longer than one deadline. `isFailure` says which errors speak of the module's health: an answer such as "not
 * found" is the module working, so it neither trips the breaker nor is retried.
 */
export class RemoteCallPolicy {
  private readonly breaker;
  private readonly once: IPolicy;
  private readonly withRetries: IPolicy;

  constructor(
    readonly name: string,
    settings: RemoteCallSettings,
    isFailure: (error: unknown) => boolean,
    private readonly logger = new Logger(`RemoteCallPolicy:${name}`),
  ) {
    this.breaker = circuitBreaker(
      handleWhen((error) => isFailure(error)),
      { halfOpenAfter: settings.breakerHalfOpenMs, breaker: new ConsecutiveBreaker(settings.breakerFailures) },
    );
    this.breaker.onBreak(() => this.logger.warn(`${name}: circuit open after ${settings.breakerFailures} failures in a row; calls fail at once for ${settings.breakerHalfOpenMs} ms`));
    this.breaker.onHalfOpen(() => this.logger.log(`${name}: circuit half-open, probing with one call`));
    this.breaker.onReset(() => this.logger.log(`${name}: circuit closed, calls flow again`));
    this.once = wrap(bulkhead(settings.maxConcurrent, settings.maxQueued), this.breaker, timeout(settings.timeoutMs, TimeoutStrategy.Aggressive));
    // Only failures that came fast are repeated. A call the breaker or the bulkhead refused was never made, and
    // repeating it at once would be refused too; an attempt that timed out has used up the caller's deadline.
    const retryable = (error: unknown) =>
      isFailure(error) && !(error instanceof BrokenCircuitError) && !(error instanceof BulkheadRejectedError) && !(error instanceof TaskCancelledError);
    this.withRetries = wrap(
      retry(handleWhen(retryable), {
        maxAttempts: settings.readRetries ?? 2,
        backoff: new ExponentialBackoff({ initialDelay: settings.retryDelayMs ?? 100, maxDelay: settings.timeoutMs }),
      }),
      this.once,
    );
  }

  /** Runs `call`, which must give up when `signal` aborts (its deadline passed). */
  execute<T>(kind: CallKind, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    // A signal of the call's own: without one, cockatiel hangs every call's abort listener on one shared
    // signal, and more than ten calls in flight (the relay sends several keys at once) trip Node's leak warning.
    return (kind === 'read' ? this.withRetries : this.once).execute(({ signal }) => call(signal), new AbortController().signal);
  }

  get state(): CircuitState {
    return this.breaker.state;
  }

  /** The breaker's state in words, for reports: closed (calls flow), open (refused at once), half-open (one probe). */
  get stateName(): 'closed' | 'open' | 'half-open' | 'isolated' {
    return CIRCUIT_STATE_NAMES[this.breaker.state];
  }
}

const CIRCUIT_STATE_NAMES = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
} as const;

/**
 * What an attempt rejects with when its signal aborts (its deadline passed). Whichever settles first, the
 * attempt or the policy's own timer, the call then fails the same way: a timeout, not repeated.
 */
export function deadlinePassed(timeoutMs?: number): Error {
  return new TaskCancelledError(timeoutMs === undefined ? 'Operation timed out' : `Operation timed out after ${timeoutMs}ms`);
}

/** Why the policy, rather than the module, failed a call; undefined when the error is the module's own. */
export function refusalReason(error: unknown): string | undefined {
  if (error instanceof BrokenCircuitError) return 'is failing (circuit open)';
  if (error instanceof BulkheadRejectedError) return 'has too many calls in flight';
  if (error instanceof TaskCancelledError) return 'did not answer in time';
  return undefined;
}
