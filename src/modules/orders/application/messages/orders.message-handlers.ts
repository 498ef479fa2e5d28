import { Injectable, OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Inbox } from '../../../../shared/messaging/inbox';
import { DeclineReason, DeclineReasons, PaymentCaptured, PaymentDeclined, PaymentDeclinedV2, PaymentRefunded } from '../../../payments/contracts';
import { OrderCancelled, OrderConfirmed, OrderPlaced } from '../../contracts/orders.events';
import { RecordPaymentOutcomeCommand } from '../commands/record-payment-outcome/record-payment-outcome.command';
import { OrderListProjection } from '../projections/order-list.projection';

/** What the orders module does with each message it consumes (the list is in orders.manifest.ts). */
@Injectable()
export class OrdersMessageHandlers implements OnModuleInit {
  constructor(
    private readonly inbox: Inbox,
    private readonly commands: CommandBus,
    private readonly projection: OrderListProjection,
  ) {}

  onModuleInit(): void {
    this.inbox
      .on(PaymentCaptured, ({ payload }) => this.commands.execute(new RecordPaymentOutcomeCommand(payload.orderId, 'captured')))
      // Version 1 still comes from a payments of the release before, and from rows it left in its outbox.
      .on(PaymentDeclined, ({ payload }) => this.commands.execute(new RecordPaymentOutcomeCommand(payload.orderId, 'declined', knownDeclineReason(payload.reason))))
      .on(PaymentDeclinedV2, ({ payload }) => this.commands.execute(new RecordPaymentOutcomeCommand(payload.orderId, 'declined', payload.reason)))
      .on(PaymentRefunded, ({ payload }) => this.commands.execute(new RecordPaymentOutcomeCommand(payload.orderId, 'refunded')))
      .on(OrderPlaced, (message) => this.projection.onPlaced(message))
      .on(OrderConfirmed, (message) => this.projection.onConfirmed(message))
      .on(OrderCancelled, (message) => this.projection.onCancelled(message));
  }
}

/** Version 1's free-text reason, if it is one of the codes; anything else is kept as no reason at all. */
function knownDeclineReason(reason: string): DeclineReason | undefined {
  return Object.values<string>(DeclineReasons).includes(reason) ? (reason as DeclineReason) : undefined;
}
