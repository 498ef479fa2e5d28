import { Global, Module } from '@nestjs/common';
import { ModuleInfrastructureModule } from '../../module-kit/module-infrastructure.module';
import { CustomersPort } from './contracts/customers.port';
import { bindLocalPort } from '../../module-kit/bind-local-port';
import { customersManifest } from './customers.manifest';
import { CommandHandlers, QueryHandlers } from './application';
import { CustomersRepository } from './application/customers.repository';
import { customersIntegrationEvents } from './application/customers.integration-events';
import { LocalCustomersPort } from './application/customers.local-port';
import { CustomerRecord } from './infrastructure/customer.record';
import { PostgresCustomersRepository } from './infrastructure/customers.repository';
import { CreateCustomers1700000000001 } from './infrastructure/migrations/1700000000001-create-customers';
import { CustomersOutboxOrderingKeysAndDeadLetters1764500000001 } from './infrastructure/migrations/1764500000001-outbox-ordering-keys-and-dead-letters';

/** The customers module, loaded only in the process that hosts it. It provides CustomersPort to all. */
@Global()
@Module({
  imports: [
    ModuleInfrastructureModule.forModule({
      manifest: customersManifest,
      entities: [CustomerRecord],
      migrations: [CreateCustomers1700000000001, CustomersOutboxOrderingKeysAndDeadLetters1764500000001],
      useCases: CommandHandlers,
      integrationEvents: customersIntegrationEvents,
    }),
  ],
  providers: [
    ...CommandHandlers,
    ...QueryHandlers,
    { provide: CustomersRepository, useClass: PostgresCustomersRepository },
    ...bindLocalPort(CustomersPort, LocalCustomersPort, 'customers'),
  ],
  exports: [CustomersPort],
})
export class CustomersModule {}
