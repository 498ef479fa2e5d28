import { Injectable, OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Inbox } from '../../../../module-kit/messaging/inbox';
import { CustomerDeleted, CustomerRegistered } from '../../../customers/contracts';
import { RequestPayment, RequestRefund } from '../../contracts/payments.messages';
import { CapturePaymentCommand } from '../commands/capture-payment/capture-payment.command';
import { CloseAccountCommand } from '../commands/close-account/close-account.command';
import { OpenAccountCommand } from '../commands/open-account/open-account.command';
import { RefundPaymentCommand } from '../commands/refund-payment/refund-payment.command';

/** What the payments module does with each message it consumes (the list is in payments.manifest.ts). */
@Injectable()
export class PaymentsMessageHandlers implements OnModuleInit {
  constructor(
    private readonly inbox: Inbox,
    private readonly commands: CommandBus,
  ) {}

  onModuleInit(): void {
    this.inbox
      .on(RequestPayment, ({ payload }) => this.commands.execute(new CapturePaymentCommand(payload.orderId, payload.customerId, payload.amountCents)))
      .on(RequestRefund, ({ payload }) => this.commands.execute(new RefundPaymentCommand(payload.orderId)))
      .on(CustomerRegistered, ({ payload }) => this.commands.execute(new OpenAccountCommand(payload.customerId)))
      .on(CustomerDeleted, ({ payload }) => this.commands.execute(new CloseAccountCommand(payload.customerId, new Date(payload.deletedAt))));
  }
}
