import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModuleDatabase } from '../../../module-kit/database/module-database';
import { openModuleDatabase } from '../../../platform/database/open-module-database';
import { Account, AccountEventDraft } from '../domain/account';
import { paymentsPersistence } from '../payments.persistence';
import { AccountStore } from './account-store';

// On a real (embedded) PostgreSQL with the payments schema: the balance row must always say what a full
// replay of the events says, and be rebuilt from them when it does not.
describe('AccountStore', () => {
  let dataDir: string;
  let db: ModuleDatabase;
  let store: AccountStore;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'shop-accounts-'));
    db = await openModuleDatabase({ module: 'payments', url: undefined, dataDir, ...paymentsPersistence });
    store = new AccountStore(db);
  });
  afterAll(async () => {
    await db?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const change = (customerId: string, decide: (account: Account) => AccountEventDraft[]) => db.transaction(() => store.change(customerId, decide));
  const replayed = async (customerId: string) => Account.replay(customerId, await store.events(customerId));
  const balanceRow = async (customerId: string) =>
    (await db.dataSource.query(`SELECT version, balance_cents::int AS balance FROM payments.account_balances WHERE customer_id = $1`, [customerId]))[0];

  async function accountWithHistory(): Promise<string> {
    const customerId = randomUUID();
    await change(customerId, () => [{ type: 'AccountOpened', amountCents: 0 }]);
    // A history with every kind of event, captures refused where the balance would not cover them.
    for (let i = 1; i <= 40; i++) {
      if (i % 3 === 0) await change(customerId, (account) => (account.canPay(i * 7) ? [{ type: 'PaymentCaptured', amountCents: i * 7, orderId: randomUUID() }] : []));
      else if (i % 7 === 0) await change(customerId, () => [{ type: 'PaymentRefunded', amountCents: 5, orderId: randomUUID() }]);
      else await change(customerId, () => [{ type: 'FundsDeposited', amountCents: i }]);
    }
    return customerId;
  }

  it('keeps the balance row equal to a full replay of the events after every change', async () => {
    const customerId = await accountWithHistory();
    const full = await replayed(customerId);

    expect(full.version).toBeGreaterThanOrEqual(30);
    expect(await store.load(customerId)).toEqual(full);
    expect(await balanceRow(customerId)).toEqual({ version: full.version, balance: full.balanceCents });
    expect((await store.rebuild(customerId)).corrected).toBe(false);
  });

  it('answers from the events when the balance row is missing, and writes the row at the next change', async () => {
    const customerId = await accountWithHistory();
    const full = await replayed(customerId);
    await db.dataSource.query(`DELETE FROM payments.account_balances WHERE customer_id = $1`, [customerId]);

    expect(await store.load(customerId)).toEqual(full);
    const { account } = await change(customerId, () => [{ type: 'FundsDeposited', amountCents: 1 }]);
    expect(account).toEqual(await replayed(customerId));
    expect(await balanceRow(customerId)).toEqual({ version: full.version + 1, balance: full.balanceCents + 1 });
  });

  it('rebuilds a balance row that disagrees with the events, from the events', async () => {
    const customerId = await accountWithHistory();
    await db.dataSource.query(`UPDATE payments.account_balances SET balance_cents = 999999 WHERE customer_id = $1`, [customerId]);

    const { account, corrected } = await store.rebuild(customerId);

    expect(corrected).toBe(true);
    expect(account).toEqual(await replayed(customerId));
    expect(await store.load(customerId)).toEqual(account);
    expect(await store.accountIds()).toContain(customerId);
  });

  it('applies events the balance row does not cover yet (a row behind its stream)', async () => {
    const customerId = await accountWithHistory();
    const full = await replayed(customerId);
    await db.dataSource.query(`UPDATE payments.account_balances SET version = 1, balance_cents = 0 WHERE customer_id = $1`, [customerId]);

    expect(await store.load(customerId)).toEqual(full);
  });

  it('leaves nothing behind when the decision is "no change", and refuses to go below zero', async () => {
    const customerId = randomUUID();
    await change(customerId, () => [{ type: 'AccountOpened', amountCents: 0 }]);
    const { appended } = await change(customerId, (account) => (account.canPay(1) ? [{ type: 'PaymentCaptured', amountCents: 1 }] : []));

    expect(appended).toEqual([]);
    await expect(change(customerId, () => [{ type: 'PaymentCaptured', amountCents: 1 }])).rejects.toThrow(/below zero/);
    expect(await store.load(customerId)).toEqual(await replayed(customerId));
    expect((await store.load(customerId)).version).toBe(1);
  });
});
