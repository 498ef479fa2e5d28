import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModuleDatabase } from '../../../module-kit/database/module-database';
import { openModuleDatabase } from '../../../platform/database/open-module-database';
import { OrderSummaryRepository } from './order-summary.repository';
import { ordersPersistence } from '../orders.persistence';
import { OrderSummaryFact } from '../application/projections/order-summary';
import { OrderSummaryProjection } from '../application/projections/order-summary.projection';

// On a real (embedded) PostgreSQL with the orders schema: what the projection folds live, message by message,
// must be what a rebuild folds from the recorded facts, so that a lost or damaged summary can be rebuilt.
describe('OrderSummaryProjection', () => {
  let dataDir: string;
  let db: ModuleDatabase;
  let summaries: OrderSummaryRepository;
  let projection: OrderSummaryProjection;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'shop-order-summaries-'));
    db = await openModuleDatabase({ module: 'orders', url: undefined, dataDir, ...ordersPersistence });
    summaries = new OrderSummaryRepository(db);
    projection = new OrderSummaryProjection(db, summaries);
  });
  afterAll(async () => {
    await db?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const at = (second: number) => new Date(Date.UTC(2026, 10, 30, 10, 0, second)).toISOString();
  const project = (orderId: string, fact: OrderSummaryFact, messageId = randomUUID()) => projection.project({ id: messageId }, orderId, fact);

  /** An order's facts as the inbox hands them over: payments' answer before the order's own placement. */
  async function projectRefundedOrder(): Promise<string> {
    const orderId = randomUUID();
    await project(orderId, { event: 'PAYMENT_CAPTURED', at: at(1), amountCents: 500 });
    await project(orderId, { event: 'PLACED', at: at(0), customerId: randomUUID(), totalCents: 500, itemCount: 2 });
    await project(orderId, { event: 'CONFIRMED', at: at(2) });
    await project(orderId, { event: 'CANCELLED', at: at(3), reason: 'CANCELLED_BY_CUSTOMER' });
    await project(orderId, { event: 'PAYMENT_REFUNDED', at: at(4), amountCents: 500 });
    return orderId;
  }

  it('has no summary for an order whose placement has not arrived, and one as soon as it does', async () => {
    const orderId = randomUUID();
    await project(orderId, { event: 'PAYMENT_DECLINED', at: at(1), amountCents: 900, reason: 'INSUFFICIENT_FUNDS' });
    expect(await summaries.find(orderId)).toBeUndefined();

    await project(orderId, { event: 'PLACED', at: at(0), customerId: randomUUID(), totalCents: 900, itemCount: 1 });

    expect(await summaries.find(orderId)).toEqual(expect.objectContaining({ status: 'PENDING', paymentState: 'DECLINED', declineReason: 'INSUFFICIENT_FUNDS' }));
  });

  it('projects a message once, however often it is delivered', async () => {
    const orderId = randomUUID();
    const captureId = randomUUID();
    await project(orderId, { event: 'PLACED', at: at(0), customerId: randomUUID(), totalCents: 500, itemCount: 2 });
    await project(orderId, { event: 'PAYMENT_CAPTURED', at: at(1), amountCents: 500 }, captureId);
    await project(orderId, { event: 'PAYMENT_CAPTURED', at: at(1), amountCents: 500 }, captureId);

    expect(await summaries.find(orderId)).toEqual(expect.objectContaining({ capturedCents: 500, timeline: [expect.objectContaining({ event: 'PLACED' }), expect.objectContaining({ event: 'PAYMENT_CAPTURED' })] }));
  });

  it('rebuilds lost and damaged summaries equal to what was projected live, and leaves the others alone', async () => {
    const [lost, damaged, intact] = [await projectRefundedOrder(), await projectRefundedOrder(), await projectRefundedOrder()];
    const live = await Promise.all([lost, damaged, intact].map((id) => summaries.find(id)));
    expect(live[0]).toEqual(expect.objectContaining({ status: 'CANCELLED', paymentState: 'REFUNDED', capturedCents: 500, refundedCents: 500 }));
    await db.dataSource.query(`DELETE FROM orders.order_summaries WHERE order_id = $1`, [lost]);
    await db.dataSource.query(`UPDATE orders.order_summaries SET summary = jsonb_set(summary::jsonb, '{paymentState}', '"CAPTURED"')::json WHERE order_id = $1`, [damaged]);

    const report = await projection.rebuild();

    expect(await Promise.all([lost, damaged, intact].map((id) => summaries.find(id)))).toEqual(live);
    expect(report.corrected).toBe(2);
    expect(report.orders).toBeGreaterThanOrEqual(3);
    expect(await projection.rebuild()).toEqual({ orders: report.orders, corrected: 0 });
  });
});
