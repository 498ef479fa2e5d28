import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { HttpClient, HttpResult } from '../support/http-client';
import { OpenApiConformance } from '../support/openapi-conformance';
import { expectNoInternals } from '../support/problems';
import { RunningShop, startShop } from '../support/running-shop';
import { Customer, ShopApi, uniqueEmail } from '../support/shop-api';
import { TOPOLOGIES } from '../support/topologies';

// Every endpoint of api.md §1 fed generated bad input: whatever comes in, the answer is a 4xx problem
// document with nothing internal in it (never a 500), and nothing is written. Reads may also answer 200.
// Every answer is also one the OpenAPI document describes (status, content type, body).
// The monolith only: what is checked here is the HTTP edge, the same in every topology.

// A new seed each run, so that the test keeps exploring; a failure prints its seed, and FAST_CHECK_SEED=<seed>
// replays it. CI derives the seed from the commit: a red run belongs to that commit and replays the same.
if (process.env.FAST_CHECK_SEED) fc.configureGlobal({ seed: Number(process.env.FAST_CHECK_SEED) });

type Json = unknown;

/** Values of the wrong type for any field. */
const wrongType = fc.oneof(fc.constant(null), fc.boolean(), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }));
/** Not a whole number, as JSON writes it (NaN and the infinities become null). */
const notWhole = fc.double({ noInteger: true });
const hugeString = fc.integer({ min: 1_000, max: 60_000 }).map((n) => 'x'.repeat(n));

/** Values a `min..max` integer field must refuse. */
const badInteger = (min: number, max: number): fc.Arbitrary<Json> =>
  fc.oneof(
    fc.integer({ min: Number.MIN_SAFE_INTEGER, max: min - 1 }),
    fc.integer({ min: max + 1, max: Number.MAX_SAFE_INTEGER }),
    fc.constantFrom(1e21, -1e21, 2 ** 63),
    notWhole,
    fc.integer({ min, max }).map(String),
    wrongType,
  );

/** Values a `min..max` character string field must refuse. */
const badText = (max: number): fc.Arbitrary<Json> =>
  fc.oneof(fc.constant(''), fc.integer({ min: max + 1, max: max + 500 }).map((n) => 'n'.repeat(n)), hugeString, fc.integer(), wrongType);

const badEmail = fc.oneof(fc.string({ maxLength: 40 }).map((s) => s.replace(/@/g, '')), fc.constantFrom('a@', '@b.c', 'a@@b.c', 'a b@c.d'), badText(320));
const badId = fc.oneof(
  fc.string({ minLength: 1, maxLength: 60 }).filter((s) => s.trim().length > 0),
  fc.uuid().map((id) => id.replace(/-/g, '')),
  fc.uuid().map((id) => `${id}0`),
  fc.constantFrom('00000000-0000-0000-0000-00000000000g', '../../etc/passwd', "' OR 1=1 --", '%00', 'null', '-1', '0'),
  fc.integer({ min: 200, max: 1000 }).map((n) => 'a'.repeat(n)),
);

/** A valid body with exactly one thing made wrong (a field, an extra field, a missing field, the whole body). */
function brokenBody(valid: Record<string, Json>, fields: Record<string, fc.Arbitrary<Json>>, required: string[]): fc.Arbitrary<Json> {
  const oneField = fc.constantFrom(...Object.keys(fields)).chain((field) => fields[field].map((value) => ({ ...valid, [field]: value })));
  const unknownField = fc
    .string({ minLength: 1, maxLength: 20 })
    .filter((name) => !(name in valid) && name !== '__proto__')
    .chain((name) => fc.jsonValue({ maxDepth: 2 }).map((value) => ({ ...valid, [name]: value })));
  const notAnObject = fc.oneof(fc.array(fc.constant(valid), { maxLength: 2 }), fc.string({ maxLength: 10 }), fc.integer(), fc.constant(null));
  const missing = required.length ? fc.constantFrom(...required).map((field) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== field))) : oneField;
  return fc.oneof(oneField, unknownField, notAnObject, missing);
}

const badItem = (valid: Record<string, Json>) =>
  brokenBody(valid, { sku: badText(64), quantity: badInteger(1, 1000), unitPriceCents: badInteger(0, 100_000_000) }, ['sku', 'quantity', 'unitPriceCents']);

/** Bodies that are not JSON a server can read (an empty body is no body: a PATCH without one changes nothing). */
const rawJunk = fc.oneof(
  fc.string({ minLength: 1, maxLength: 80 }).filter((text) => text.trim() !== '' && !isJson(text)),
  fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value).slice(0, -1)).filter((text) => text.trim() !== '' && !isJson(text)),
  fc.constantFrom('{"a":1}}', '{"amountCents": 1e999999}', '\u0000', '{"__proto__": {"admin": true}}', '{"constructor": {"prototype": {}}}'),
);

const oddContentType = fc.constantFrom(
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'application/json; charset=klingon',
  'application/merge-patch+json',
  'application/octet-stream',
  '',
);

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

