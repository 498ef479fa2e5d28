import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../../../../shared/errors/domain-error';
import { IdempotencyStore } from '../../../../../shared/idempotency/idempotency-store';
import { Outbox } from '../../../../../shared/messaging/outbox';
import { CustomersErrors, CustomersPort } from '../../../../customers/contracts';
import { RequestPayment } from '../../../../payments/contracts';
import { OrderDto } from '../../../contracts/order.dto';
import { OrderPlaced } from '../../../contracts/orders.events';
import { Order } from '../../../domain/order';
import { OrderCustomerUnknownError } from '../../../domain/order-errors';
import { OrdersRepository, toOrderDto } from '../../../infrastructure/orders.repository';
import { PlaceOrderCommand } from './place-order.command';

/**
 * Accepts an order as PENDING and, in the same transaction, asks payments to capture its total. The
 * answer (PaymentCaptured or PaymentDeclined) arrives later as a message and settles the order.
 */
@CommandHandler(PlaceOrderCommand)
export class PlaceOrderHandler implements ICommandHandler<PlaceOrderCommand, OrderDto> {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly customers: CustomersPort,
    private readonly outbox: Outbox,
    private readonly idempotency: IdempotencyStore,
  ) {}

  async execute({ input, idempotencyKey }: PlaceOrderCommand): Promise<OrderDto> {
    const scope = 'orders.place';
    const previous = await this.idempotency.previous<OrderDto>(scope, idempotencyKey, input);
    if (previous) return previous;
    // Asked before the transaction opens: a call to another module must not hold this module's connection.
    await this.assertCustomerCanOrder(input.customerId);
    return this.idempotency.once(scope, idempotencyKey, input, async () => {
      const order = Order.place(randomUUID(), input.customerId, input.items, new Date());
      await this.orders.save(order);
      const placed = toOrderDto(order);
      await this.outbox.publish(
        new OrderPlaced({ orderId: order.id, customerId: order.customerId, items: order.items, totalCents: order.totalCents, placedAt: placed.createdAt }),
        new RequestPayment({ orderId: order.id, customerId: order.customerId, amountCents: order.totalCents }),
      );
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
