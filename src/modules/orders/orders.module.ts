import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../module-kit/config/app-config';
import { ModuleInfrastructureModule } from '../../module-kit/module-infrastructure.module';
import { CommandHandlers, QueryHandlers } from './application';
import { OrdersMessageHandlers } from './application/messages/orders.message-handlers';
import { OrderList } from './application/order-list';
import { OrderSummaries } from './application/order-summaries';
import { OrderSagaRepository } from './application/order-saga.repository';
import { OrdersRepository } from './application/orders.repository';
import { ordersIntegrationEvents } from './application/orders.integration-events';
import { OverduePayments } from './application/overdue-payments';
import { LocalOrdersPort } from './application/orders.local-port';
import { OrderListProjection } from './application/projections/order-list.projection';
import { OrderSummaryMessageHandlers } from './application/projections/order-summary.message-handlers';
import { OrderSummaryProjection } from './application/projections/order-summary.projection';
import { OrderSagaOrchestrator } from './application/saga/order-saga-orchestrator';
import { OrderSagaSettings } from './application/saga/order-saga-settings';
import { PaymentDeadlineSweep } from './application/saga/payment-deadline-sweep';
import { OrdersPort } from './contracts/orders.port';
import { bindLocalPort } from '../../module-kit/bind-local-port';
import { OrderListRepository } from './infrastructure/order-list.repository';
import { OrderSummaryRepository } from './infrastructure/order-summary.repository';
import { PostgresOrderSagaRepository } from './infrastructure/order-saga.repository';
import { PostgresOverduePayments } from './infrastructure/overdue-payments.repository';
import { PostgresOrdersRepository } from './infrastructure/orders.repository';
import { ordersManifest } from './orders.manifest';
import { ordersPersistence } from './orders.persistence';

/** The orders module, loaded only in the process that hosts it. It provides OrdersPort to all. */
@Global()
@Module({
  imports: [ModuleInfrastructureModule.forModule({ manifest: ordersManifest, ...ordersPersistence, useCases: CommandHandlers, integrationEvents: ordersIntegrationEvents })],
  providers: [
    ...CommandHandlers,
    ...QueryHandlers,
    { provide: OrdersRepository, useClass: PostgresOrdersRepository },
    { provide: OrderList, useClass: OrderListRepository },
    { provide: OrderSagaRepository, useClass: PostgresOrderSagaRepository },
    { provide: OverduePayments, useClass: PostgresOverduePayments },
    OrderListProjection,
    { provide: OrderSummaries, useClass: OrderSummaryRepository },
    OrderSummaryProjection,
    OrderSummaryMessageHandlers,
    OrdersMessageHandlers,
    OrderSagaOrchestrator,
    PaymentDeadlineSweep,
    { provide: OrderSagaSettings, inject: [AppConfig], useFactory: (config: AppConfig) => new OrderSagaSettings(config.saga, config.paymentTimeoutMs) },
    ...bindLocalPort(OrdersPort, LocalOrdersPort, 'orders'),
  ],
  exports: [OrdersPort],
})
export class OrdersModule {}
