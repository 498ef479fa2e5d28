import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../../../../shared/errors/domain-error';
import { BacklogBound } from '../../../../../shared/messaging/backlog-bound';
import { IdempotencyStore } from '../../../../../shared/idempotency/idempotency-store';
import { Outbox } from '../../../../../shared/messaging/outbox';
import { CustomersErrors, CustomersPort } from '../../../../customers/contracts';
import { RequestPayment } from '../../../../payments/contracts';
import { OrderDto } from '../../../contracts/order.dto';
import { OrderPlaced } from '../../../contracts/orders.events';
import { Order } from '../../../domain/order';
import { OrderCustomerUnknownError } from '../../../domain/order-errors';
import { OrdersRepository, toOrderDto } from '../../../infrastructure/orders.repository';
import { OrderSagaOrchestrator } from '../../saga/order-saga-orchestrator';
import { OrderSagaSettings } from '../../saga/order-saga-settings';
import { PlaceOrderCommand } from './place-order.command';

/**
 * Accepts an order as PENDING and, in the same transaction, asks payments to capture its total: directly in
 * choreography, where the order keeps its own payment deadline, or by starting its orchestrated saga, which
 * keeps the deadline and sends the request. The answer (PaymentCaptured or PaymentDeclined) arrives later as a
 * message and settles the order. While orders' outbox is behind (payments not keeping up), a new order is
 * refused with OVERLOADED rather than queued behind minutes of others; a replay of an accepted one is not.
 */
@CommandHandler(PlaceOrderCommand)
export class PlaceOrderHandler implements ICommandHandler<PlaceOrderCommand, OrderDto> {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly customers: CustomersPort,
    private readonly outbox: Outbox,
    private readonly idempotency: IdempotencyStore,
    private readonly orchestrator: OrderSagaOrchestrator,
    private readonly settings: OrderSagaSettings,
    private readonly backlog: BacklogBound,
  ) {}

  async execute({ input, idempotencyKey }: PlaceOrderCommand): Promise<OrderDto> {
    const scope = 'orders.place';
    const previous = await this.idempotency.previous<OrderDto>(scope, idempotencyKey, input);
    if (previous) return previous;
    await this.backlog.admit();
    // Asked before the transaction opens: a call to another module must not hold this module's connection.
    await this.assertCustomerCanOrder(input.customerId);
    return this.idempotency.once(scope, idempotencyKey, input, async () => {
      const now = new Date();
      const paymentDeadline = this.settings.paymentDeadlineFor(now);
      const orchestrated = this.settings.style === 'orchestration';
      const order = Order.place(randomUUID(), input.customerId, input.items, now, orchestrated ? null : paymentDeadline);
      await this.orders.save(order);
      const placed = toOrderDto(order);
      await this.outbox.publish(new OrderPlaced({ orderId: order.id, customerId: order.customerId, items: order.items, totalCents: order.totalCents, placedAt: placed.createdAt }));
      if (orchestrated) await this.orchestrator.start(order, paymentDeadline);
      else await this.outbox.publish(new RequestPayment({ orderId: order.id, customerId: order.customerId, amountCents: order.totalCents }));
      return placed;
    });
  }

  private async assertCustomerCanOrder(customerId: string): Promise<void> {
    try {
      await this.customers.get(customerId);
    } catch (error) {
      if (error instanceof DomainError && error.code === CustomersErrors.NOT_FOUND) throw new OrderCustomerUnknownError(customerId);
      throw error;
    }
  }
}
