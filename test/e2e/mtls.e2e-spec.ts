import { connect, TLSSocket } from 'node:tls';
import { randomUUID } from 'node:crypto';
import { eventually, HttpClient } from '../support/http-client';
import { RunningShop, startShop } from '../support/running-shop';
import { CertificateFiles, TestCertificates } from '../support/test-certificates';
import { TOPOLOGIES } from '../support/topologies';

interface Exchange {
  /** What the server sent back before the connection ended. */
  received: string;
  /** The TLS error the client saw, if any (an alert from the server that refused it). */
  error?: string;
}

/** Dials a module's TCP port as a raw TLS client, sends one ping in Nest's framing and reports what came back. */
function ping(address: string, namespace: string, certificate: Partial<CertificateFiles>, certs: TestCertificates): Promise<Exchange> {
  const [host, port] = address.split(':');
  const socket: TLSSocket = connect({
    host,
    port: Number(port),
    ca: certs.read(certificate.ca!),
    ...(certificate.cert ? { cert: certs.read(certificate.cert), key: certs.read(certificate.key!) } : {}),
  });
  return new Promise((done) => {
    const exchange: Exchange = { received: '' };
    socket.on('secureConnect', () => {
      const message = JSON.stringify({ pattern: `${namespace}.payments.ping`, data: {}, id: randomUUID() });
      socket.write(`${message.length}#${message}`);
    });
    socket.on('data', (chunk: Buffer) => {
      exchange.received += chunk.toString();
      if (exchange.received.includes('"isDisposed":true')) socket.end();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => (exchange.error = error.code ?? error.message));
    socket.on('close', () => done(exchange));
  });
}

// Module-to-module TCP with TCP_TLS_*: only a process holding a certificate from the shop's CA gets in.
describe('TCP transport over mutual TLS', () => {
  const certs = new TestCertificates();
  let service: CertificateFiles;
  let shop: RunningShop;
  let api: HttpClient;

  beforeAll(async () => {
    certs.authority('shop-ca');
    service = certs.issue('shop-service', 'shop-ca');
    const topology = TOPOLOGIES.find((t) => t.name === 'payments out')!;
    shop = await startShop(topology, { ...process.env, TRANSPORT: 'tcp', TCP_TLS_CERT: service.cert, TCP_TLS_KEY: service.key, TCP_TLS_CA: service.ca });
    api = new HttpClient(shop.urls[0], shop.adminHeaders);
  });
  afterAll(async () => {
    await shop?.stop();
    certs.remove();
  });

  it('places and confirms an order across the two processes', async () => {
    const customer = await api.post('/api/v1/customers', { name: 'Ada', email: `ada-${randomUUID()}@example.com` });
    expect(customer.status).toBe(201);
    expect((await api.post(`/api/v1/accounts/${customer.body.id}/deposits`, { amountCents: 900 })).status).toBe(201);
    const order = await api.post('/api/v1/orders', { customerId: customer.body.id, items: [{ sku: 'mug', quantity: 1, unitPriceCents: 600 }] });
    expect(order.status).toBe(202);
    const settled = await eventually(() => api.get(`/api/v1/orders/${order.body.id}`), (r) => r.body.status !== 'PENDING', 30_000);
    expect(settled.body.status).toBe('CONFIRMED');
    expect((await api.get(`/api/v1/accounts/${customer.body.id}`)).body.balanceCents).toBe(300);
  });

  it("answers a client that shows a certificate from the shop's CA", async () => {
    const exchange = await ping(shop.envs[1].PAYMENTS_TCP, shop.envs[1].TRANSPORT_NAMESPACE, service, certs);
    expect(exchange.error).toBeUndefined();
    expect(exchange.received).toContain('"isDisposed":true');
  });

  it('refuses a client without a certificate', async () => {
    const exchange = await ping(shop.envs[1].PAYMENTS_TCP, shop.envs[1].TRANSPORT_NAMESPACE, { ca: service.ca }, certs);
    // The server ends the handshake, with a "certificate required" alert or by closing: either way, no answer.
    expect(exchange.received).toBe('');
    if (exchange.error !== undefined) expect(exchange.error).toMatch(/CERTIFICATE_REQUIRED|HANDSHAKE_FAILURE|ECONNRESET/);
  });

  it('refuses a client whose certificate another CA signed', async () => {
    certs.authority('other-ca');
    const stranger = certs.issue('stranger', 'other-ca');
    const exchange = await ping(shop.envs[1].PAYMENTS_TCP, shop.envs[1].TRANSPORT_NAMESPACE, { ...stranger, ca: service.ca }, certs);
    // The server ends the handshake, with an "unknown CA" alert or by closing: either way, no answer.
    expect(exchange.received).toBe('');
    if (exchange.error !== undefined) expect(exchange.error).toMatch(/UNKNOWN_CA|HANDSHAKE_FAILURE|ECONNRESET/);
  });
});
