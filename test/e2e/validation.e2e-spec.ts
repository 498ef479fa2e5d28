import { expectNoInternals, expectProblem, expectValidationProblem, expectWellBehavedAnswers } from '../support/problems';
import { startShop, RunningShop } from '../support/running-shop';
import { Customer, itemsCosting, OrderItem, ShopApi, uniqueEmail } from '../support/shop-api';
import { selectedTopologies } from '../support/topologies';

const item: OrderItem = { sku: 'sku-1', quantity: 1, unitPriceCents: 100 };

describe.each(selectedTopologies())('validation, errors and health ($name)', (topology) => {
  let shop: RunningShop;
  let api: ShopApi;
  let customer: Customer;

  beforeAll(async () => {
    shop = await startShop(topology);
    api = new ShopApi(shop.urls, shop.adminHeaders);
    customer = await api.fundedCustomer(1_000);
  });
  afterAll(() => shop?.stop());

  describe('request bodies that are not what the API takes', () => {
    const writes = () => [
      ['POST', '/api/v1/customers'],
      ['PATCH', `/api/v1/customers/${customer.id}`],
      ['POST', `/api/v1/accounts/${customer.id}/deposits`],
      ['POST', '/api/v1/orders'],
    ];

    it.each([
      ['malformed JSON', '{"name": "Ada", '],
      ['a JSON array', '[]'],
      ['a JSON array of objects', '[{"name": "Ada", "email": "ada@example.com"}]'],
      ['a JSON string', '"hello"'],
      ['a JSON number', '42'],
      ['JSON null', 'null'],
      ['JSON true', 'true'],
    ])('refuses (400, problem+json) %s on every write', async (_, rawBody) => {
      for (const [method, path] of writes()) {
        const response = await api.next().raw(method, path, rawBody);
        expectProblem(response, 400);
      }
    });

    it('refuses (415, problem+json) a body that is not JSON on every write, and changes nothing', async () => {
      for (const [contentType, rawBody] of [
        ['text/plain', 'hello'],
        ['application/x-www-form-urlencoded', 'name=Mallory'],
      ]) {
        for (const [method, path] of writes()) {
          expectProblem(await api.next().raw(method, path, rawBody, { 'content-type': contentType }), 415);
        }
      }
      expect((await api.first.get(`/api/v1/customers/${customer.id}`)).body.name).toBe(customer.name);
    });

    it('refuses (413, problem+json) a body over 100kb', async () => {
      const response = await api.first.post('/api/v1/customers', { name: 'x'.repeat(150 * 1024), email: uniqueEmail() });

      expectProblem(response, 413);
    });

    it('takes a body just under the limit as far as validation (400, not 413)', async () => {
      const response = await api.last.post('/api/v1/customers', { name: 'x'.repeat(90 * 1024), email: uniqueEmail() });

      expectValidationProblem(response, 'name');
    });
  });

  describe('order bodies', () => {
    const place = (body: unknown) => api.next().post('/api/v1/orders', body);

    it.each<[string, () => unknown, string]>([
      ['no items', () => ({ customerId: customer.id }), 'items'],
      ['items empty', () => ({ customerId: customer.id, items: [] }), 'items'],
      ['101 items', () => ({ customerId: customer.id, items: Array.from({ length: 101 }, () => item) }), 'items'],
      ['items that is not an array', () => ({ customerId: customer.id, items: 'tea' }), 'items'],
      ['an item that is null', () => ({ customerId: customer.id, items: [null] }), 'items'],
      ['an item that is a number', () => ({ customerId: customer.id, items: [5] }), 'items'],
      ['an item that is an empty array', () => ({ customerId: customer.id, items: [item, []] }), 'items'],
      ['an item that is an array of items', () => ({ customerId: customer.id, items: [[item]] }), 'items'],
      ['quantity 0', () => ({ customerId: customer.id, items: [{ ...item, quantity: 0 }] }), 'items.0.quantity'],
      ['quantity 1001', () => ({ customerId: customer.id, items: [{ ...item, quantity: 1001 }] }), 'items.0.quantity'],
      ['quantity 1.5', () => ({ customerId: customer.id, items: [{ ...item, quantity: 1.5 }] }), 'items.0.quantity'],
      ['quantity "2"', () => ({ customerId: customer.id, items: [{ ...item, quantity: '2' }] }), 'items.0.quantity'],
      ['unitPriceCents -1', () => ({ customerId: customer.id, items: [{ ...item, unitPriceCents: -1 }] }), 'items.0.unitPriceCents'],
      ['unitPriceCents 100000001', () => ({ customerId: customer.id, items: [{ ...item, unitPriceCents: 100_000_001 }] }), 'items.0.unitPriceCents'],
      ['unitPriceCents 9.99', () => ({ customerId: customer.id, items: [{ ...item, unitPriceCents: 9.99 }] }), 'items.0.unitPriceCents'],
      ["sku ''", () => ({ customerId: customer.id, items: [{ ...item, sku: '' }] }), 'items.0.sku'],
      ['sku of 65 characters', () => ({ customerId: customer.id, items: [{ ...item, sku: 's'.repeat(65) }] }), 'items.0.sku'],
      ['sku that is a number', () => ({ customerId: customer.id, items: [{ ...item, sku: 7 }] }), 'items.0.sku'],
      ['an item without sku', () => ({ customerId: customer.id, items: [{ quantity: 1, unitPriceCents: 1 }] }), 'items.0.sku'],
      ['an unknown field in an item', () => ({ customerId: customer.id, items: [{ ...item, discount: 5 }] }), 'items.0.discount'],
      ['the second item invalid', () => ({ customerId: customer.id, items: [item, { ...item, quantity: 0 }] }), 'items.1.quantity'],
      ['no customerId', () => ({ items: [item] }), 'customerId'],
      ['a customerId that is not a UUID', () => ({ customerId: 'ada', items: [item] }), 'customerId'],
      ['an unknown top-level field', () => ({ customerId: customer.id, items: [item], coupon: 'FREE' }), 'coupon'],
      ['a NUL character in a sku', () => ({ customerId: customer.id, items: [{ ...item, sku: 'tea\u0000' }] }), 'items.0.sku'],
      ['a lone surrogate in a sku', () => ({ customerId: customer.id, items: [{ ...item, sku: 'tea \udfff' }] }), 'items.0.sku'],
    ])('refuses (400) %s, naming the field in errors', async (_, body, field) => {
      expectValidationProblem(await place(body()), field);
    });

    it('accepts the boundaries: 100 items, quantity 1000, unitPriceCents 0 and 100000000, sku of 64 characters', async () => {
      const items = [
        { sku: 's'.repeat(64), quantity: 1000, unitPriceCents: 0 },
        { sku: 'max', quantity: 1, unitPriceCents: 100_000_000 },
        ...Array.from({ length: 98 }, (_, i) => ({ sku: `sku-${i}`, quantity: 1, unitPriceCents: 1 })),
      ];

      const response = await place({ customerId: customer.id, items });

      expect(response.status).toBe(202);
      expect(response.body.items).toEqual(items);
      expect(response.body.totalCents).toBe(100_000_000 + 98);
    });

    it('computes an exact integer total for the largest order (100 items × 1000 × 100000000 cents)', async () => {
      const items = Array.from({ length: 100 }, (_, i) => ({ sku: `big-${i}`, quantity: 1000, unitPriceCents: 100_000_000 }));

      const response = await place({ customerId: customer.id, items });

      expect(response.status).toBe(202);
      expect(response.body.totalCents).toBe(10_000_000_000_000);
      expect((await api.settledOrder(response.body.id)).cancellationReason).toBe('PAYMENT_DECLINED');
    });
  });

  describe('customer bodies', () => {
    it('refuses (400) a NUL character in a name, on sign-up and on change', async () => {
      expectValidationProblem(await api.first.post('/api/v1/customers', { name: 'Ada\u0000Lovelace', email: uniqueEmail() }), 'name');
      expectValidationProblem(await api.last.patch(`/api/v1/customers/${customer.id}`, { name: '\u0000' }), 'name');
    });

    it('refuses (400) a lone surrogate (text no database can store) in a name, on sign-up and on change', async () => {
      expectValidationProblem(await api.first.post('/api/v1/customers', { name: 'Ada \ud800', email: uniqueEmail() }), 'name');
      expectValidationProblem(await api.last.patch(`/api/v1/customers/${customer.id}`, { name: '\udc00 Ada' }), 'name');
    });

    it('refuses (400) a NUL character or a lone surrogate in an email', async () => {
      expectValidationProblem(await api.first.post('/api/v1/customers', { name: 'Ada', email: `ada\u0000${uniqueEmail()}` }), 'email');
      expectValidationProblem(await api.last.post('/api/v1/customers', { name: 'Ada', email: `ada\ud800${uniqueEmail()}` }), 'email');
    });

    it('keeps names in any script, emoji included', async () => {
      const response = await api.last.post('/api/v1/customers', { name: 'Ada 🚀 Лавлейс 愛達', email: uniqueEmail() });

      expect(response.status).toBe(201);
      expect((await api.first.get(`/api/v1/customers/${response.body.id}`)).body.name).toBe('Ada 🚀 Лавлейс 愛達');
    });
  });

  describe('inputs that must never cause a server error', () => {
    it.each<[string, () => [string, string, unknown?]]>([
      ['a form-encoded body', () => ['POST', '/api/v1/orders', 'customerId=x&items=y']],
      ['an email of 400 characters', () => ['POST', '/api/v1/customers', { name: 'Ada', email: `${'a'.repeat(60)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(60)}.${'f'.repeat(90)}.com` }]],
      ['a __proto__ key', () => ['POST', '/api/v1/customers', JSON.parse(`{"name": "Ada", "email": "${uniqueEmail()}", "__proto__": {"admin": true}}`)]],
      ['a constructor key', () => ['POST', '/api/v1/customers', { name: 'Ada', email: uniqueEmail(), constructor: { prototype: {} } }]],
      ['an object where a string belongs', () => ['POST', '/api/v1/customers', { name: { first: 'Ada' }, email: uniqueEmail() }]],
      ['an array where a string belongs', () => ['PATCH', `/api/v1/customers/${customer.id}`, { email: ['a@example.com', 'b@example.com'] }]],
      ['a huge number', () => ['POST', `/api/v1/accounts/${customer.id}/deposits`, { amountCents: 1e308 }]],
      ['a number beyond 2^53', () => ['POST', `/api/v1/accounts/${customer.id}/deposits`, { amountCents: 2 ** 60 }]],
      ['a deeply nested body', () => ['POST', '/api/v1/orders', { customerId: customer.id, items: [{ ...item, sku: JSON.parse('['.repeat(500) + ']'.repeat(500)) }] }]],
      ['a repeated limit parameter', () => ['GET', '/api/v1/customers?limit=1&limit=2']],
      ['a repeated cursor parameter', () => ['GET', '/api/v1/customers?cursor=a&cursor=b']],
      ['a repeated status parameter', () => ['GET', '/api/v1/orders?status=PENDING&status=CONFIRMED']],
      ['a bracketed query parameter', () => ['GET', '/api/v1/orders?customerId[$ne]=x']],
      ['a cursor of 10000 characters', () => ['GET', `/api/v1/customers?cursor=${'A'.repeat(10_000)}`]],
      ['a limit with a unit', () => ['GET', '/api/v1/customers?limit=10px']],
      ['an id with SQL in it', () => ['GET', `/api/v1/customers/${encodeURIComponent("1' OR '1'='1")}`]],
      ['an encoded slash in an id', () => ['GET', '/api/v1/orders/..%2F..%2Fhealth']],
      ['an id with malformed percent-encoding', () => ['GET', '/api/v1/customers/%E0%A4%A']],
      ['an id that percent-decodes to a lone surrogate', () => ['GET', '/api/v1/orders/%ED%A0%80']],
      ['a cursor that percent-decodes to a lone surrogate', () => ['GET', '/api/v1/orders?cursor=%ED%A0%80']],
      ['the nil UUID', () => ['GET', '/api/v1/customers/00000000-0000-0000-0000-000000000000']],
      ['an upper-case UUID', () => ['GET', `/api/v1/customers/${customer.id.toUpperCase()}`]],
      ['an unknown route', () => ['GET', '/api/v1/nothing-here']],
      ['an unsupported method', () => ['PUT', `/api/v1/customers/${customer.id}`, { name: 'Ada' }]],
    ])('answers %s with a 2xx or a 4xx problem', async (_, request) => {
      const [method, path, body] = request();
      const response =
        body === undefined
          ? await api.next().request(method, path)
          : typeof body === 'string'
            ? await api.next().raw(method, path, body, { 'content-type': 'application/x-www-form-urlencoded' })
            : await api.next().request(method, path, body);

      expect(response.status).toBeLessThan(500);
      if (response.status >= 400) expectProblem(response, response.status);
    });

    it('answers an unknown route with a 404 problem coded ROUTE_NOT_FOUND', async () => {
      for (const response of [await api.first.get('/api/v1/nothing-here'), await api.last.post('/api/v2/orders', { customerId: customer.id, items: itemsCosting(1) })]) {
        expectProblem(response, 404);
        expect(response.body.code).toBe('ROUTE_NOT_FOUND');
      }
    });

    it("codes the framework's own refusals too: a malformed id, an unreadable body, a body too large", async () => {
      const malformedId = await api.first.get('/api/v1/orders/not-a-uuid');
      expectProblem(malformedId, 400);
      expect(malformedId.body.code).toBe('VALIDATION_FAILED');
      const unreadable = await api.first.raw('POST', '/api/v1/customers', '{"name": ');
      expect(unreadable.body.code).toBe('VALIDATION_FAILED');
      const tooLarge = await api.first.post('/api/v1/customers', { name: 'x'.repeat(150 * 1024), email: uniqueEmail() });
      expect(tooLarge.body.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('never puts internals in the detail of the problems it answered so far', () => {
      const problems = api.responses.filter((r) => r.status >= 400);
      expect(problems.length).toBeGreaterThan(20);
      for (const problem of problems) {
        expectNoInternals(problem.body);
        const detail = (problem.body as { detail?: string }).detail ?? '';
        expect(detail).not.toMatch(/\bat\s+\S+\s+\(/);
        expect(detail).not.toMatch(/SELECT|INSERT|QueryFailedError/);
      }
    });
  });

  describe('health', () => {
    it('reports every process live (200)', async () => {
      for (const client of api.clients) {
        const response = await client.get('/health/live');
        expect(response.status).toBe(200);
      }
    });

    it('reports every process ready (200)', async () => {
      for (const client of api.clients) {
        const response = await client.get('/health/ready');
        expect(response.status).toBe(200);
      }
    });
  });

  it('left the customer untouched by all the refused requests', async () => {
    expect((await api.account(customer.id)).balanceCents).toBe(1_000);
    expect((await api.last.get(`/api/v1/customers/${customer.id}`)).body).toEqual(customer);
  });

  it('answered every request of this suite without a server error or leaked internals, as the OpenAPI document describes', async () => {
    await expectWellBehavedAnswers(api.responses);
  });
});
