import { Account } from './account';

// The account is a fold of its events: these are the rules the event store and the balance rows rely on.
describe('Account', () => {
  const opened = () => Account.replay('customer-1', [{ type: 'AccountOpened', amountCents: 0 }]);

  it('is open once its first event is applied, with a zero balance', () => {
    expect(Account.replay('customer-1', []).isOpen).toBe(false);
    expect(opened()).toMatchObject({ isOpen: true, version: 1, balanceCents: 0 });
  });

  it('adds deposits and refunds and takes captures, one version per event', () => {
    const account = opened().replay([
      { type: 'FundsDeposited', amountCents: 1000 },
      { type: 'PaymentCaptured', amountCents: 700 },
      { type: 'PaymentRefunded', amountCents: 700 },
    ]);
    expect(account).toMatchObject({ version: 4, balanceCents: 1000 });
  });

  it('decides: opens once, captures only what its balance covers, takes deposits and refunds', () => {
    const account = opened().apply({ type: 'FundsDeposited', amountCents: 500 });
    expect(Account.replay('customer-1', []).open()).toEqual([{ type: 'AccountOpened', amountCents: 0 }]);
    expect(account.open()).toEqual([]);
    expect(account.capture(500, 'order-1')).toEqual([{ type: 'PaymentCaptured', amountCents: 500, orderId: 'order-1' }]);
    expect(account.capture(501, 'order-1')).toEqual([]);
    expect(account.replay(account.refund(200, 'order-1')).balanceCents).toBe(700);
    expect(account.replay(account.deposit(50)).balanceCents).toBe(550);
  });

  it('pays only what its balance covers', () => {
    const account = opened().apply({ type: 'FundsDeposited', amountCents: 500 });
    expect(account.canPay(500)).toBe(true);
    expect(account.canPay(501)).toBe(false);
  });

  it('refuses an event that would take the balance below zero, and stays as it was', () => {
    const account = opened().apply({ type: 'FundsDeposited', amountCents: 500 });
    expect(() => account.apply({ type: 'PaymentCaptured', amountCents: 501 })).toThrow(/below zero at version 3/);
    expect(account).toMatchObject({ version: 2, balanceCents: 500 });
  });

  it('continues from a recorded balance exactly as a full replay does', () => {
    const history = [
      { type: 'AccountOpened' as const, amountCents: 0 },
      { type: 'FundsDeposited' as const, amountCents: 900 },
      { type: 'PaymentCaptured' as const, amountCents: 400 },
    ];
    const next = [{ type: 'FundsDeposited' as const, amountCents: 50 }];
    const full = Account.replay('customer-1', [...history, ...next]);
    const fromRow = Account.restore('customer-1', 3, 500).replay(next);
    expect(fromRow).toEqual(full);
  });
});
