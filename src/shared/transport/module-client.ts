import { Logger } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { lastValueFrom, timeout } from 'rxjs';
import { ModuleName } from '../config/module-name';
import { MessageEnvelope } from '../messaging/integration-message';
import { Patterns } from './patterns';
import { fromRemoteError } from './remote-errors';

/**
 * The one way this process talks to a module hosted elsewhere. Every call has a deadline: a ClientProxy
 * request is a cold Observable with none of its own, and a lost reply would otherwise hang the caller.
 */
export class ModuleClient {
  private readonly logger: Logger;

  constructor(
    readonly module: ModuleName,
    private readonly proxy: ClientProxy,
    private readonly timeoutMs: number,
    private readonly patterns: Patterns,
  ) {
    this.logger = new Logger(`ModuleClient:${module}`);
  }

  call<T>(method: string, args: unknown[]): Promise<T> {
    return this.send<T>(this.patterns.call(this.module), { method, args });
  }

  async deliver(envelope: MessageEnvelope): Promise<void> {
    await this.send(this.patterns.inbox(this.module), envelope);
  }

  async ping(timeoutMs = 1000): Promise<void> {
    await this.send(this.patterns.ping(this.module), {}, timeoutMs);
  }

  async close(): Promise<void> {
    await this.proxy.close();
  }

  private async send<T>(pattern: string, data: unknown, timeoutMs = this.timeoutMs): Promise<T> {
    try {
      // A method that returns nothing (void) answers with no value at all: that is a success, not an EmptyError.
      return await lastValueFrom(this.proxy.send<T>(pattern, data).pipe(timeout(timeoutMs)), { defaultValue: undefined as T });
    } catch (error) {
      const mapped = fromRemoteError(this.module, error);
      if (!(mapped as { code?: string }).code) this.logger.error(`${pattern} failed: ${mapped.message}`);
      throw mapped;
    }
  }
}
