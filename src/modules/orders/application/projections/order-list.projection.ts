import { Injectable } from '@nestjs/common';
import { OrderCancelled, OrderConfirmed, OrderPlaced } from '../../contracts/orders.events';
import { OrderList } from '../order-list';

/** Keeps the order list (the read side of CQRS) in step with the orders' own events. */
@Injectable()
export class OrderListProjection {
  constructor(private readonly orderList: OrderList) {}

  async onPlaced({ payload }: OrderPlaced): Promise<void> {
    await this.orderList.insertPlaced(payload);
  }

  async onConfirmed({ payload }: OrderConfirmed): Promise<void> {
    await this.orderList.confirm(payload.orderId, payload.confirmedAt);
  }

  async onCancelled({ payload }: OrderCancelled): Promise<void> {
    await this.orderList.cancel(payload);
  }
}
