import { Injectable, OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Inbox } from '../../../../module-kit/messaging/inbox';
import { PaymentCaptured, PaymentDeclined, PaymentDeclinedV2, PaymentRefunded } from '../../../payments/contracts';
import { OrderCancelled, OrderConfirmed, OrderPlaced } from '../../contracts/orders.events';
import { RecordPaymentOutcomeCommand } from '../commands/record-payment-outcome/record-payment-outcome.command';
import { OrderListProjection } from '../projections/order-list.projection';
import { OrderSummaryMessageHandlers } from '../projections/order-summary.message-handlers';
import { knownDeclineReason } from './known-decline-reason';

/**
 * What the orders module does with each message it consumes (the list is in orders.manifest.ts). A payment's
 * answer changes the order and feeds the order summary; an order's own event feeds both read models. Each in
 * the inbox's one transaction, so a message has all its effects or none.
 */
@Injectable()
export class OrdersMessageHandlers implements OnModuleInit {
  constructor(
    private readonly inbox: Inbox,
    private readonly commands: CommandBus,
    private readonly orderList: OrderListProjection,
    private readonly summary: OrderSummaryMessageHandlers,
  ) {}

  onModuleInit(): void {
    this.inbox
      .on(PaymentCaptured, async (message, envelope) => {
        await this.commands.execute(new RecordPaymentOutcomeCommand(message.payload.orderId, 'captured'));
        await this.summary.onCaptured(message, envelope);
      })
      // Version 1 still comes from a payments of the release before, and from rows it left in its outbox.
      .on(PaymentDeclined, async (message, envelope) => {
        await this.commands.execute(new RecordPaymentOutcomeCommand(message.payload.orderId, 'declined', knownDeclineReason(message.payload.reason)));
        await this.summary.onDeclined(message, envelope);
      })
      .on(PaymentDeclinedV2, async (message, envelope) => {
        await this.commands.execute(new RecordPaymentOutcomeCommand(message.payload.orderId, 'declined', message.payload.reason));
        await this.summary.onDeclined(message, envelope);
      })
      .on(PaymentRefunded, async (message, envelope) => {
        await this.commands.execute(new RecordPaymentOutcomeCommand(message.payload.orderId, 'refunded'));
        await this.summary.onRefunded(message, envelope);
      })
      .on(OrderPlaced, async (message, envelope) => {
        await this.orderList.onPlaced(message);
        await this.summary.onPlaced(message, envelope);
      })
      .on(OrderConfirmed, async (message, envelope) => {
        await this.orderList.onConfirmed(message);
        await this.summary.onConfirmed(message, envelope);
      })
      .on(OrderCancelled, async (message, envelope) => {
        await this.orderList.onCancelled(message);
        await this.summary.onCancelled(message, envelope);
      });
  }
}
