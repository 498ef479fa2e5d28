import { Abstract, Controller, Inject, Logger, Type } from '@nestjs/common';
import { Ctx, MessagePattern, Payload, RmqContext, RpcException } from '@nestjs/microservices';
import { ModuleName } from '../config/module-name';
import { DomainError } from '../errors/domain-error';
import { MessageEnvelope } from '../messaging/integration-message';
import { MessageDispatcher } from '../messaging/message-dispatcher';
import { isEnvelope } from './envelope-guard';
import { InFlightWork } from './in-flight-work';
import { Patterns, PortCall } from './patterns';

type PortObject = Record<string, (...args: unknown[]) => Promise<unknown>>;

/**
 * Builds the message controller through which a hosted module answers other processes: port calls go to
 * the same port (and so the same commands and queries) that HTTP uses in-process; inbox deliveries go to the
 * module's inbox. It translates; it decides nothing.
 */
export function createModuleRpcController(module: ModuleName, portToken: Abstract<object>, methods: readonly string[], patterns: Patterns): Type {
  const allowed = new Set(methods);
  const logger = new Logger(`Rpc:${module}`);

  @Controller()
  class ModuleRpcController {
    constructor(
      @Inject(portToken) private readonly port: PortObject,
      private readonly dispatcher: MessageDispatcher,
      private readonly inFlight: InFlightWork,
    ) {}

    @MessagePattern(patterns.call(module))
    async call(@Payload() call: PortCall, @Ctx() context: unknown): Promise<unknown> {
      // At most once: a call that was received is not run again if this process dies while running it.
      acknowledge(context);
      if (!call || typeof call.method !== 'string' || !allowed.has(call.method) || !Array.isArray(call.args)) {
        logger.warn(`refused a malformed call: ${JSON.stringify(call)?.slice(0, 200)}`);
        throw new RpcException(new DomainError('MALFORMED_CALL', 'invalid', `not a call of the ${module} port`).toJSON());
      }
      return this.inFlight.track(() => rethrowForTransport(() => this.port[call.method](...call.args)));
    }

    @MessagePattern(patterns.inbox(module))
    async inbox(@Payload() envelope: MessageEnvelope, @Ctx() context: unknown): Promise<string> {
      // At least once: acknowledged after handling; a redelivery finds the message in the inbox.
      try {
        return await this.inFlight.track(() => this.deliver(envelope));
      } finally {
        acknowledge(context);
      }
    }

    private async deliver(envelope: MessageEnvelope): Promise<string> {
      const inbox = this.dispatcher.localInbox(module);
      if (!isEnvelope(envelope) || envelope.destination !== module || !inbox) {
        logger.warn(`refused a malformed message: ${JSON.stringify(envelope)?.slice(0, 200)}`);
        throw new RpcException(new DomainError('MALFORMED_MESSAGE', 'invalid', `not a message for ${module}`).toJSON());
      }
      return rethrowForTransport(() => inbox.receive(envelope));
    }

    @MessagePattern(patterns.ping(module))
    ping(): string {
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

/** Domain errors cross the wire as `{ code, kind, message }`; anything else as an opaque failure. */
async function rethrowForTransport<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) throw new RpcException(error.toJSON());
    throw new RpcException({ message: 'the remote module failed to handle the request' });
  }
}
