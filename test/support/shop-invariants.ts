import { HttpClient, HttpResult } from './http-client';
import { OrderLoad, sleep } from './order-load';
import { AccountEvent, balanceFromEvents, Order, Page, pageUrl, Payment } from './shop-api';

/** What the checks saw once the shop was quiet, to print beside the run's faults. */
export interface InvariantReport {
  orders: number;
  confirmed: number;
  declined: number;
  timedOut: number;
  cancelledByCustomer: number;
  captures: number;
  refunds: number;
  customers: number;
  checks: string[];
}

const CHECKS = [
  'every order that got 202 ends CONFIRMED or CANCELLED, with the total the server computed for it',
  'the order list of each customer holds exactly the orders that got 202 (none lost, none doubled)',
  'at most one payment per order; CONFIRMED has it CAPTURED, CANCELLED never keeps it CAPTURED, PAYMENT_DECLINED has it DECLINED',
  'at most one PaymentCaptured per order, refunds only for captured orders, at most one each',
  'per account: deposits as made, balance = deposits - captures + refunds = GET balance >= 0, version = event count',
  'per account: captures - refunds = the total of its CONFIRMED orders',
];

/**
 * Waits until every order the load got accepted has settled, then until the invariants hold (money and
 * payments may take a moment more: a refund after a late capture), and fails with what is still wrong
 * after `timeoutMs`. Reads only through the public API, as an admin.
 */
export async function expectInvariantsOnceQuiet(api: HttpClient, load: OrderLoad, timeoutMs = 240_000): Promise<InvariantReport> {
  const deadline = Date.now() + timeoutMs;
  const pending = new Set(load.accepted.keys());
  while (pending.size > 0) {
    for (const id of [...pending]) {
      const order = await readAsAClient<Order>(api, `/api/v1/orders/${id}`);
      if (order.status === 200 && order.body.status !== 'PENDING') pending.delete(id);
    }
    if (pending.size === 0) break;
    if (Date.now() > deadline) throw new Error(`${pending.size} accepted orders are still not settled: ${[...pending].slice(0, 10).join(', ')}`);
    await sleep(1000);
  }
  for (;;) {
    const { violations, report } = await collect(api, load);
    if (violations.length === 0) return report;
    if (Date.now() > deadline) throw new Error(`invariants broken once quiet:\n${violations.slice(0, 30).join('\n')}`);
    await sleep(2000);
  }
}

