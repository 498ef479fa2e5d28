import { Controller, Inject, Logger, Type } from '@nestjs/common';
import { Ctx, MessagePattern, Payload, RmqContext, RpcException } from '@nestjs/microservices';
import type { ConsumeMessage } from 'amqplib';
import { AppConfig } from '../../module-kit/config/app-config';
import { ModuleName } from '../../module-kit/config/module-name';
import { DomainError } from '../../module-kit/errors/domain-error';
import { MessageEnvelope } from '../../module-kit/messaging/integration-message';
import { MessageDispatcher } from '../messaging/message-dispatcher';
import { isEnvelope } from './envelope-guard';
import { databaseUnavailable, isDatabaseUnavailable } from '../../module-kit/database/postgres-errors';
import { InFlightWork } from './in-flight-work';
import { UnroutableMessageError } from '../../module-kit/messaging/inbox';
import { MESSAGE_UNROUTABLE, REMOTE_HANDLER_FAILED } from '../messaging/delivery-failure';
import { Patterns, PortCall } from './patterns';
import { forwardedMethodNames, PortClass } from '../../module-kit/forwarded';
import { keepRefusedMessage } from './rabbitmq-dead-letters';
import { runAs } from '../observability/calling-module';
import { SpanKind } from '@opentelemetry/api';
import { RecentSpans, SpanView } from '../observability/tracing/recent-spans';
import { extractTraceContext } from '../observability/tracing/trace-context';
import { Tracing } from '../observability/tracing/tracing';
import { DeadLetter, DeadLetterSliceAnswer } from '../messaging/dead-letter';
import { DeadLetterStores } from '../messaging/dead-letter-stores';
import { isDeadLetterSlice, isReplayRequest } from './dead-letter-call-guard';
import { isProcessReportRequest, ProcessReport, ProcessReporter } from '../observability/process-report';

type PortObject = Record<string, (...args: unknown[]) => Promise<unknown>>;

/**
 * Builds the message controller through which a hosted module answers other processes: port calls go to
 * the same port (and so the same commands and queries) that HTTP uses in-process; inbox deliveries go to the
 * module's inbox. It translates; it decides nothing.
 */
