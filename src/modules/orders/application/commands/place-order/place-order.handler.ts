import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { BacklogBound } from '../../../../../module-kit/messaging/backlog-bound';
import { DomainError } from '../../../../../module-kit/errors/domain-error';
import { CustomersErrors, CustomersPort } from '../../../../customers/contracts';
import { OrderDto } from '../../../contracts/order.dto';
import { Order } from '../../../domain/order';
import { OrderCustomerUnknownError } from '../../../domain/order-errors';
import { toOrderDto } from '../../order.dto-mapper';
import { OrdersRepository } from '../../orders.repository';
import { OrderSagaOrchestrator } from '../../saga/order-saga-orchestrator';
import { OrderSagaSettings } from '../../saga/order-saga-settings';
import { PlaceOrderCommand } from './place-order.command';

/**
 * Accepts an order as PENDING and, in the same unit of work, asks payments to capture its total: directly in
 * choreography, where the order keeps its own payment deadline, or by starting its orchestrated saga, which
 * keeps the deadline. The answer (PaymentCaptured or PaymentDeclined) arrives later as a message and settles
 * the order. A retry with the same Idempotency-Key gets the first answer back (the command carries the key).
 * While orders' outbox is behind (payments not keeping up), a new order is refused with OVERLOADED rather than
 * queued behind minutes of others; a replay of an accepted one is answered before that check.
 */
@CommandHandler(PlaceOrderCommand)
export class PlaceOrderHandler implements ICommandHandler<PlaceOrderCommand, OrderDto> {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly customers: CustomersPort,
    private readonly orchestrator: OrderSagaOrchestrator,
    private readonly settings: OrderSagaSettings,
    private readonly backlog: BacklogBound,
  ) {}

  /** Asked before the unit of work opens: a call to another module must not hold this module's connection. */
  async validate({ input }: PlaceOrderCommand): Promise<void> {
    await this.backlog.admit();
    try {
      await this.customers.get(input.customerId);
    } catch (error) {
      if (error instanceof DomainError && error.code === CustomersErrors.NOT_FOUND) throw new OrderCustomerUnknownError(input.customerId);
      throw error;
    }
  }

  async execute({ input }: PlaceOrderCommand): Promise<OrderDto> {
    const now = new Date();
    const paymentDeadline = this.settings.paymentDeadlineFor(now);
    const orchestrated = this.settings.style === 'orchestration';
    const order = Order.place(randomUUID(), input.customerId, input.items, now, orchestrated ? null : paymentDeadline);
    if (orchestrated) await this.orchestrator.start(order, paymentDeadline);
    else order.requestPayment();
    await this.orders.save(order);
    return toOrderDto(order);
  }
}
