import { HttpClient } from '../support/http-client';
import { OpenApiConformance } from '../support/openapi-conformance';
import { RecordedResponse } from '../support/shop-api';
import { RunningShop, startShop } from '../support/running-shop';
import { TOPOLOGIES } from '../support/topologies';

// The routes of the public contract, as method and OpenAPI path.
const CONTRACT: Array<[string, string]> = [
  ['post', '/api/v1/customers'],
  ['get', '/api/v1/customers'],
  ['get', '/api/v1/customers/{id}'],
  ['patch', '/api/v1/customers/{id}'],
  ['delete', '/api/v1/customers/{id}'],
  ['get', '/api/v1/customers/{id}/overview'],
  ['post', '/api/v1/accounts/{customerId}/deposits'],
  ['get', '/api/v1/accounts/{customerId}'],
  ['get', '/api/v1/accounts/{customerId}/events'],
  ['get', '/api/v1/payments'],
  ['post', '/api/v1/orders'],
  ['get', '/api/v1/orders'],
  ['get', '/api/v1/orders/{id}'],
  ['get', '/api/v1/orders/{id}/saga'],
  ['get', '/api/v1/orders/{id}/summary'],
  ['post', '/api/v1/orders/{id}/cancel'],
  ['get', '/api/v1/admin/dead-letters'],
  ['post', '/api/v1/admin/dead-letters/{id}/replay'],
  ['get', '/health/live'],
  ['get', '/health/ready'],
  ['get', '/health/dependencies'],
  ['get', '/metrics'],
];

// What the contract makes public: no token needed.
const PUBLIC = ['post /api/v1/customers', 'get /health/live', 'get /health/ready', 'get /health/dependencies', 'get /metrics'];

// The POSTs that take an Idempotency-Key.
const IDEMPOTENT = ['post /api/v1/accounts/{customerId}/deposits', 'post /api/v1/orders'];

type Operation = { security?: unknown[]; parameters?: Array<{ in: string; name: string }>; responses: Record<string, { content?: Record<string, unknown> }> };

function operationsOf(document: { paths: Record<string, Record<string, Operation>> }): Array<[string, Operation]> {
  return Object.entries(document.paths).flatMap(([path, operations]) => Object.entries(operations).map(([method, operation]): [string, Operation] => [`${method} ${path}`, operation]));
}

