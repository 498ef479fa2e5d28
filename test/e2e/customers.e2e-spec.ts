import { randomUUID } from 'node:crypto';
import { eventually, HttpResult } from '../support/http-client';
import { expectProblem, expectValidationProblem, expectWellBehavedAnswers } from '../support/problems';
import { startShop, RunningShop } from '../support/running-shop';
import { Customer, itemsCosting, Page, pageUrl, ShopApi, uniqueEmail, UUID } from '../support/shop-api';
import { selectedTopologies } from '../support/topologies';

describe.each(selectedTopologies())('customers ($name)', (topology) => {
  let shop: RunningShop;
  let api: ShopApi;

  beforeAll(async () => {
    shop = await startShop(topology);
    api = new ShopApi(shop.urls, shop.adminHeaders);
  });
  afterAll(() => shop?.stop());

  describe('sign-up', () => {
    it('creates a customer (201) with a server-generated id and creation time', async () => {
      const email = uniqueEmail('ada');
      const response = await api.first.post('/api/v1/customers', { name: 'Ada Lovelace', email });

      expect(response.status).toBe(201);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.body).toEqual({ id: expect.stringMatching(UUID), name: 'Ada Lovelace', email, createdAt: expect.any(String) });
      expect(new Date(response.body.createdAt).toISOString()).toBe(response.body.createdAt);
    });

    it('refuses (409) an email that is already taken, whatever its case', async () => {
      const email = uniqueEmail('grace');
      await api.signUp('Grace Hopper', email);

      const again = await api.last.post('/api/v1/customers', { name: 'Another Grace', email: email.toUpperCase() });

      expectProblem(again, 409);
    });

    it('gives an email to exactly one of several sign-ups racing for it', async () => {
      const email = uniqueEmail('race');
      const variants = [email, email.toUpperCase(), email, email.toUpperCase(), email];

      const answers = await Promise.all(variants.map((variant) => api.next().post('/api/v1/customers', { name: 'Racer', email: variant })));

      expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
      for (const answer of answers.filter((a) => a.status !== 201)) expectProblem(answer, 409);
    });

    it('ignores client-chosen ids: an id in the body is an unknown field (400)', async () => {
      const response = await api.first.post('/api/v1/customers', { id: randomUUID(), name: 'Eve', email: uniqueEmail() });

      expectValidationProblem(response, 'id');
    });

    it.each([
      ['no name', { email: 'x@example.com' }, 'name'],
      ['an empty name', { name: '', email: 'x@example.com' }, 'name'],
      ['a blank name (only spaces)', { name: '   ', email: 'x@example.com' }, 'name'],
      ['a name of 201 characters', { name: 'n'.repeat(201), email: 'x@example.com' }, 'name'],
      ['a name that is not a string', { name: 42, email: 'x@example.com' }, 'name'],
      ['no email', { name: 'Ada' }, 'email'],
      ['an email that is not one', { name: 'Ada', email: 'not-an-email' }, 'email'],
    ])('refuses (400) a sign-up with %s', async (_, body, field) => {
      expectValidationProblem(await api.first.post('/api/v1/customers', body), field);
    });

    it('accepts a name of exactly 200 characters', async () => {
      const response = await api.first.post('/api/v1/customers', { name: 'n'.repeat(200), email: uniqueEmail() });

      expect(response.status).toBe(201);
      expect(response.body.name).toBe('n'.repeat(200));
    });
  });

  describe('reading one customer', () => {
    it('answers 200 with the customer, from every process', async () => {
      const customer = await api.signUp('Alan Turing');

      for (const client of api.clients) {
        const response = await client.get(`/api/v1/customers/${customer.id}`);
        expect(response.status).toBe(200);
        expect(response.body).toEqual(customer);
      }
    });

    it('answers 404 for an id nobody has', async () => {
      expectProblem(await api.last.get(`/api/v1/customers/${randomUUID()}`), 404);
    });

    it('answers 400 for an id that is not a UUID', async () => {
      expectProblem(await api.first.get('/api/v1/customers/not-a-uuid'), 400);
    });
  });

  describe('the customer list', () => {
    it('answers { items, nextCursor } with at most 20 items by default', async () => {
      await api.signUp();
      const response = await api.last.get('/api/v1/customers');

      expect(response.status).toBe(200);
      expect(Object.keys(response.body).sort()).toEqual(['items', 'nextCursor']);
      expect(response.body.items.length).toBeGreaterThan(0);
      expect(response.body.items.length).toBeLessThanOrEqual(20);
      expect(response.body.nextCursor === null || typeof response.body.nextCursor === 'string').toBe(true);
    });

    it('pages newest first with limit and cursor: no duplicates, no gaps, nextCursor null on the last page', async () => {
      const created: Customer[] = [];
      for (let i = 0; i < 5; i++) created.push(await api.signUp(`Paged ${i}`));
      const ours = new Set(created.map((c) => c.id));

      // Walk pages of 2, alternating processes, until every customer of ours has been seen.
      const seen: Customer[] = [];
      let cursor: string | null = null;
      let pages = 0;
      while (created.some((c) => !seen.some((s) => s.id === c.id))) {
        const response: HttpResult<Page<Customer>> = await api.next().get(pageUrl('/api/v1/customers', 2, cursor));
        expect(response.status).toBe(200);
        expect(response.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...response.body.items);
        cursor = response.body.nextCursor;
        pages++;
        if (cursor === null) break;
        expect(pages).toBeLessThan(1000);
      }

      const ids = seen.map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length); // no duplicates
      // No gaps: ours were created last, so they come first and together, newest first.
      const oursInOrder = seen.filter((c) => ours.has(c.id));
      expect(oursInOrder.map((c) => c.id).sort()).toEqual([...ours].sort());
      for (let i = 1; i < seen.length; i++) expect(Date.parse(seen[i - 1].createdAt)).toBeGreaterThanOrEqual(Date.parse(seen[i].createdAt));
      const positions = oursInOrder.map((c) => seen.indexOf(c));
      expect(positions).toEqual(positions.map((_, i) => positions[0] + i));
      expect(oursInOrder).toEqual(expect.arrayContaining(created));

      // Going on to the end of the list, the pages still never repeat a customer, and the last one says so.
      const rest = cursor === null ? [] : (await api.walk<Customer>('/api/v1/customers', 100, cursor)).flat();
      const all = [...ids, ...rest.map((c) => c.id)];
      expect(new Set(all).size).toBe(all.length);
    });

    it('ends with nextCursor null', async () => {
      const pages = await api.walk<Customer>('/api/v1/customers', 100);
      expect(pages.length).toBeGreaterThan(0);
      // walk() stops only on nextCursor null; every page but the last is full.
      for (const page of pages.slice(0, -1)) expect(page).toHaveLength(100);
    });

    it('does not list deleted customers', async () => {
      const customer = await api.signUp();
      expect((await api.first.delete(`/api/v1/customers/${customer.id}`)).status).toBe(204);

      const listed = (await api.walk<Customer>('/api/v1/customers', 100)).flat();
      expect(listed.some((c) => c.id === customer.id)).toBe(false);
    });

    it.each(['0', '101', 'abc', '-1', '1.5'])('refuses (400) limit=%s', async (limit) => {
      expectValidationProblem(await api.first.get(`/api/v1/customers?limit=${limit}`), 'limit');
    });

    it.each(['1', '100'])('accepts limit=%s', async (limit) => {
      const response = await api.last.get(`/api/v1/customers?limit=${limit}`);
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(Number(limit));
    });

    it.each([
      ['garbage', 'not-a-cursor'],
      ['base64 of something else', Buffer.from('hello').toString('base64url')],
      ['a cursor with a date that is not one', Buffer.from(JSON.stringify(['yesterday', randomUUID()])).toString('base64url')],
      ['a cursor with an id that is not one', Buffer.from(JSON.stringify([new Date().toISOString(), 'not-a-uuid'])).toString('base64url')],
      ['a cursor with a date only JavaScript reads', Buffer.from(JSON.stringify(['0', randomUUID()])).toString('base64url')],
      ['a cursor with a day that does not exist', Buffer.from(JSON.stringify(['2024-02-30T00:00:00.000Z', randomUUID()])).toString('base64url')],
      ['a cursor in year 0', Buffer.from(JSON.stringify(['0000-01-01T00:00:00.000Z', randomUUID()])).toString('base64url')],
      ['a cursor beyond year 9999', Buffer.from(JSON.stringify(['+010000-01-01T00:00:00.000Z', randomUUID()])).toString('base64url')],
      ['a cursor with a time zone offset', Buffer.from(JSON.stringify(['2024-01-01T00:00:00+01:00', randomUUID()])).toString('base64url')],
      ['a cursor that is a JSON object', Buffer.from(JSON.stringify({ createdAt: new Date().toISOString(), id: randomUUID() })).toString('base64url')],
    ])('refuses (400) a cursor that is %s', async (_, cursor) => {
      expectProblem(await api.first.get(`/api/v1/customers?cursor=${encodeURIComponent(cursor)}`), 400);
    });
  });

  describe('changing a customer', () => {
    it('updates the name and the email (200), and later reads see the change', async () => {
      const customer = await api.signUp('Old Name');
      const email = uniqueEmail('renamed');

      const response = await api.first.patch(`/api/v1/customers/${customer.id}`, { name: 'New Name', email });

      expect(response.status).toBe(200);
      expect(response.body).toEqual({ ...customer, name: 'New Name', email });
      expect((await api.last.get(`/api/v1/customers/${customer.id}`)).body).toEqual(response.body);
    });

    it('changes only what the body names', async () => {
      const customer = await api.signUp('Keeps Email');

      const response = await api.last.patch(`/api/v1/customers/${customer.id}`, { name: 'Changed' });

      expect(response.status).toBe(200);
      expect(response.body).toEqual({ ...customer, name: 'Changed' });
    });

    it('lets a customer keep their own email in another case', async () => {
      const customer = await api.signUp();

      const response = await api.first.patch(`/api/v1/customers/${customer.id}`, { email: customer.email.toUpperCase() });

      expect(response.status).toBe(200);
    });

    it("refuses (409) another customer's email, whatever its case", async () => {
      const taken = await api.signUp();
      const customer = await api.signUp();

      const response = await api.last.patch(`/api/v1/customers/${customer.id}`, { email: taken.email.toUpperCase() });

      expectProblem(response, 409);
      expect((await api.first.get(`/api/v1/customers/${customer.id}`)).body.email).toBe(customer.email);
    });

    it('answers 404 for an unknown customer', async () => {
      expectProblem(await api.first.patch(`/api/v1/customers/${randomUUID()}`, { name: 'Nobody' }), 404);
    });

    it('refuses (400) unknown fields and invalid values', async () => {
      const customer = await api.signUp();
      expectValidationProblem(await api.first.patch(`/api/v1/customers/${customer.id}`, { nickname: 'x' }), 'nickname');
      expectValidationProblem(await api.first.patch(`/api/v1/customers/${customer.id}`, { name: '' }), 'name');
      expectValidationProblem(await api.first.patch(`/api/v1/customers/${customer.id}`, { name: ' \t ' }), 'name');
      expectValidationProblem(await api.first.patch(`/api/v1/customers/${customer.id}`, { email: 'nope' }), 'email');
      expectValidationProblem(await api.first.patch(`/api/v1/customers/${customer.id}`, { name: null }), 'name');
      expectValidationProblem(await api.first.patch(`/api/v1/customers/${customer.id}`, { email: null }), 'email');
      expectValidationProblem(await api.first.patch(`/api/v1/customers/${customer.id}`, { createdAt: new Date().toISOString() }), 'createdAt');
    });
  });

  describe('deleting a customer', () => {
    it('answers 204, after which the customer is 404 everywhere and a second delete is 404', async () => {
      const customer = await api.signUp();

      const response = await api.first.delete(`/api/v1/customers/${customer.id}`);

      expect(response.status).toBe(204);
      expect(response.body).toBeUndefined();
      for (const client of api.clients) expectProblem(await client.get(`/api/v1/customers/${customer.id}`), 404);
      expectProblem(await api.last.delete(`/api/v1/customers/${customer.id}`), 404);
      expectProblem(await api.last.patch(`/api/v1/customers/${customer.id}`, { name: 'Ghost' }), 404);
    });

    it('refuses (422) new orders for the deleted customer', async () => {
      const customer = await api.fundedCustomer(1_000);
      expect((await api.last.delete(`/api/v1/customers/${customer.id}`)).status).toBe(204);

      for (const client of api.clients) {
        expectProblem(await client.post('/api/v1/orders', { customerId: customer.id, items: itemsCosting(100) }), 422);
      }
    });

    it("closes the deleted customer's account: it is eventually 404 and takes no deposits", async () => {
      const customer = await api.fundedCustomer(1_000);
      expect((await api.first.delete(`/api/v1/customers/${customer.id}`)).status).toBe(204);

      await eventually(() => api.next().get(`/api/v1/accounts/${customer.id}`), (r) => r.status === 404);
      expectProblem(await api.last.get(`/api/v1/accounts/${customer.id}`), 404);
      expectProblem(await api.first.post(`/api/v1/accounts/${customer.id}/deposits`, { amountCents: 100 }), 404);
    });

    it('answers 404 for an unknown customer and 400 for an id that is not a UUID', async () => {
      expectProblem(await api.first.delete(`/api/v1/customers/${randomUUID()}`), 404);
      expectProblem(await api.first.delete('/api/v1/customers/42'), 400);
    });
  });

  it('answered every request of this suite without a server error or leaked internals, as the OpenAPI document describes', async () => {
    await expectWellBehavedAnswers(api.responses);
  });
});
