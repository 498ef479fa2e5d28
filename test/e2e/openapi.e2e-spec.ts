import { HttpClient } from '../support/http-client';
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
  ['post', '/api/v1/orders/{id}/cancel'],
  ['get', '/api/v1/admin/dead-letters'],
  ['post', '/api/v1/admin/dead-letters/{id}/replay'],
  ['get', '/health/live'],
  ['get', '/health/ready'],
  ['get', '/health/dependencies'],
  ['get', '/metrics'],
];

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

  it('serves the UI at /docs without a token', async () => {
    const response = await api.get('/docs');
    expect(response.status).toBe(200);
    expect(String(response.body)).toContain('swagger-ui');
  });
});
