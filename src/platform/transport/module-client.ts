import { Logger } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { lastValueFrom, timeout } from 'rxjs';
import { ModuleName } from '../../module-kit/config/module-name';
import { DomainError, isSerializedDomainError } from '../../module-kit/errors/domain-error';
import { MessageEnvelope } from '../../module-kit/messaging/integration-message';
import { CallKind, deadlinePassed, RemoteCallPolicy, RemoteCallSettings } from '../resilience/remote-call-policy';
import { Patterns } from './patterns';
import { fromRemoteError, isRemoteHandlerFailure } from './remote-errors';
import { injectTraceContext } from '../observability/tracing/trace-context';
import type { SpanView } from '../observability/tracing/recent-spans';
import { DeadLetter, DeadLetterSlice, DeadLetterSliceAnswer, DeadLetterSource } from '../messaging/dead-letter';
import type { ProcessReport, ProcessReportRequest } from '../observability/process-report';

/**
 * The one way this process talks to a module hosted elsewhere. Every call and delivery goes through the
 * module's RemoteCallPolicy (deadline, circuit breaker, bulkhead; retries for reads only): a ClientProxy
 * request is a cold Observable with no deadline of its own, and a lost reply would otherwise hang the caller.
 * Deliveries are never retried here: the outbox relay retries them, with its own backoff.
 */
export class ModuleClient implements DeadLetterSource {
  private readonly logger: Logger;
  readonly policy: RemoteCallPolicy;

  constructor(
    readonly module: ModuleName,
    private readonly proxy: ClientProxy,
    settings: RemoteCallSettings,
    private readonly patterns: Patterns,
  ) {
    this.logger = new Logger(`ModuleClient:${module}`);
    // The module's own answers (a DomainError such as NOT_FOUND, even MODULE_UNAVAILABLE about a module
    // behind it) show that it works; only what the transport failed with speaks of its health.
    // A handler that failed there (REMOTE_HANDLER_FAILED) is the module answering too: one message that its
    // handler keeps failing on must not open the circuit for every other message and call.
    this.policy = new RemoteCallPolicy(module, settings, (error) => !isSerializedDomainError(error) && !isRemoteHandlerFailure(error));
  }

  call<T>(method: string, args: unknown[], kind: CallKind = 'write'): Promise<T> {
    return this.send<T>(this.patterns.call(this.module), { method, args, headers: injectTraceContext() }, kind);
  }

  async deliver(envelope: MessageEnvelope): Promise<void> {
    await this.send(this.patterns.inbox(this.module), envelope, 'write');
  }

  /** Readiness asks the module itself, past the breaker: it must see the module come back while the circuit is open. */
  async ping(timeoutMs = 1000): Promise<void> {
    try {
      await lastValueFrom(this.proxy.send(this.patterns.ping(this.module), {}).pipe(timeout(timeoutMs)), { defaultValue: undefined });
    } catch (error) {
      throw fromRemoteError(this.module, error);
    }
  }

  /** The spans of a trace recorded by the process hosting this module (and whichever others it hosts). */
  async spans(traceId: string, timeoutMs = 2000): Promise<{ process: string; spans: SpanView[] }> {
    return lastValueFrom(this.proxy.send(this.patterns.spans(this.module), { traceId }).pipe(timeout(timeoutMs)));
  }

  /** What the process hosting this module reports of itself; past the breaker, like a ping: looking must not change what is seen. */
  async report(request: ProcessReportRequest, timeoutMs = 2000): Promise<ProcessReport> {
    return lastValueFrom(this.proxy.send(this.patterns.report(this.module), request).pipe(timeout(timeoutMs)));
  }

  /** A slice of the module's dead letters: a read, so retried like one; MODULE_UNAVAILABLE when it cannot be reached. */
  list(slice: DeadLetterSlice): Promise<DeadLetterSliceAnswer> {
    return this.send<DeadLetterSliceAnswer>(this.patterns.deadLetterList(this.module), slice, 'read');
  }

  /** Replays one of the module's dead letters; undefined when the module has none with that id. */
  async replay(id: string): Promise<DeadLetter | undefined> {
    return (await this.send<DeadLetter | null | undefined>(this.patterns.deadLetterReplay(this.module), { id }, 'write')) ?? undefined;
  }

  async close(): Promise<void> {
    await this.proxy.close();
  }

  private async send<T>(pattern: string, data: unknown, kind: CallKind): Promise<T> {
    try {
      return await this.policy.execute(kind, (signal) => this.request<T>(pattern, data, signal));
    } catch (error) {
      const mapped = fromRemoteError(this.module, error);
      if (!(mapped instanceof DomainError)) this.logger.error(`${pattern} failed: ${mapped.message}`);
      throw mapped;
    }
  }

  /**
   * One attempt. At its deadline the policy aborts `signal`: the attempt fails (never "succeeds" with no
   * value) and stops listening, so that a late reply is dropped.
   */
  private request<T>(pattern: string, data: unknown, signal: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let answer: T | undefined;
      // A method that returns nothing (void) answers with no value at all: that is a success.
      const subscription = this.proxy.send<T>(pattern, data).subscribe({
        next: (value) => (answer = value),
        error: (error: unknown) => reject(error),
        complete: () => resolve(answer as T),
      });
      const abandon = () => {
        subscription.unsubscribe();
        reject(deadlinePassed());
      };
      if (signal.aborted) abandon();
      else signal.addEventListener('abort', abandon, { once: true });
    });
  }
}
