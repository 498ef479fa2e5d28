import { KnownCustomers } from '../../../../test/support/known-customers';
import { PaymentsErrors } from '../contracts/payments.errors';
import { AccountOpening } from './account-opening';
import { CapturePaymentCommand } from './commands/capture-payment/capture-payment.command';
import { CapturePaymentHandler } from './commands/capture-payment/capture-payment.handler';
import { CloseAccountCommand } from './commands/close-account/close-account.command';
import { CloseAccountHandler } from './commands/close-account/close-account.handler';
import { DepositFundsCommand } from './commands/deposit-funds/deposit-funds.command';
import { DepositFundsHandler } from './commands/deposit-funds/deposit-funds.handler';
import { RefundPaymentCommand } from './commands/refund-payment/refund-payment.command';
import { RefundPaymentHandler } from './commands/refund-payment/refund-payment.handler';
import { InMemoryAccountHolders, InMemoryAccountRepository, InMemoryPaymentsRepository } from './testing/in-memory-payments';

// The payments' use cases on in-memory repositories (the application's own interfaces): balances, payments and
// the messages the unit of work would write, without a database or a process.
describe('payments use cases', () => {
  let accounts: InMemoryAccountRepository;
  let holders: InMemoryAccountHolders;
  let payments: InMemoryPaymentsRepository;
  let opening: AccountOpening;

  beforeEach(() => {
    accounts = new InMemoryAccountRepository();
    holders = new InMemoryAccountHolders();
    payments = new InMemoryPaymentsRepository();
    opening = new AccountOpening(holders, accounts, new KnownCustomers(['customer-1']));
  });

  const deposit = (customerId: string, amountCents: number) => new DepositFundsHandler(opening, accounts).execute(new DepositFundsCommand(customerId, amountCents));
  const capture = (orderId: string, amountCents: number) =>
    new CapturePaymentHandler(holders, opening, accounts, payments).execute(new CapturePaymentCommand(orderId, 'customer-1', amountCents));
  const refund = (orderId: string) => new RefundPaymentHandler(accounts, payments).execute(new RefundPaymentCommand(orderId));
  const balance = async () => (await accounts.load('customer-1')).balanceCents;

  it('opens the account of a known customer on the first deposit; refuses one for an unknown customer', async () => {
    await expect(deposit('customer-1', 1000)).resolves.toEqual({ customerId: 'customer-1', balanceCents: 1000, version: 2 });
    await expect(deposit('customer-2', 1000)).rejects.toMatchObject({ code: PaymentsErrors.ACCOUNT_NOT_FOUND });
  });

  it('captures what the balance covers and tells orders, once per order', async () => {
    await deposit('customer-1', 1000);

    await capture('order-1', 700);
    await capture('order-1', 700);

    expect(await balance()).toBe(300);
    expect(payments.sent()).toEqual([
      { name: 'payments.PaymentCaptured', version: 1, payload: { paymentId: expect.any(String), orderId: 'order-1', customerId: 'customer-1', amountCents: 700 } },
    ]);
  });

  it('declines what the balance does not cover, in both versions of PaymentDeclined', async () => {
    await deposit('customer-1', 100);

    await capture('order-1', 700);

    expect(await balance()).toBe(100);
    expect(payments.payments.get('order-1')).toMatchObject({ status: 'DECLINED', reason: 'INSUFFICIENT_FUNDS' });
    const declined = { paymentId: expect.any(String), orderId: 'order-1', customerId: 'customer-1', amountCents: 700, reason: 'INSUFFICIENT_FUNDS' };
    expect(payments.sent()).toEqual([
      { name: 'payments.PaymentDeclined', version: 1, payload: declined },
      { name: 'payments.PaymentDeclined', version: 2, payload: declined },
    ]);
  });

  it('declines a payment from a closed account, whatever its balance', async () => {
    await deposit('customer-1', 1000);
    await new CloseAccountHandler(opening, holders).execute(new CloseAccountCommand('customer-1', new Date()));

    await capture('order-1', 100);

    expect(payments.payments.get('order-1')).toMatchObject({ status: 'DECLINED', reason: 'ACCOUNT_CLOSED' });
    expect(await balance()).toBe(1000);
  });

  it('refunds a captured payment once; a declined one has nothing to give back', async () => {
    await deposit('customer-1', 1000);
    await capture('order-1', 700);
    await capture('order-2', 5000);
    payments.sent();

    await refund('order-1');
    await refund('order-1');
    await refund('order-2');

    expect(await balance()).toBe(1000);
    expect(payments.sent()).toEqual([
      { name: 'payments.PaymentRefunded', version: 1, payload: { paymentId: expect.any(String), orderId: 'order-1', customerId: 'customer-1', amountCents: 700 } },
    ]);
  });
});
