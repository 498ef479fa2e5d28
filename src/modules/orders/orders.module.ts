import { Global, Module } from '@nestjs/common';
import { ModuleInfrastructureModule } from '../../shared/module-kit/module-infrastructure.module';
import { CommandHandlers, QueryHandlers } from './application';
import { OrdersMessageHandlers } from './application/messages/orders.message-handlers';
import { LocalOrdersPort } from './application/orders.local-port';
import { OrderListProjection } from './application/projections/order-list.projection';
import { OrdersPort, ordersPortMethods } from './contracts/orders.port';
import { bindLocalPort } from '../../shared/module-kit/bind-local-port';
import { OrderListRepository } from './infrastructure/order-list.repository';
import { OrderListRecord, OrderRecord } from './infrastructure/order.record';
import { OrdersRepository } from './infrastructure/orders.repository';
import { CreateOrders1700000000002 } from './infrastructure/migrations/1700000000002-create-orders';
import { OrdersOutboxOrderingKeysAndDeadLetters1764500000002 } from './infrastructure/migrations/1764500000002-outbox-ordering-keys-and-dead-letters';
import { OrdersDeclineReasons1765000000002 } from './infrastructure/migrations/1765000000002-decline-reasons';
import { ordersManifest } from './orders.manifest';

/** The orders module, loaded only in the process that hosts it. It provides OrdersPort to all. */
@Global()
@Module({
  imports: [
    ModuleInfrastructureModule.forModule({
      manifest: ordersManifest,
      entities: [OrderRecord, OrderListRecord],
      migrations: [CreateOrders1700000000002, OrdersOutboxOrderingKeysAndDeadLetters1764500000002, OrdersDeclineReasons1765000000002],
    }),
  ],
  providers: [
    ...CommandHandlers,
    ...QueryHandlers,
    OrdersRepository,
    OrderListRepository,
    OrderListProjection,
    OrdersMessageHandlers,
    ...bindLocalPort(OrdersPort, LocalOrdersPort, ordersPortMethods, 'orders'),
  ],
  exports: [OrdersPort],
})
export class OrdersModule {}