async function collect(api: HttpClient, load: OrderLoad): Promise<{ violations: string[]; report: InvariantReport }> {
  const violations: string[] = [];
  const report: InvariantReport = { orders: 0, confirmed: 0, declined: 0, timedOut: 0, cancelledByCustomer: 0, captures: 0, refunds: 0, customers: 0, checks: CHECKS };
  const confirmedTotal = new Map<string, number>();

  for (const expected of load.accepted.values()) {
    report.orders++;
    const order = await readAsAClient<Order>(api, `/api/v1/orders/${expected.id}`);
    if (order.status !== 200) {
      violations.push(`order ${expected.id}: GET answered ${order.status}`);
      continue;
    }
    const { status, cancellationReason, totalCents } = order.body;
    if (totalCents !== expected.totalCents) violations.push(`order ${expected.id}: total ${totalCents}, expected ${expected.totalCents}`);
    const payments = (await readAsAClient<Page<Payment>>(api, `/api/v1/payments?orderId=${expected.id}`)).body.items;
    const payment = payments[0];
    if (payments.length > 1) violations.push(`order ${expected.id}: ${payments.length} payments`);
    if (status === 'CONFIRMED') {
      report.confirmed++;
      confirmedTotal.set(expected.customerId, (confirmedTotal.get(expected.customerId) ?? 0) + totalCents);
      if (payment?.status !== 'CAPTURED') violations.push(`order ${expected.id}: CONFIRMED with payment ${payment?.status ?? 'none'}`);
    } else if (status === 'CANCELLED') {
      if (cancellationReason === 'PAYMENT_DECLINED') report.declined++;
      else if (cancellationReason === 'PAYMENT_TIMEOUT') report.timedOut++;
      else report.cancelledByCustomer++;
      if (payment?.status === 'CAPTURED') violations.push(`order ${expected.id}: CANCELLED (${cancellationReason}) but its payment stays CAPTURED`);
      if (cancellationReason === 'PAYMENT_DECLINED' && payment?.status !== 'DECLINED') violations.push(`order ${expected.id}: declined with payment ${payment?.status ?? 'none'}`);
    } else {
      violations.push(`order ${expected.id}: still ${status}`);
    }
  }

  for (const customerId of load.customerIds) {
    report.customers++;
    const listed = new Set((await walk<Order>(api, `/api/v1/orders?customerId=${customerId}`)).map((o) => o.id));
    const accepted = [...load.accepted.values()].filter((o) => o.customerId === customerId).map((o) => o.id);
    const missing = accepted.filter((id) => !listed.has(id));
    const extra = [...listed].filter((id) => !load.accepted.has(id));
    if (missing.length || extra.length) violations.push(`customer ${customerId}: order list misses ${missing.length} accepted orders and has ${extra.length} it never accepted`);

    const events = await walk<AccountEvent>(api, `/api/v1/accounts/${customerId}/events`);
    const account = await readAsAClient<{ balanceCents: number; version: number }>(api, `/api/v1/accounts/${customerId}`);
    const folded = balanceFromEvents(events);
    report.captures += events.filter((e) => e.type === 'PaymentCaptured').length;
    report.refunds += events.filter((e) => e.type === 'PaymentRefunded').length;
    if (folded.deposits !== load.deposits.get(customerId)) violations.push(`account ${customerId}: deposits ${folded.deposits}, made ${load.deposits.get(customerId)}`);
    if (account.body.balanceCents !== folded.balance) violations.push(`account ${customerId}: balance ${account.body.balanceCents}, events say ${folded.balance}`);
    if (folded.balance < 0) violations.push(`account ${customerId}: negative balance ${folded.balance}`);
    if (account.body.version !== events.length) violations.push(`account ${customerId}: version ${account.body.version} for ${events.length} events`);
    const confirmed = confirmedTotal.get(customerId) ?? 0;
    if (folded.captures - folded.refunds !== confirmed) violations.push(`account ${customerId}: captures - refunds = ${folded.captures - folded.refunds}, CONFIRMED orders total ${confirmed}`);
    for (const [orderId, counts] of perOrder(events)) {
      if (counts.captured > 1) violations.push(`order ${orderId}: captured ${counts.captured} times`);
      if (counts.refunded > 1) violations.push(`order ${orderId}: refunded ${counts.refunded} times`);
      if (counts.refunded > 0 && counts.captured === 0) violations.push(`order ${orderId}: refunded without a capture`);
    }
  }
  return { violations, report };
}

function perOrder(events: AccountEvent[]): Map<string, { captured: number; refunded: number }> {
  const counts = new Map<string, { captured: number; refunded: number }>();
  for (const event of events) {
    if (!event.orderId) continue;
    const entry = counts.get(event.orderId) ?? { captured: 0, refunded: 0 };
    if (event.type === 'PaymentCaptured') entry.captured++;
    if (event.type === 'PaymentRefunded') entry.refunded++;
    counts.set(event.orderId, entry);
  }
  return counts;
}

/**
 * A GET as a well-behaved client makes it: a 429 is waited out for its Retry-After and asked again. The checks
 * read every order and account once the load is over, from the same address as the load itself, which can
 * pass the per-client rate limit (RATE_LIMIT_PER_MINUTE) within the same minute.
 */
async function readAsAClient<T>(api: HttpClient, path: string): Promise<HttpResult<T>> {
  for (let attempt = 1; ; attempt++) {
    const answer = await api.get<T>(path);
    if (answer.status !== 429 || attempt === 10) return answer;
    const retryAfterSeconds = Number(answer.headers.get('retry-after')) || 1;
    await sleep(retryAfterSeconds * 1000);
  }
}

async function walk<T>(api: HttpClient, path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: HttpResult<Page<T>> = await readAsAClient<Page<T>>(api, pageUrl(path, 100, cursor));
    if (page.status !== 200) throw new Error(`GET ${path} answered ${page.status}: ${JSON.stringify(page.body)}`);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor !== null);
  return items;
}
