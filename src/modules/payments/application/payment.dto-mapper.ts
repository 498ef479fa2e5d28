import { PaymentDto } from '../contracts/payments.dto';
import { Payment } from '../domain/payment';

export function toPaymentDto(payment: Payment): PaymentDto {
  return {
    id: payment.id,
    orderId: payment.orderId,
    customerId: payment.customerId,
    amountCents: payment.amountCents,
    status: payment.status,
    ...(payment.reason ? { reason: payment.reason } : {}),
    createdAt: payment.createdAt.toISOString(),
  };
}
