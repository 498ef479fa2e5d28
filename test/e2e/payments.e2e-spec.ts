import { randomUUID } from 'node:crypto';
import { eventually } from '../support/http-client';
import { expectProblem, expectValidationProblem, expectWellBehavedAnswers } from '../support/problems';
import { startShop, RunningShop } from '../support/running-shop';
import { Account, AccountEvent, balanceFromEvents, itemsCosting, ShopApi, UUID } from '../support/shop-api';
import { selectedTopologies } from '../support/topologies';

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe.each(selectedTopologies())('payments ($name)', (topology) => {
  let shop: RunningShop;
  let api: ShopApi;

  beforeAll(async () => {
    shop = await startShop(topology);
    api = new ShopApi(shop.urls, shop.adminHeaders);
  });
  afterAll(() => shop?.stop());

  describe('accounts', () => {
    it("a new customer's account exists at once, with a balance of 0", async () => {
      const customer = await api.signUp();

      const response = await api.last.get(`/api/v1/accounts/${customer.id}`);

      expect(response.status).toBe(200);
      expect(response.body).toEqual({ customerId: customer.id, balanceCents: 0, version: expect.any(Number) });
      expect(Number.isInteger(response.body.version)).toBe(true);
      expect(response.body.version).toBeGreaterThanOrEqual(1);
    });

    it('answers 404 for a customer nobody has, and 400 for an id that is not a UUID', async () => {
      expectProblem(await api.first.get(`/api/v1/accounts/${randomUUID()}`), 404);
      expectProblem(await api.last.get(`/api/v1/accounts/${randomUUID()}/events`), 404);
      expectProblem(await api.first.get('/api/v1/accounts/12345'), 400);
    });
  });

  describe('deposits', () => {
    it('adds money (201) and answers with the account; each deposit moves the version on by one', async () => {
      const customer = await api.signUp();
      const opened = await api.account(customer.id);

      const first = await api.first.post(`/api/v1/accounts/${customer.id}/deposits`, { amountCents: 500 });
      const second = await api.last.post(`/api/v1/accounts/${customer.id}/deposits`, { amountCents: 250 });

      expect(first.status).toBe(201);
      expect(first.headers.get('content-type')).toMatch(/^application\/json/);
      expect(first.body).toEqual({ customerId: customer.id, balanceCents: 500, version: opened.version + 1 });
      expect(second.status).toBe(201);
      expect(second.body).toEqual({ customerId: customer.id, balanceCents: 750, version: opened.version + 2 });
      for (const client of api.clients) expect((await client.get(`/api/v1/accounts/${customer.id}`)).body).toEqual(second.body);
    });

    it('takes every deposit of eight writers racing on one account, each at its own version', async () => {
      const customer = await api.signUp();
      const opened = await api.account(customer.id);
      const writers = Array.from({ length: 8 }, (_, writer) =>
        (async () => {
          for (let i = 1; i <= 5; i++) await api.deposit(customer.id, writer * 10 + i);
        })(),
      );
      await Promise.all(writers);

      const expected = Array.from({ length: 8 }, (_, writer) => [1, 2, 3, 4, 5].reduce((sum, i) => sum + writer * 10 + i, 0)).reduce((a, b) => a + b, 0);
      expect(await api.account(customer.id)).toEqual({ customerId: customer.id, balanceCents: expected, version: opened.version + 40 });
      const versions = (await api.first.get(`/api/v1/accounts/${customer.id}/events?limit=100`)).body.items.map((event: { version: number }) => event.version);
      expect(versions).toEqual(Array.from({ length: opened.version + 40 }, (_, i) => i + 1));
    });

    it('accepts the smallest and the largest amount (1 and 1000000000 cents)', async () => {
      const customer = await api.signUp();

      expect((await api.first.post(`/api/v1/accounts/${customer.id}/deposits`, { amountCents: 1 })).status).toBe(201);
      const largest = await api.last.post(`/api/v1/accounts/${customer.id}/deposits`, { amountCents: 1_000_000_000 });

      expect(largest.status).toBe(201);
      expect(largest.body.balanceCents).toBe(1_000_000_001);
    });

    it('answers 404 for a customer nobody has', async () => {
      expectProblem(await api.first.post(`/api/v1/accounts/${randomUUID()}/deposits`, { amountCents: 100 }), 404);
    });

    it.each([
      ['0', 0],
      ['1000000001', 1_000_000_001],
      ['-5', -5],
      ['1.5', 1.5],
      ['"5" (a string)', '5'],
      ['null', null],
    ])('refuses (400) amountCents %s and changes nothing', async (_, amountCents) => {
      const customer = await api.signUp();

      expectValidationProblem(await api.first.post(`/api/v1/accounts/${customer.id}/deposits`, { amountCents }), 'amountCents');

      expect((await api.account(customer.id)).balanceCents).toBe(0);
    });

    it('refuses (400) a body without amountCents, and one with unknown fields', async () => {
      const customer = await api.signUp();

      expectValidationProblem(await api.first.post(`/api/v1/accounts/${customer.id}/deposits`, {}), 'amountCents');
      expectValidationProblem(await api.last.post(`/api/v1/accounts/${customer.id}/deposits`, { amountCents: 100, currency: 'EUR' }), 'currency');
      expectValidationProblem(await api.last.post(`/api/v1/accounts/${customer.id}/deposits`, { amountCents: 100, balanceCents: 1e9 }), 'balanceCents');
      expect((await api.account(customer.id)).balanceCents).toBe(0);
    });
  });

  describe('the account events', () => {
    it('lists every change oldest first: AccountOpened, FundsDeposited, PaymentCaptured with its orderId', async () => {
      const customer = await api.signUp();
      await api.deposit(customer.id, 500);
      await api.deposit(customer.id, 300);
      const order = await api.placeOrder(customer.id, itemsCosting(200));
      expect((await api.settledOrder(order.id)).status).toBe('CONFIRMED');

      const response = await api.last.get(`/api/v1/accounts/${customer.id}/events`);

      expect(response.status).toBe(200);
      expect(response.body.nextCursor).toBeNull();
      const events: AccountEvent[] = response.body.items;
      expect(events.map(({ type, amountCents, orderId }) => ({ type, amountCents, ...(orderId ? { orderId } : {}) }))).toEqual([
        { type: 'AccountOpened', amountCents: 0 },
        { type: 'FundsDeposited', amountCents: 500 },
        { type: 'FundsDeposited', amountCents: 300 },
        { type: 'PaymentCaptured', amountCents: 200, orderId: order.id },
      ]);
      expect(events.map((e) => e.version)).toEqual([1, 2, 3, 4]);
      for (const event of events) expect(new Date(event.occurredAt).toISOString()).toBe(event.occurredAt);
      for (let i = 1; i < events.length; i++) expect(Date.parse(events[i].occurredAt)).toBeGreaterThanOrEqual(Date.parse(events[i - 1].occurredAt));

      const account: Account = await api.account(customer.id);
      expect(account).toEqual({ customerId: customer.id, balanceCents: 600, version: 4 });
      expect(balanceFromEvents(events).balance).toBe(account.balanceCents);
    });

    it('pages with limit and cursor, oldest first, without duplicates or gaps', async () => {
      const customer = await api.signUp();
      for (const amount of [1, 2, 3, 4, 5]) await api.deposit(customer.id, amount);

      const pages = await api.walk<AccountEvent>(`/api/v1/accounts/${customer.id}/events`, 2);

      expect(pages.map((page) => page.length)).toEqual([2, 2, 2]);
      expect(pages.flat().map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(pages.flat().map((e) => e.amountCents)).toEqual([0, 1, 2, 3, 4, 5]);
    });

    it.each(['0', '101', 'abc'])('refuses (400) limit=%s', async (limit) => {
      const customer = await api.signUp();
      expectValidationProblem(await api.first.get(`/api/v1/accounts/${customer.id}/events?limit=${limit}`), 'limit');
    });

    it.each([
      ['garbage', 'garbage'],
      ['a cursor with a version that is not a number', cursorOf([new Date().toISOString(), 'abc'])],
      ['a cursor with a version beyond any integer column', cursorOf([new Date().toISOString(), '99999999999999'])],
      ['a cursor of another list (a UUID where a version belongs)', cursorOf([new Date().toISOString(), randomUUID()])],
    ])('refuses (400) %s', async (_, cursor) => {
      const customer = await api.signUp();
      expectProblem(await api.last.get(`/api/v1/accounts/${customer.id}/events?cursor=${encodeURIComponent(cursor)}`), 400);
    });
  });

  describe('payments of an order', () => {
    it('lists the payment of an order by orderId', async () => {
      const customer = await api.fundedCustomer(1_000);
      const order = await api.placeOrder(customer.id, itemsCosting(400));
      await api.settledOrder(order.id);

      const response = await api.first.get(`/api/v1/payments?orderId=${order.id}`);

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        items: [{ id: expect.stringMatching(UUID), orderId: order.id, customerId: customer.id, amountCents: 400, status: 'CAPTURED', createdAt: expect.any(String) }],
        nextCursor: null,
      });
    });

    it('answers an empty list for an order nobody placed', async () => {
      const response = await api.last.get(`/api/v1/payments?orderId=${randomUUID()}`);

      expect(response.status).toBe(200);
      expect(response.body).toEqual({ items: [], nextCursor: null });
    });

    it('refuses (400) a query without orderId, or with one that is not a UUID', async () => {
      expectValidationProblem(await api.first.get('/api/v1/payments'), 'orderId');
      expectValidationProblem(await api.last.get('/api/v1/payments?orderId=abc'), 'orderId');
      expectValidationProblem(await api.last.get(`/api/v1/payments?orderId=${randomUUID()}&customerId=${randomUUID()}`), 'customerId');
    });
  });

  describe('Idempotency-Key on deposits', () => {
    it('answers a retry with the same key and body with the first answer, and deposits only once', async () => {
      const customer = await api.signUp();
      const key = randomUUID();

      const first = await api.first.post(`/api/v1/accounts/${customer.id}/deposits`, { amountCents: 700 }, { 'Idempotency-Key': key });
      const retry = await api.last.post(`/api/v1/accounts/${customer.id}/deposits`, { amountCents: 700 }, { 'Idempotency-Key': key });

      expect(first.status).toBe(201);
      expect(retry.status).toBe(first.status);
      expect(retry.body).toEqual(first.body);
      expect((await api.account(customer.id)).balanceCents).toBe(700);
      expect((await api.accountEvents(customer.id)).filter((e) => e.type === 'FundsDeposited')).toHaveLength(1);
    });

    it('deposits only once when the same request races with itself', async () => {
      const customer = await api.signUp();
      const key = randomUUID();

      const answers = await Promise.all(
        Array.from({ length: 5 }, () => api.next().post(`/api/v1/accounts/${customer.id}/deposits`, { amountCents: 300 }, { 'Idempotency-Key': key })),
      );

      for (const answer of answers) {
        expect(answer.status).toBe(201);
        expect(answer.body).toEqual(answers[0].body);
      }
      expect((await api.account(customer.id)).balanceCents).toBe(300);
    });

    it('refuses (422) the same key with a different body, and deposits nothing for it', async () => {
      const customer = await api.signUp();
      const key = randomUUID();
      await api.first.post(`/api/v1/accounts/${customer.id}/deposits`, { amountCents: 100 }, { 'Idempotency-Key': key });

      expectProblem(await api.last.post(`/api/v1/accounts/${customer.id}/deposits`, { amountCents: 999 }, { 'Idempotency-Key': key }), 422);

      expect((await api.account(customer.id)).balanceCents).toBe(100);
    });

    it('treats deposits without a key as distinct', async () => {
      const customer = await api.signUp();
      await api.deposit(customer.id, 100);
      await api.deposit(customer.id, 100);

      expect((await api.account(customer.id)).balanceCents).toBe(200);
    });

    it('refuses (400) an empty key and a key of 256 characters; accepts one of 255', async () => {
      const customer = await api.signUp();
      const deposit = (key: string) => api.next().post(`/api/v1/accounts/${customer.id}/deposits`, { amountCents: 10 }, { 'Idempotency-Key': key });

      expectProblem(await deposit(''), 400);
      expectProblem(await deposit('k'.repeat(256)), 400);
      expect((await api.account(customer.id)).balanceCents).toBe(0);
      expect((await deposit(`${randomUUID()}${'k'.repeat(219)}`)).status).toBe(201);
    });

    it('takes any key of 1 to 255 characters, latin-1 letters and spaces included', async () => {
      const customer = await api.signUp();
      const key = `clé ü ${randomUUID()}`;

      const first = await api.first.post(`/api/v1/accounts/${customer.id}/deposits`, { amountCents: 40 }, { 'Idempotency-Key': key });
      const retry = await api.last.post(`/api/v1/accounts/${customer.id}/deposits`, { amountCents: 40 }, { 'Idempotency-Key': key });

      expect(first.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect((await api.account(customer.id)).balanceCents).toBe(40);
    });

    it('does not remember a failed attempt: a retry after a 404 is still a 404', async () => {
      const key = randomUUID();
      const unknown = randomUUID();

      expectProblem(await api.first.post(`/api/v1/accounts/${unknown}/deposits`, { amountCents: 10 }, { 'Idempotency-Key': key }), 404);
      expectProblem(await api.last.post(`/api/v1/accounts/${unknown}/deposits`, { amountCents: 10 }, { 'Idempotency-Key': key }), 404);
    });
  });

  describe('a balance never goes below zero', () => {
    it('captures only what the balance covers when orders race for it', async () => {
      const customer = await api.fundedCustomer(500);

      const orders = await Promise.all(Array.from({ length: 8 }, () => api.placeOrder(customer.id, itemsCosting(100))));
      const settled = await Promise.all(orders.map((order) => api.settledOrder(order.id)));

      expect(settled.filter((o) => o.status === 'CONFIRMED')).toHaveLength(5);
      const account = await eventually(() => api.account(customer.id), (a) => a.balanceCents === 0);
      expect(account.balanceCents).toBe(0);
    });
  });

  it('answered every request of this suite without a server error or leaked internals, as the OpenAPI document describes', async () => {
    await expectWellBehavedAnswers(api.responses);
  });
});
