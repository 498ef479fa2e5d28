import { randomUUID } from 'node:crypto';
import { HttpClient, HttpResult } from './http-client';
import { uniqueEmail } from './shop-api';

/** A small seeded generator (mulberry32), so that a failing fault run can be replayed from its printed seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed of this run: FAULT_SEED to replay one, else a fresh one. */
export function faultSeed(): number {
  const given = Number(process.env.FAULT_SEED);
  return Number.isInteger(given) && given > 0 ? given : 1 + Math.floor(Math.random() * 2 ** 31);
}

export interface AcceptedOrder {
  id: string;
  customerId: string;
  totalCents: number;
  idempotencyKey: string;
}

/** Answers that mean "not accepted, try again later": the module or process behind the gateway is down. */
const RETRYABLE = new Set([429, 502, 503, 504]);

/** How long one request keeps being retried before the load gives up on it (and the test fails). */
const GIVE_UP_AFTER_MS = 180_000;

/**
 * A steady stream of orders from several customers, as clients of a real shop send them: each POST carries
 * an Idempotency-Key and is retried with the same key (on any process of the shop) when the answer is
 * 502/503/504/429 or the connection fails, until it gets a real answer. Some customers can afford little,
 * so some orders are declined; some accepted orders are cancelled. Everything accepted is kept for the
 * invariant checks.
 */
export class OrderLoad {
  readonly accepted = new Map<string, AcceptedOrder>();
  readonly deposits = new Map<string, number>();
  readonly counts = { posts: 0, accepted: 0, retried: 0, connectionErrors: 0, cancels: 0, cancelledByUs: 0, alreadyCancelled: 0 };
  /** Every final answer's status (after retries), by status. */
  readonly statuses = new Map<number, number>();
  /** Final answers that are neither expected nor retryable, to report (a 500 is a bug). */
  readonly unexpected: string[] = [];
  private stopping = false;
  private workers: Array<Promise<void>> = [];
  private turn = 0;
  private sequence = 0;

  constructor(
    private readonly clients: HttpClient[],
    private readonly random: () => number,
  ) {}

  get customerIds(): string[] {
    return [...this.deposits.keys()];
  }

  /** Signs up `count` customers; every third one deposits only a little, so that its orders get declined. */
  async prepare(count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      // Before any fault: a sign-up (which has no Idempotency-Key) is not retried into a 409 here.
      const customer = await this.send('POST', '/api/v1/customers', { name: `Load ${i}`, email: uniqueEmail('load') }, [201]);
      if (customer.status !== 201) throw new Error(`sign-up failed: ${customer.status} ${JSON.stringify(customer.body)}`);
      const amountCents = i % 3 === 2 ? 700 : 500_000;
      const deposit = await this.send('POST', `/api/v1/accounts/${customer.body.id}/deposits`, { amountCents }, [201], { 'Idempotency-Key': randomUUID() });
      if (deposit.status !== 201) throw new Error(`deposit failed: ${deposit.status} ${JSON.stringify(deposit.body)}`);
      this.deposits.set(customer.body.id, amountCents);
    }
  }

  start(workers: number): void {
    this.stopping = false;
    for (let i = 0; i < workers; i++) this.workers.push(this.work());
  }

  /** Stops placing new orders and waits until every request already sent has its final answer. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.workers);
    this.workers = [];
  }

  private async work(): Promise<void> {
    while (!this.stopping) {
      await this.placeOne();
      await sleep(50 + this.random() * 150);
    }
  }

  private async placeOne(): Promise<void> {
    const ids = this.customerIds;
    const customerId = ids[Math.floor(this.random() * ids.length)];
    const quantity = 1 + Math.floor(this.random() * 3);
    const unitPriceCents = 100 + Math.floor(this.random() * 900);
    const body = { customerId, items: [{ sku: `sku-${this.sequence++ % 50}`, quantity, unitPriceCents }] };
    const idempotencyKey = randomUUID();
    this.counts.posts++;
    const answer = await this.send('POST', '/api/v1/orders', body, [202], { 'Idempotency-Key': idempotencyKey });
    if (answer.status !== 202) return;
    this.counts.accepted++;
    this.accepted.set(answer.body.id, { id: answer.body.id, customerId, totalCents: quantity * unitPriceCents, idempotencyKey });
    if (this.random() < 0.15) {
      this.counts.cancels++;
      // 409 is a proper answer too: the payment was declined first, or an earlier try of this very cancel
      // went through before its connection was cut.
      const cancel = await this.send('POST', `/api/v1/orders/${answer.body.id}/cancel`, undefined, [200, 409]);
      if (cancel.status === 200) this.counts.cancelledByUs++;
      if (cancel.status === 409) this.counts.alreadyCancelled++;
    }
  }

  /** Sends until an answer that is not "try again later" comes back; records it if not one of `expected`. */
  private async send(method: string, path: string, body: unknown, expected: number[], headers: Record<string, string> = {}): Promise<HttpResult> {
    const deadline = Date.now() + GIVE_UP_AFTER_MS;
    for (;;) {
      const client = this.clients[this.turn++ % this.clients.length];
      let answer: HttpResult | undefined;
      try {
        answer = await client.request(method, path, body, headers);
      } catch {
        this.counts.connectionErrors++;
      }
      if (answer && !RETRYABLE.has(answer.status)) {
        this.statuses.set(answer.status, (this.statuses.get(answer.status) ?? 0) + 1);
        if (!expected.includes(answer.status)) this.unexpected.push(`${method} ${client.baseUrl}${path} -> ${answer.status} ${JSON.stringify(answer.body)}`);
        return answer;
      }
      // "Try again later" is still an answer the client reads: a problem document like any other error.
      if (answer && !answer.headers.get('content-type')?.startsWith('application/problem+json')) {
        this.unexpected.push(`${method} ${client.baseUrl}${path} -> ${answer.status} as ${answer.headers.get('content-type')}`);
      }
      if (Date.now() > deadline) throw new Error(`${method} ${path} was not answered within ${GIVE_UP_AFTER_MS} ms`);
      this.counts.retried++;
      await sleep(150 + this.random() * 350);
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