export function createModuleRpcController(module: ModuleName, portToken: PortClass, patterns: Patterns): Type {
  // Only the methods the port declares @Forwarded: no other member of the port can be called from outside.
  const allowed = new Set(forwardedMethodNames(portToken));
  const logger = new Logger(`Rpc:${module}`);
  // NATS: the module's own queue group, so that all processes hosting it share its requests, each handled by
  // one, whatever else each hosts (a group per module set gave a process hosting orders and payments and one
  // hosting payments alone a copy each). The other transports ignore it.
  const group = { queue: patterns.queue([module]) };

  @Controller()
  class ModuleRpcController {
    constructor(
      @Inject(portToken) private readonly port: PortObject,
      private readonly dispatcher: MessageDispatcher,
      private readonly inFlight: InFlightWork,
      private readonly tracing: Tracing,
      private readonly recent: RecentSpans,
      private readonly deadLetters: DeadLetterStores,
      private readonly reporter: ProcessReporter,
      private readonly config: AppConfig,
    ) {}

    @MessagePattern(patterns.call(module), group)
    async call(@Payload() call: PortCall, @Ctx() context: unknown): Promise<unknown> {
      if (!call || typeof call.method !== 'string' || !allowed.has(call.method) || !Array.isArray(call.args)) {
        logger.warn(`refused a malformed call: ${JSON.stringify(call)?.slice(0, 200)}`);
        await deadLetter(context, patterns.deadLetters(), 'malformed call');
        throw new RpcException(new DomainError('MALFORMED_CALL', 'invalid', `not a call of the ${module} port`).toJSON());
      }
      // At most once: a call that was received is not run again if this process dies while running it.
      acknowledge(context);
      // Counted here under the caller `transport`; the calling process counts it under the calling module.
      return this.inFlight.track(() => rethrowForTransport(() => runAs('transport', () => this.serve(call))));
    }

    /** The module's side of the call: a server span, a child of the caller's client span (from `headers`). */
    private serve(call: PortCall): Promise<unknown> {
      const attributes = { 'rpc.service': module, 'rpc.method': call.method };
      return this.tracing.inSpan(
        `${module}.${call.method}`,
        { kind: SpanKind.SERVER, attributes },
        () => {
          logger.debug(`serving ${module}.${call.method} for another process`);
          return this.port[call.method](...call.args);
        },
        extractTraceContext(call.headers),
      );
    }

    @MessagePattern(patterns.inbox(module), group)
    async inbox(@Payload() envelope: MessageEnvelope, @Ctx() context: unknown): Promise<string> {
      const inbox = this.dispatcher.localInbox(module);
      if (!isEnvelope(envelope, this.config.knownModules) || envelope.destination !== module || !inbox) {
        logger.warn(`refused a malformed message: ${JSON.stringify(envelope)?.slice(0, 200)}`);
        await deadLetter(context, patterns.deadLetters(), 'malformed message');
        throw new RpcException(new DomainError('MALFORMED_MESSAGE', 'invalid', `not a message for ${module}`).toJSON());
      }
      // At least once: acknowledged after handling; a redelivery finds the message in the inbox.
      try {
        return await this.inFlight.track(() => rethrowForTransport(() => inbox.receive(envelope)));
      } finally {
        acknowledge(context);
      }
    }

    /** This process's recent spans of one trace, for a TraceCollector in another process. */
    @MessagePattern(patterns.spans(module), group)
    spans(@Payload() request: { traceId?: unknown } | null, @Ctx() context: unknown): { process: string; spans: SpanView[] } {
      acknowledge(context);
      const traceId = request?.traceId;
      return { process: this.recent.process, spans: typeof traceId === 'string' ? this.recent.forTrace(traceId) : [] };
    }

    /** This process's report of itself, for the dashboard of another process. */
    @MessagePattern(patterns.report(module), group)
    async report(@Payload() request: unknown, @Ctx() context: unknown): Promise<ProcessReport> {
      if (!isProcessReportRequest(request)) return this.refuse('report request', request, context);
      acknowledge(context);
      return this.reporter.report(request);
    }

    /** A slice of this module's dead letters, for the admin API of another process. */
    @MessagePattern(patterns.deadLetterList(module), group)
    async listDeadLetters(@Payload() slice: unknown, @Ctx() context: unknown): Promise<DeadLetterSliceAnswer> {
      const store = this.deadLetters.get(module);
      if (!isDeadLetterSlice(slice) || !store) return this.refuse('dead-letter request', slice, context);
      acknowledge(context);
      return this.inFlight.track(() => rethrowForTransport(() => store.list(slice)));
    }

    /** Replays one of this module's dead letters; answers null when it has none with that id. */
    @MessagePattern(patterns.deadLetterReplay(module), group)
    async replayDeadLetter(@Payload() request: unknown, @Ctx() context: unknown): Promise<DeadLetter | null> {
      const store = this.deadLetters.get(module);
      if (!isReplayRequest(request) || !store) return this.refuse('dead-letter request', request, context);
      // At most once, like a call: the replay is not run again if this process dies while running it.
      acknowledge(context);
      return this.inFlight.track(() => rethrowForTransport(async () => (await store.replay(request.id)) ?? null));
    }

    private async refuse(what: string, request: unknown, context: unknown): Promise<never> {
      logger.warn(`refused a malformed ${what}: ${JSON.stringify(request)?.slice(0, 200)}`);
      await deadLetter(context, patterns.deadLetters(), `malformed ${what}`);
      throw new RpcException(new DomainError('MALFORMED_CALL', 'invalid', `not a ${what} for ${module}`).toJSON());
    }

    @MessagePattern(patterns.ping(module), group)
    ping(@Ctx() context: unknown): string {
      // Unacknowledged pings would fill RabbitMQ's prefetch window and stop the module's queue for good.
      acknowledge(context);
      return 'pong';
    }
  }

  Object.defineProperty(ModuleRpcController, 'name', { value: `${module[0].toUpperCase()}${module.slice(1)}RpcController` });
  return ModuleRpcController;
}

/** RabbitMQ needs an explicit ack (the servers run with noAck: false); the other transports have none. */
function acknowledge(context: unknown): void {
  if (context instanceof RmqContext) context.getChannelRef().ack(context.getMessage());
}

/** RabbitMQ keeps what it refuses (see rabbitmq-dead-letters.ts); the other transports have no queue to keep it in. */
async function deadLetter(context: unknown, queue: string, reason: string): Promise<void> {
  if (context instanceof RmqContext) await keepRefusedMessage(context.getChannelRef(), context.getMessage() as ConsumeMessage, queue, reason);
}

/** Domain errors cross the wire as `{ code, kind, message }`; anything else as an opaque failure with a code. */
export async function rethrowForTransport<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) throw new RpcException(error.toJSON());
    // So that the calling process answers 503 (retry shortly) too, not 500.
    if (isDatabaseUnavailable(error)) throw new RpcException(databaseUnavailable().toJSON());
    // So that the sender dead-letters the message at once: no retry will find a handler.
    if (error instanceof UnroutableMessageError) throw new RpcException(new DomainError(MESSAGE_UNROUTABLE, 'unprocessable', error.message).toJSON());
    // A stable code, so that the sender tells "received, and its handler failed" from "not reached".
    throw new RpcException({ code: REMOTE_HANDLER_FAILED, message: 'the remote module failed to handle the request' });
  }
}
