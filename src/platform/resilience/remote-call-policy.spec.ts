import { Logger } from '@nestjs/common';
import { BrokenCircuitError, BulkheadRejectedError, CircuitState, TaskCancelledError } from 'cockatiel';
import { deadlinePassed, RemoteCallPolicy, RemoteCallSettings, refusalReason } from './remote-call-policy';

/** What a remote module answers with when it works but says no (a business failure). */
class Refusal extends Error {}

/** A stand-in for a remote module: it fails while `down`, and counts the calls that reached it. */
class FlakyModule {
  calls = 0;
  down = false;
  failNext = 0;

  async answer(value = 'ok'): Promise<string> {
    this.calls++;
    await new Promise((resolve) => setImmediate(resolve));
    if (this.down || this.failNext-- > 0) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    return value;
  }
}

const settings: RemoteCallSettings = { timeoutMs: 200, breakerFailures: 3, breakerHalfOpenMs: 150, maxConcurrent: 2, maxQueued: 1, readRetries: 2, retryDelayMs: 5 };
const isFailure = (error: unknown) => !(error instanceof Refusal);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('RemoteCallPolicy', () => {
  beforeAll(() => Logger.overrideLogger(false));

  let module: FlakyModule;
  let policy: RemoteCallPolicy;
  beforeEach(() => {
    module = new FlakyModule();
    policy = new RemoteCallPolicy('payments', settings, isFailure);
  });

  it('opens after consecutive failures, then refuses at once without calling the module', async () => {
    module.down = true;
    for (let i = 0; i < settings.breakerFailures; i++) await expect(policy.execute('write', () => module.answer())).rejects.toThrow('ECONNREFUSED');
    expect(policy.state).toBe(CircuitState.Open);

    const callsWhenOpened = module.calls;
    const refused = await policy.execute('write', () => module.answer()).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BrokenCircuitError);
    expect(refusalReason(refused)).toBe('is failing (circuit open)');
    expect(module.calls).toBe(callsWhenOpened);
  });

  it('lets one probe through once half-open, and closes again when the module is back', async () => {
    module.down = true;
    for (let i = 0; i < settings.breakerFailures; i++) await policy.execute('write', () => module.answer()).catch(() => undefined);
    module.down = false;
    await sleep(settings.breakerHalfOpenMs + 50);

    await expect(policy.execute('write', () => module.answer('back'))).resolves.toBe('back');
    expect(policy.state).toBe(CircuitState.Closed);
  });

  it('opens again when the half-open probe fails', async () => {
    module.down = true;
    for (let i = 0; i < settings.breakerFailures; i++) await policy.execute('write', () => module.answer()).catch(() => undefined);
    await sleep(settings.breakerHalfOpenMs + 50);

    await expect(policy.execute('write', () => module.answer())).rejects.toThrow('ECONNREFUSED');
    expect(policy.state).toBe(CircuitState.Open);
  });

  it("neither counts nor retries the module's own answers", async () => {
    let calls = 0;
    const notFound = () => {
      calls++;
      return Promise.reject(new Refusal('NOT_FOUND'));
    };
    for (let i = 0; i < settings.breakerFailures * 2; i++) await expect(policy.execute('read', notFound)).rejects.toBeInstanceOf(Refusal);
    expect(calls).toBe(settings.breakerFailures * 2);
    expect(policy.state).toBe(CircuitState.Closed);
  });

  it('retries a read that failed, with backoff, until it succeeds', async () => {
    module.failNext = 2;
    await expect(policy.execute('read', () => module.answer('read'))).resolves.toBe('read');
    expect(module.calls).toBe(3);
  });

  it.each([
    ['hangs', () => new Promise<never>(() => undefined)],
    ['gives up itself when told', (signal: AbortSignal) => new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(deadlinePassed())))],
  ])('does not repeat a read that timed out (an attempt that %s): it has used up its deadline', async (_, attempt) => {
    let calls = 0;
    const counted = (signal: AbortSignal) => {
      calls++;
      return attempt(signal);
    };
    await expect(policy.execute('read', counted)).rejects.toBeInstanceOf(TaskCancelledError);
    expect(calls).toBe(1);
  });

  it('sends a write once, whatever it failed with', async () => {
    module.failNext = 1;
    await expect(policy.execute('write', () => module.answer())).rejects.toThrow('ECONNREFUSED');
    expect(module.calls).toBe(1);
  });

  it('does not retry a read the open circuit refused', async () => {
    module.down = true;
    // One read makes three attempts: enough to open the circuit.
    await expect(policy.execute('read', () => module.answer())).rejects.toThrow('ECONNREFUSED');
    expect(policy.state).toBe(CircuitState.Open);
    const callsWhenOpened = module.calls;
    await expect(policy.execute('read', () => module.answer())).rejects.toBeInstanceOf(BrokenCircuitError);
    expect(module.calls).toBe(callsWhenOpened);
  });

  it('gives up on an attempt at its deadline and tells the call to stop', async () => {
    let signalled: AbortSignal | undefined;
    const hangs = (signal: AbortSignal) => {
      signalled = signal;
      return new Promise<never>(() => undefined);
    };
    const error = await policy.execute('write', hangs).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskCancelledError);
    expect(refusalReason(error)).toBe('did not answer in time');
    expect(signalled?.aborted).toBe(true);
  });

  it('refuses calls beyond the bulkhead (in flight and queued) at once', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = () => gate.then(() => 'done');
    const admitted = Array.from({ length: settings.maxConcurrent + settings.maxQueued }, () => policy.execute('write', slow));

    const refused = await policy.execute('write', slow).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BulkheadRejectedError);
    expect(refusalReason(refused)).toBe('has too many calls in flight');

    release();
    await expect(Promise.all(admitted)).resolves.toEqual(admitted.map(() => 'done'));
  });

  it('leaves errors that are not its own to the caller', () => {
    expect(refusalReason(new Error('boom'))).toBeUndefined();
  });
});