// The document describes the whole API whatever the process hosts: checked on a process hosting one module.
describe('OpenAPI', () => {
  let shop: RunningShop;
  let api: HttpClient;

  beforeAll(async () => {
    shop = await startShop(TOPOLOGIES.find((t) => t.name === 'payments out')!);
    api = new HttpClient(shop.urls[1]);
  });
  afterAll(() => shop?.stop());

  it('serves a document at /docs-json with every route of the contract, and nothing else', async () => {
    const response = await api.get('/docs-json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toMatch(/^3\./);
    const documented = Object.entries(response.body.paths as Record<string, object>).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => [method, path]),
    );
    expect(documented.sort()).toEqual([...CONTRACT].sort());
    expect(response.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('describes the request bodies with their limits', async () => {
    const { schemas } = (await api.get('/docs-json')).body.components;
    expect(schemas.PlaceOrderBody.properties.items).toMatchObject({ minItems: 1, maxItems: 100 });
    expect(schemas.OrderItemBody.properties.quantity).toMatchObject({ type: 'integer', minimum: 1, maximum: 1000 });
    expect(schemas.DepositBody.properties.amountCents).toMatchObject({ minimum: 1, maximum: 1_000_000_000 });
    expect(schemas.RegisterCustomerBody.required).toEqual(expect.arrayContaining(['name', 'email']));
  });

  it('describes every answer: a schema for each success, problem+json with codes for each error', async () => {
    const document = (await api.get('/docs-json')).body;
    expect(document.components.schemas.Problem.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail', 'code']));
    for (const [name, operation] of operationsOf(document)) {
      for (const [status, response] of Object.entries(operation.responses)) {
        // The readiness probe's 503 is its report, in the format load balancers and orchestrators read.
        const problem = Number(status) >= 400 && !(name === 'get /health/ready' && status === '503');
        const expected = problem ? ['application/problem+json'] : status === '204' ? [] : undefined;
        if (expected) expect([name, status, Object.keys(response.content ?? {})]).toEqual([name, status, expected]);
        else expect([name, status, Object.keys(response.content ?? {}).length]).toEqual([name, status, 1]);
      }
      if (name.includes(' /api/')) expect([name, Object.keys(operation.responses)]).toEqual([name, expect.arrayContaining(['400', '429', '503'])]);
    }
    const signUp = document.paths['/api/v1/customers'].post.responses;
    expect(signUp['409'].content['application/problem+json'].schema.allOf[1].properties.code.enum).toEqual(['CUSTOMER_EMAIL_TAKEN']);
    expect(document.paths['/api/v1/orders'].post.responses['503'].headers['Retry-After']).toBeDefined();
  });

  it('needs a token for every route but the public ones, and lists the Idempotency-Key where it is taken', async () => {
    const document = (await api.get('/docs-json')).body;
    expect(document.security).toEqual([{ bearer: [] }]);
    for (const [name, operation] of operationsOf(document)) {
      const isPublic = PUBLIC.includes(name);
      expect([name, operation.security]).toEqual([name, isPublic ? [] : undefined]);
      expect([name, '401' in operation.responses]).toEqual([name, !isPublic && name.includes(' /api/')]);
      const takesKey = (operation.parameters ?? []).some((p) => p.in === 'header' && p.name === 'Idempotency-Key');
      expect([name, takesKey]).toEqual([name, IDEMPOTENT.includes(name)]);
    }
  });

  it('refuses unknown fields in request bodies, as the API does', async () => {
    const { schemas } = (await api.get('/docs-json')).body.components;
    for (const body of ['RegisterCustomerBody', 'UpdateCustomerBody', 'PlaceOrderBody', 'OrderItemBody', 'DepositBody']) {
      expect([body, schemas[body].additionalProperties]).toEqual([body, false]);
    }
  });

  it('catches an answer that drifts from the document', async () => {
    const conformance = await OpenApiConformance.served(shop.urls[1]);
    const customer = { id: '0b9c7a43-25f2-4f3a-9a6e-0f1b2c3d4e5f', name: 'Ada', email: 'ada@example.com', createdAt: '2026-11-30T10:00:00.000Z' };
    const problem = { type: 'https://httpstatuses.io/404', title: 'Not Found', status: 404, detail: 'Customer x does not exist.', code: 'CUSTOMER_NOT_FOUND' };
    const answer = (status: number, body: unknown, contentType = 'application/json; charset=utf-8', path = `/api/v1/customers/${customer.id}`): RecordedResponse => ({
      method: 'GET',
      url: `${shop.urls[1]}${path}`,
      status,
      contentType,
      body,
    });
    expect(conformance.mismatch(answer(200, customer))).toBeUndefined();
    expect(conformance.mismatch(answer(404, problem, 'application/problem+json; charset=utf-8'))).toBeUndefined();

    expect(conformance.mismatch(answer(200, { ...customer, createdAt: undefined }))).toMatch(/does not match/);
    expect(conformance.mismatch(answer(200, { ...customer, id: 42 }))).toMatch(/does not match/);
    expect(conformance.mismatch(answer(200, { ...customer, id: 'not-a-uuid' }))).toMatch(/does not match/);
    expect(conformance.mismatch(answer(200, { ...customer, nickname: 'an undocumented field' }))).toMatch(/does not match/);
    expect(conformance.mismatch(answer(409, { ...problem, status: 409, code: 'CUSTOMER_EMAIL_TAKEN' }, 'application/problem+json'))).toMatch(/status 409 is not documented/);
    expect(conformance.mismatch(answer(404, { ...problem, code: 'ORDER_NOT_FOUND' }, 'application/problem+json'))).toMatch(/does not match/);
    expect(conformance.mismatch(answer(404, problem, 'application/json'))).toMatch(/content type application\/json is not documented/);
    expect(conformance.mismatch(answer(200, customer, 'application/json', '/api/v1/nothing-here'))).toMatch(/no documented operation/);
    const unavailable = { ...problem, status: 503, code: 'MODULE_UNAVAILABLE' };
    expect(conformance.mismatch({ ...answer(503, unavailable, 'application/problem+json'), headers: { 'retry-after': '1' } })).toBeUndefined();
    expect(conformance.mismatch({ ...answer(503, unavailable, 'application/problem+json'), headers: {} })).toMatch(/header Retry-After is missing/);
  });

  it('serves the UI at /docs without a token', async () => {
    const response = await api.get('/docs');
    expect(response.status).toBe(200);
    expect(String(response.body)).toContain('swagger-ui');
  });
});