interface BadRequest {
  method: string;
  path: string;
  /** A value sent as JSON, or `raw` text sent as is. */
  body?: Json;
  raw?: string;
  headers: Record<string, string>;
}

describe('bad input, generated, on every endpoint (monolith)', () => {
  let shop: RunningShop;
  let api: ShopApi;
  let client: HttpClient;
  let customer: Customer;
  let orderId: string;
  let before: string;
  let documented: OpenApiConformance;

  beforeAll(async () => {
    shop = await startShop(TOPOLOGIES.find((t) => t.name === 'monolith')!);
    documented = await OpenApiConformance.served(shop.urls[0]);
    api = new ShopApi(shop.urls, shop.adminHeaders);
    client = new HttpClient(shop.urls[0]);
    customer = await api.fundedCustomer(5_000);
    orderId = (await api.placeOrder(customer.id)).id;
    await api.settledOrder(orderId);
    before = await snapshot();
  });
  afterAll(() => shop?.stop());

  /** What a write would change: customers, accounts, orders, payments, as the admin lists them. */
  async function snapshot(): Promise<string> {
    const customers = (await api.walk<Customer>('/api/v1/customers', 100)).flat();
    const orders = await api.ordersOf(customer.id);
    return JSON.stringify({
      customers,
      account: await api.account(customer.id),
      events: await api.accountEvents(customer.id),
      orders,
      payments: await api.paymentsOf(orderId),
    });
  }

  const admin = () => shop.adminHeaders;

  /** Headers: the admin's token most of the time, else none or a broken one; sometimes an odd Idempotency-Key. */
  const headers = fc.record({
    auth: fc.constantFrom('admin', 'admin', 'admin', 'none', 'garbage', 'basic'),
    idempotencyKey: fc.option(fc.oneof(fc.constant(''), fc.integer({ min: 256, max: 2000 }).map((n) => 'k'.repeat(n)), fc.uuid()), { nil: undefined }),
  });

  function headersFor(choice: { auth: string; idempotencyKey?: string }): Record<string, string> {
    const auth: Record<string, string> =
      choice.auth === 'admin' ? admin() : choice.auth === 'garbage' ? { authorization: 'Bearer not.a.jwt' } : choice.auth === 'basic' ? { authorization: 'Basic YTpi' } : {};
    return { ...auth, ...(choice.idempotencyKey === undefined ? {} : { 'idempotency-key': choice.idempotencyKey }) };
  }

  /** Writes with a bad body, or a bad id, or a body that is not JSON at all. */
  const badWrite = (): fc.Arbitrary<BadRequest> => {
    const id = customer.id;
    const item = { sku: 'sku-1', quantity: 1, unitPriceCents: 100 };
    const bodies: Array<[string, string, fc.Arbitrary<Json>]> = [
      ['POST', '/api/v1/customers', brokenBody({ name: 'Ada', email: uniqueEmail('prop') }, { name: badText(200), email: badEmail }, ['name', 'email'])],
      ['PATCH', `/api/v1/customers/${id}`, brokenBody({ name: 'Ada' }, { name: badText(200), email: badEmail }, [])],
      ['POST', `/api/v1/accounts/${id}/deposits`, brokenBody({ amountCents: 100 }, { amountCents: badInteger(1, 1_000_000_000) }, ['amountCents'])],
      [
        'POST',
        '/api/v1/orders',
        brokenBody(
          { customerId: id, items: [item] },
          {
            customerId: fc.oneof(badId, wrongType),
            items: fc.oneof(
              fc.constant([]),
              fc.constant(Array.from({ length: 101 }, () => item)),
              fc.array(badItem(item), { minLength: 1, maxLength: 3 }),
              badItem(item).map((bad) => [item, bad]),
              wrongType,
            ),
          },
          ['customerId', 'items'],
        ),
      ],
    ];
    const withBadBody = fc.constantFrom(...bodies).chain(([method, path, body]) => fc.record({ method: fc.constant(method), path: fc.constant(path), body, headers }));
    const withBadId = fc
      .tuple(
        fc.constantFrom<[string, string, Json]>(
          ['PATCH', '/api/v1/customers/:id', { name: 'Ada' }],
          ['DELETE', '/api/v1/customers/:id', undefined],
          ['POST', '/api/v1/accounts/:id/deposits', { amountCents: 100 }],
          ['POST', '/api/v1/orders/:id/cancel', undefined],
          ['POST', '/api/v1/admin/dead-letters/:id/replay', undefined],
        ),
        badId,
        headers,
      )
      .map(([[method, path, body], bad, h]) => ({ method, path: path.replace(':id', encodeURIComponent(bad)), body, headers: h }));
    const notJson = fc
      .tuple(fc.constantFrom(...bodies.map(([method, path]) => [method, path] as const)), fc.oneof(rawJunk.map((raw) => ({ raw, contentType: undefined })), fc.record({ raw: fc.string({ minLength: 1, maxLength: 40 }).filter((text) => text.trim() !== ''), contentType: oddContentType })), headers)
      .map(([[method, path], { raw, contentType }, h]) => ({ method, path, raw, headers: { ...h, ...(contentType === undefined ? {} : { 'content-type': contentType }) } }));
    return fc.oneof(withBadBody, withBadId, notJson).map((request) => ({ ...request, headers: headersFor(request.headers as never) }));
  };

  /** Reads with bad ids and bad query strings. */
  const badRead = (): fc.Arbitrary<BadRequest> => {
    const badLimit = fc.oneof(badInteger(1, 100).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))), fc.string({ maxLength: 10 }));
    const query = fc.record(
      { limit: badLimit, cursor: fc.oneof(fc.string({ maxLength: 40 }), fc.base64String({ maxLength: 60 }), hugeString.map((s) => s.slice(0, 1500))), status: fc.string({ maxLength: 12 }), customerId: badId, orderId: badId },
      { requiredKeys: [] },
    );
    const toQuery = (q: Record<string, string>) =>
      Object.entries(q)
        .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
        .join('&');
    const withBadId = fc
      .tuple(fc.constantFrom('/api/v1/customers/:id', '/api/v1/customers/:id/overview', '/api/v1/accounts/:id', '/api/v1/accounts/:id/events', '/api/v1/orders/:id', '/api/v1/orders/:id/saga'), badId)
      .map(([path, bad]) => path.replace(':id', encodeURIComponent(bad)));
    const withBadQuery = fc
      .tuple(fc.constantFrom('/api/v1/customers', `/api/v1/accounts/${customer.id}/events`, '/api/v1/payments', '/api/v1/orders', '/api/v1/admin/dead-letters'), query)
      .map(([path, q]) => `${path}?${toQuery(q as Record<string, string>)}`);
    return fc.record({ method: fc.constant('GET'), path: fc.oneof(withBadId, withBadQuery), headers: headers.map((h) => headersFor(h)) });
  };

  async function send(request: BadRequest): Promise<HttpResult> {
    if (request.raw !== undefined) return client.raw(request.method, request.path, request.raw, request.headers);
    return client.request(request.method, request.path, request.body, request.headers);
  }

  function expectRefusedProperly(request: BadRequest, response: HttpResult, readsMaySucceed: boolean): void {
    const what = `${request.method} ${request.path.slice(0, 200)} -> ${response.status} ${JSON.stringify(response.body)?.slice(0, 500)}`;
    const undocumented = documented.mismatch({ method: request.method, url: client.baseUrl + request.path, status: response.status, contentType: response.headers.get('content-type'), headers: Object.fromEntries(response.headers), body: response.body });
    if (undocumented) throw new Error(`not as the OpenAPI document says (${undocumented}): ${what}`);
    if (readsMaySucceed && response.status === 200) {
      expect(response.headers.get('content-type')).toMatch(/^application\/json\b/);
      return;
    }
    if (response.status < 400 || response.status > 499) throw new Error(`expected a 4xx problem: ${what}`);
    if (!response.headers.get('content-type')?.startsWith('application/problem+json')) throw new Error(`not problem+json: ${what}`);
    expect(response.body).toEqual(
      expect.objectContaining({ type: expect.any(String), title: expect.any(String), status: response.status, detail: expect.any(String), code: expect.stringMatching(/^[A-Z][A-Z0-9_]+$/) }),
    );
    expectNoInternals(response.body);
  }

  it('refuses every bad write with a 4xx problem and writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(badWrite(), async (request) => {
        expectRefusedProperly(request, await send(request), false);
      }),
      { numRuns: 300 },
    );
    expect(await snapshot()).toEqual(before);
  });

  it('answers every bad read with 200 or a 4xx problem', async () => {
    await fc.assert(
      fc.asyncProperty(badRead(), async (request) => {
        expectRefusedProperly(request, await send(request), true);
      }),
      { numRuns: 200 },
    );
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a valid request with a random, unknown id (404/422), writing nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uuid({ version: 4 }), async (unknown) => {
        for (const request of [
          { method: 'POST', path: `/api/v1/accounts/${unknown}/deposits`, body: { amountCents: 10 }, headers: { ...admin(), 'idempotency-key': randomUUID() } },
          { method: 'POST', path: '/api/v1/orders', body: { customerId: unknown, items: [{ sku: 'a', quantity: 1, unitPriceCents: 1 }] }, headers: admin() },
          { method: 'POST', path: `/api/v1/orders/${unknown}/cancel`, headers: admin() },
          { method: 'DELETE', path: `/api/v1/customers/${unknown}`, headers: admin() },
          { method: 'POST', path: `/api/v1/admin/dead-letters/${unknown}/replay`, headers: admin() },
        ]) {
          expectRefusedProperly(request, await send(request), false);
        }
      }),
      { numRuns: 15 },
    );
    expect(await snapshot()).toEqual(before);
  });
});
