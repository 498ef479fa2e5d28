import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { OverduePayments } from '../overdue-payments';
import { EnforcePaymentDeadlineCommand } from '../commands/enforce-payment-deadline/enforce-payment-deadline.command';
import { OrderSagaSettings } from './order-saga-settings';

/** Orders handled per sweep: a backlog after an outage is worked off a batch a sweep, never in one long burst. */
const BATCH = 100;

/**
 * Cancels the orders payments has not answered in time, in both styles. The deadlines are in the database,
 * so a restart loses none: the first sweep after it finds what fell due meanwhile. Every replica of orders
 * sweeps; two that pick the same order are harmless, since each enforces the deadline under the order's row
 * lock and the second finds it no longer waiting.
 */
@Injectable()
export class PaymentDeadlineSweep implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(PaymentDeadlineSweep.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly overdue: OverduePayments,
    private readonly commands: CommandBus,
    private readonly settings: OrderSagaSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.sweep()
        .catch((error: Error) => this.logger.warn(`looking for overdue payments failed, trying again at the next sweep: ${error.message}`))
        .finally(() => (this.running = undefined));
    }, this.settings.sweepIntervalMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Enforces the deadline of each order overdue at `now`; returns how many were looked at. */
  async sweep(now = new Date()): Promise<number> {
    const orderIds = await this.overdue.orderIds(now, BATCH);
    for (const orderId of orderIds) await this.commands.execute(new EnforcePaymentDeadlineCommand(orderId));
    return orderIds.length;
  }
}
