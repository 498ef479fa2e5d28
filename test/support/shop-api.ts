import { randomUUID } from 'node:crypto';
import { eventually, HttpClient, HttpResult } from './http-client';

/** One answer the shop gave during a suite, kept so that a suite can check all of them at its end. */
export interface RecordedResponse {
  method: string;
  url: string;
  status: number;
  contentType: string | null;
  /** The answer's headers, by lower-case name (when recorded). */
  headers?: Record<string, string>;
  body: unknown;
}

/** An HttpClient that writes every answer it gets into a shared log. */
class RecordingHttpClient extends HttpClient {
  constructor(
    baseUrl: string,
    private readonly log: RecordedResponse[],
    private readonly headers: Record<string, string> = {},
  ) {
    super(baseUrl, headers);
  }

  override withHeaders(headers: Record<string, string>): HttpClient {
    return new RecordingHttpClient(this.baseUrl, this.log, { ...this.headers, ...headers });
  }

  override async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult<T>> {
    return this.record(method, path, await super.request<T>(method, path, body, headers));
  }

  override async raw<T = any>(method: string, path: string, rawBody: string, headers: Record<string, string> = {}): Promise<HttpResult<T>> {
    return this.record(method, path, await super.raw<T>(method, path, rawBody, headers));
  }

  private record<T>(method: string, path: string, result: HttpResult<T>): HttpResult<T> {
    this.log.push({ method, url: this.baseUrl + path, status: result.status, contentType: result.headers.get('content-type'), headers: Object.fromEntries(result.headers), body: result.body });
    return result;
  }
}

export interface Customer {
  id: string;
  name: string;
  email: string;
  createdAt: string;
}

export interface Account {
  customerId: string;
  balanceCents: number;
  version: number;
}

export interface AccountEvent {
  version: number;
  type: 'AccountOpened' | 'FundsDeposited' | 'PaymentCaptured' | 'PaymentRefunded';
  amountCents: number;
  orderId?: string;
  occurredAt: string;
}

export interface OrderItem {
  sku: string;
  quantity: number;
  unitPriceCents: number;
}

export interface Order {
  id: string;
  customerId: string;
  items: OrderItem[];
  totalCents: number;
  status: 'PENDING' | 'CONFIRMED' | 'CANCELLED';
  cancellationReason?: 'PAYMENT_DECLINED' | 'PAYMENT_TIMEOUT' | 'CANCELLED_BY_CUSTOMER';
  declineReason?: 'INSUFFICIENT_FUNDS' | 'ACCOUNT_CLOSED';
  createdAt: string;
  updatedAt: string;
}

export interface OrderSummary {
  orderId: string;
  customerId: string;
  status: Order['status'];
  totalCents: number;
  itemCount: number;
  paymentState: 'AWAITING' | 'CAPTURED' | 'DECLINED' | 'REFUNDED';
  capturedCents: number;
  refundedCents: number;
  cancellationReason?: Order['cancellationReason'];
  declineReason?: Order['declineReason'];
  placedAt: string;
  lastEventAt: string;
  timeline: Array<{ event: 'PLACED' | 'PAYMENT_CAPTURED' | 'PAYMENT_DECLINED' | 'CONFIRMED' | 'CANCELLED' | 'PAYMENT_REFUNDED'; at: string }>;
}

export interface OrderSaga {
  orderId: string;
  customerId: string;
  style: 'choreography' | 'orchestration';
  state: 'AWAITING_PAYMENT' | 'CONFIRMED' | 'CANCELLED' | 'CANCELLED_AWAITING_PAYMENT' | 'REFUNDING' | 'REFUNDED';
  paymentDeadline?: string;
  steps: Array<{ name: string; at: string; reason?: Order['cancellationReason'] }>;
  compensation?: { action: 'REFUND'; requestedAt: string; completedAt?: string };
}

export interface Payment {
  id: string;
  orderId: string;
  customerId: string;
  amountCents: number;
  status: 'CAPTURED' | 'DECLINED' | 'REFUNDED';
  reason?: string;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** How long the saga may take to settle something, generous enough for split topologies on a busy machine. */
export const SETTLE_TIMEOUT_MS = 30_000;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An email no earlier run can have used: the database may be shared between runs. */
export function uniqueEmail(tag = 'customer'): string {
  return `${tag}-${randomUUID()}@example.com`;
}

/** A single-item order body whose total is `totalCents`. */
export function itemsCosting(totalCents: number): OrderItem[] {
  return [{ sku: 'sku-1', quantity: 1, unitPriceCents: totalCents }];
}

/**
 * The shop's HTTP API as the suites use it: one client per process, every answer recorded, and the few
 * steps most tests need (sign up, deposit, place an order, wait for it to settle). The helpers go to the
 * processes in turn, so that a test touches every process of the topology without saying so.
 */
export class ShopApi {
  readonly responses: RecordedResponse[] = [];
  readonly clients: HttpClient[];
  private turn = 0;

  constructor(urls: string[], headers: Record<string, string> = {}) {
    this.clients = urls.map((url) => new RecordingHttpClient(url, this.responses, headers));
  }

  /** The first process of the topology. */
  get first(): HttpClient {
    return this.clients[0];
  }

