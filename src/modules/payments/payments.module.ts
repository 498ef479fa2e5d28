import { Global, Module } from '@nestjs/common';
import { ModuleInfrastructureModule } from '../../shared/module-kit/module-infrastructure.module';
import { CommandHandlers, QueryHandlers } from './application';
import { AccountOpening } from './application/account-opening';
import { PaymentsMessageHandlers } from './application/messages/payments.message-handlers';
import { LocalPaymentsPort } from './application/payments.local-port';
import { PaymentsPort, paymentsPortMethods } from './contracts/payments.port';
import { bindLocalPort } from '../../shared/module-kit/bind-local-port';
import { AccountHoldersRepository } from './infrastructure/account-holders.repository';
import { AccountStore } from './infrastructure/account-store';
import { CreatePayments1700000000003 } from './infrastructure/migrations/1700000000003-create-payments';
import { PaymentsOutboxOrderingKeysAndDeadLetters1764500000003 } from './infrastructure/migrations/1764500000003-outbox-ordering-keys-and-dead-letters';
import { AccountEventRecord, AccountHolderRecord, PaymentRecord } from './infrastructure/payment.records';
import { PaymentsRepository } from './infrastructure/payments.repository';
import { paymentsManifest } from './payments.manifest';

/** The payments module, loaded only in the process that hosts it. It provides PaymentsPort to all. */
@Global()
@Module({
  imports: [
    ModuleInfrastructureModule.forModule({
      manifest: paymentsManifest,
      entities: [AccountEventRecord, AccountHolderRecord, PaymentRecord],
      migrations: [CreatePayments1700000000003, PaymentsOutboxOrderingKeysAndDeadLetters1764500000003],
    }),
  ],
  providers: [
    ...CommandHandlers,
    ...QueryHandlers,
    AccountOpening,
    AccountStore,
    AccountHoldersRepository,
    PaymentsRepository,
    PaymentsMessageHandlers,
    ...bindLocalPort(PaymentsPort, LocalPaymentsPort, paymentsPortMethods, 'payments'),
  ],
  exports: [PaymentsPort],
})
export class PaymentsModule {}
