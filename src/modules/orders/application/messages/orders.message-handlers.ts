import { Injectable, OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Inbox } from '../../../../shared/messaging/inbox';
import { PaymentCaptured, PaymentDeclined, PaymentRefunded } from '../../../payments/contracts';
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
      .on(PaymentDeclined, ({ payload }) => this.commands.execute(new RecordPaymentOutcomeCommand(payload.orderId, 'declined')))
      .on(PaymentRefunded, ({ payload }) => this.commands.execute(new RecordPaymentOutcomeCommand(payload.orderId, 'refunded')))
      .on(OrderPlaced, (message) => this.projection.onPlaced(message))
      .on(OrderConfirmed, (message) => this.projection.onConfirmed(message))
      .on(OrderCancelled, (message) => this.projection.onCancelled(message));
  }
}