  /** The last process of the topology (the first one too, in the monolith). */
  get last(): HttpClient {
    return this.clients[this.clients.length - 1];
  }

  /** The next process in turn. */
  next(): HttpClient {
    return this.clients[this.turn++ % this.clients.length];
  }

  async signUp(name = 'Ada Lovelace', email = uniqueEmail()): Promise<Customer> {
    const response = await this.next().post<Customer>('/api/v1/customers', { name, email });
    expectStatus(response, 201);
    return response.body;
  }

  async deposit(customerId: string, amountCents: number): Promise<Account> {
    const response = await this.next().post<Account>(`/api/v1/accounts/${customerId}/deposits`, { amountCents });
    expectStatus(response, 201);
    return response.body;
  }

  /** A customer with `balanceCents` on their account (none deposited when it is 0). */
  async fundedCustomer(balanceCents: number): Promise<Customer> {
    const customer = await this.signUp();
    if (balanceCents > 0) await this.deposit(customer.id, balanceCents);
    return customer;
  }

  async account(customerId: string): Promise<Account> {
    const response = await this.next().get<Account>(`/api/v1/accounts/${customerId}`);
    expectStatus(response, 200);
    return response.body;
  }

  /** Places an order and returns the 202 answer's body. */
  async placeOrder(customerId: string, items: OrderItem[] = itemsCosting(100)): Promise<Order> {
    const response = await this.next().post<Order>('/api/v1/orders', { customerId, items });
    expectStatus(response, 202);
    return response.body;
  }

  async order(orderId: string): Promise<Order> {
    const response = await this.next().get<Order>(`/api/v1/orders/${orderId}`);
    expectStatus(response, 200);
    return response.body;
  }

  async saga(orderId: string): Promise<OrderSaga> {
    const response = await this.next().get<OrderSaga>(`/api/v1/orders/${orderId}/saga`);
    expectStatus(response, 200);
    return response.body;
  }

  /** The order once the saga has settled it (CONFIRMED or CANCELLED). */
  settledOrder(orderId: string, timeoutMs = SETTLE_TIMEOUT_MS): Promise<Order> {
    return eventually(() => this.order(orderId), (order) => order.status !== 'PENDING', timeoutMs);
  }

  /** The payments recorded for an order (at most one). */
  async paymentsOf(orderId: string): Promise<Payment[]> {
    const response = await this.next().get<Page<Payment>>(`/api/v1/payments?orderId=${orderId}`);
    expectStatus(response, 200);
    return response.body.items;
  }

  /** The order's payment once it has reached one of `statuses`. */
  async paymentOf(orderId: string, statuses: Array<Payment['status']>, timeoutMs = SETTLE_TIMEOUT_MS): Promise<Payment> {
    const payments = await eventually(
      () => this.paymentsOf(orderId),
      (found) => found.length === 1 && statuses.includes(found[0].status),
      timeoutMs,
    );
    return payments[0];
  }

  /** Every event of the account, oldest first, read page by page. */
  async accountEvents(customerId: string, limit = 100): Promise<AccountEvent[]> {
    return (await this.walk<AccountEvent>(`/api/v1/accounts/${customerId}/events`, limit)).flat();
  }

  /**
   * Follows a list from its first page (or from `startCursor`) to its last (nextCursor null) and returns
   * the pages' items, one array per page. `path` may carry a query string, but no limit or cursor.
   */
  async walk<T>(path: string, limit: number, startCursor: string | null = null, maxPages = 1000): Promise<T[][]> {
    const pages: T[][] = [];
    let cursor: string | null = startCursor;
    do {
      const response: HttpResult<Page<T>> = await this.next().get<Page<T>>(pageUrl(path, limit, cursor));
      expectStatus(response, 200);
      pages.push(response.body.items);
      cursor = response.body.nextCursor;
      if (pages.length > maxPages) throw new Error(`${path} has more than ${maxPages} pages of ${limit}`);
    } while (cursor !== null);
    return pages;
  }

  /** A customer's orders from the order list (the read model), newest first. */
  async ordersOf(customerId: string, status?: Order['status']): Promise<Order[]> {
    const filter = `customerId=${customerId}${status ? `&status=${status}` : ''}`;
    return (await this.walk<Order>(`/api/v1/orders?${filter}`, 100)).flat();
  }
}

export function pageUrl(path: string, limit: number, cursor: string | null): string {
  const separator = path.includes('?') ? '&' : '?';
  return `${path}${separator}limit=${limit}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
}

/** balance = deposits − captures + refunds, folded from the account's own events. */
export function balanceFromEvents(events: AccountEvent[]): { deposits: number; captures: number; refunds: number; balance: number } {
  const sum = (type: AccountEvent['type']) => events.filter((e) => e.type === type).reduce((total, e) => total + e.amountCents, 0);
  const deposits = sum('FundsDeposited');
  const captures = sum('PaymentCaptured');
  const refunds = sum('PaymentRefunded');
  return { deposits, captures, refunds, balance: deposits - captures + refunds };
}

/** Fails with the answer's body in the message, which says far more than "expected 201, got 400". */
export function expectStatus(response: HttpResult, status: number): void {
  if (response.status !== status) {
    throw new Error(`expected HTTP ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  }
}
