import { createServer, IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SpanView } from '../../src/platform/observability/tracing/recent-spans';
import { eventually, HttpClient } from '../support/http-client';
import { startShop, RunningShop } from '../support/running-shop';
import { itemsCosting, SETTLE_TIMEOUT_MS, ShopApi } from '../support/shop-api';
import { selectedTopologies, TOPOLOGIES } from '../support/topologies';

// The monolith and the most split topology, unless E2E_TOPOLOGIES asks for others.
const topologies = process.env.E2E_TOPOLOGIES ? selectedTopologies() : TOPOLOGIES.filter((t) => t.name === 'monolith' || t.name === 'all apart');

interface LogLine {
  traceId?: string;
  spanId?: string;
  msg?: string;
  req?: unknown;
  res?: { statusCode?: number };
}

function parseLine(line: string): LogLine {
  try {
    return JSON.parse(line) as LogLine;
  } catch {
    return { msg: line };
  }
}

async function traceOf(client: HttpClient, traceId: string): Promise<SpanView[]> {
  const response = await client.get<{ spans: SpanView[] }>(`/dashboard/api/traces/${traceId}`);
  expect(response.status).toBe(200);
  return response.body.spans;
}

function only(spans: SpanView[], name: string, process?: string): SpanView {
  const found = spans.filter((span) => span.name === name && (process === undefined || span.process === process));
  if (found.length !== 1) throw new Error(`expected one span ${name}${process ? ` in ${process}` : ''}, found ${found.length}: ${spans.map((s) => `${s.process}:${s.name}`).join(', ')}`);
  return found[0];
}

/** Whether `ancestor` is `span` or one of its ancestors. */
function descendsFrom(spans: SpanView[], span: SpanView, ancestor: SpanView): boolean {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  for (let at: SpanView | undefined = span; at; at = at.parentSpanId ? byId.get(at.parentSpanId) : undefined) {
    if (at.spanId === ancestor.spanId) return true;
  }
  return false;
}

// One list for every shop of this file: apps started in one Node process share nestjs-pino's logger for
// lines written outside an HTTP request (the first app's), so a line may arrive through another shop's
// stream. Each order's trace id keeps its lines apart.
const logs: LogLine[] = [];

describe.each(topologies)('tracing and logs of a placed order ($name)', (topology) => {
  let shop: RunningShop;
  let api: ShopApi;
  // Where each module lives in this topology, as a span's `process` names it.
  const processOf = (module: string) => topology.processes.find((modules) => modules.includes(module as never))!.join('+');
  const split = topology.processes.length > 1;
  // Placing an order calls the orders port from the process that took the request, and orders calls the
  // customers port: calls that cross processes unless both modules live with the gateway (monolith, payments out).
  const callsAcrossProcesses = processOf('orders') !== topology.processes[0].join('+') || processOf('customers') !== processOf('orders');

  beforeAll(async () => {
    shop = await startShop(topology, { ...process.env, LOG_LEVEL: 'debug' }, { onLogLine: (line) => logs.push(parseLine(line)) });
    api = new ShopApi(shop.urls, shop.adminHeaders);
  });
  afterAll(() => shop?.stop());

  let traceId: string;
  let spans: SpanView[];

  beforeAll(async () => {
    const customer = await api.fundedCustomer(10_000);
    const placed = await api.first.post('/api/v1/orders', { customerId: customer.id, items: itemsCosting(500) });
    expect(placed.status).toBe(202);
    traceId = placed.headers.get('trace-id')!;
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect((await api.settledOrder(placed.body.id)).status).toBe('CONFIRMED');
    // The last handler's span ends just after the order is confirmed.
    spans = await eventually(
      () => traceOf(api.first, traceId),
      (found) => found.some((span) => span.name === 'handle payments.PaymentCaptured'),
      SETTLE_TIMEOUT_MS,
    );
  });

  it('answers every request with the id of its trace', async () => {
    const response = await api.last.get('/api/v1/orders?limit=1');
    expect(response.headers.get('trace-id')).toMatch(/^[0-9a-f]{32}$/);
    expect(response.headers.get('trace-id')).not.toBe(traceId);
  });

  it('records one trace, from the HTTP request to the last saga handler, with every parent in it', () => {
    expect(spans.every((span) => span.traceId === traceId)).toBe(true);
    const roots = spans.filter((span) => !span.parentSpanId);
    expect(roots.map((span) => span.name)).toEqual(['POST /api/v1/orders']);
    const ids = new Set(spans.map((span) => span.spanId));
    expect(spans.filter((span) => span.parentSpanId && !ids.has(span.parentSpanId))).toEqual([]);
    if (split) expect(new Set(spans.map((span) => span.process)).size).toBeGreaterThan(1);
  });

  it('gives the same whole trace from every process, each span once', async () => {
    const expected = spans.map((span) => span.spanId).sort();
    for (const client of api.clients) {
      const ids = (await traceOf(client, traceId)).map((span) => span.spanId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.filter((id) => expected.includes(id)).sort()).toEqual(expected);
    }
  });

  it('has a server span for the request, named by its route, with its status', () => {
    const http = only(spans, 'POST /api/v1/orders');
    expect(http).toEqual(expect.objectContaining({ kind: 'server', process: topology.processes[0].join('+'), status: 'ok' }));
    expect(http.attributes).toEqual(expect.objectContaining({ 'http.route': '/api/v1/orders', 'http.response.status_code': 202 }));
  });

  it('has a client span for each call through a port, and a server span where a remote module answered it', () => {
    const http = only(spans, 'POST /api/v1/orders');
    // The HTTP controller places the order through the orders port, wherever the module is.
    const place = spans.filter((span) => span.name === 'orders.place' && span.kind === 'client' && span.parentSpanId === http.spanId);
    expect(place).toHaveLength(1);
    expect(place[0].attributes['shop.call.mode']).toBe(processOf('orders') === http.process ? 'local' : 'remote');
    const remoteCalls = spans.filter((span) => span.kind === 'client' && span.attributes['shop.call.mode'] === 'remote');
    if (!callsAcrossProcesses) expect(remoteCalls).toEqual([]);
    for (const call of remoteCalls) {
      const served = spans.filter((span) => span.kind === 'server' && span.parentSpanId === call.spanId);
      expect(served).toEqual([expect.objectContaining({ name: call.name, process: processOf(String(call.attributes['rpc.service'])) })]);
    }
    if (callsAcrossProcesses) expect(remoteCalls.length).toBeGreaterThan(0);
  });

  it('follows the saga through the outbox: each handler is a consumer span under the producer span of its message', () => {
    const http = only(spans, 'POST /api/v1/orders');
    const requested = only(spans, 'publish payments.RequestPayment', processOf('orders'));
    const paying = only(spans, 'handle payments.RequestPayment', processOf('payments'));
    const captured = only(spans, 'publish payments.PaymentCaptured', processOf('payments'));
    const confirming = only(spans, 'handle payments.PaymentCaptured', processOf('orders'));

    expect(requested.kind).toBe('producer');
    expect(descendsFrom(spans, requested, http)).toBe(true);
    expect(paying).toEqual(expect.objectContaining({ kind: 'consumer', parentSpanId: requested.spanId }));
    expect(captured.kind).toBe('producer');
    expect(descendsFrom(spans, captured, paying)).toBe(true);
    expect(confirming).toEqual(expect.objectContaining({ kind: 'consumer', parentSpanId: captured.spanId }));
    // The order's own event reaches its read model the same way.
    expect(only(spans, 'handle orders.OrderPlaced').parentSpanId).toBe(only(spans, 'publish orders.OrderPlaced').spanId);
  });

  it('writes the trace id on every log line about the request: the request log, remote calls and event handlers', async () => {
    const mine = await eventually(
      async () => logs.filter((line) => line.traceId === traceId),
      (lines) => lines.some((line) => line.msg?.includes('handled payments.PaymentCaptured')),
    );
    const spanIds = new Set((await traceOf(api.first, traceId)).map((span) => span.spanId));
    expect(mine.every((line) => line.spanId && spanIds.has(line.spanId))).toBe(true);
    expect(mine.filter((line) => line.msg === 'request completed' && line.res?.statusCode === 202)).toHaveLength(1);
    expect(mine.some((line) => line.msg?.includes('handled payments.RequestPayment'))).toBe(true);
    if (callsAcrossProcesses) expect(mine.some((line) => /^serving \w+\.\w+ for another process$/.test(line.msg ?? ''))).toBe(true);
  });
});

describe('export over OTLP/HTTP', () => {
  it('sends the spans to OTEL_EXPORTER_OTLP_ENDPOINT under OTEL_SERVICE_NAME, at the latest when the process stops', async () => {
    // A stand-in for an OpenTelemetry collector: the one edge of this test that is not the real thing.
    const received: Array<{ url?: string; body: string }> = [];
    const collector = createServer((request: IncomingMessage, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ url: request.url, body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((listening) => collector.listen(0, '127.0.0.1', listening));
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    const monolith = TOPOLOGIES.find((t) => t.name === 'monolith')!;
    const shop = await startShop(monolith, { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SERVICE_NAME: 'shop-under-test' });
    let traceId: string | null;
    try {
      traceId = (await new ShopApi(shop.urls, shop.adminHeaders).first.get('/api/v1/orders?limit=1')).headers.get('trace-id');
    } finally {
      // Stopping flushes what the exporter still holds in its batch.
      await shop.stop();
      collector.close();
    }
    const exported = received.filter((request) => request.url === '/v1/traces').map((request) => request.body);
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(exported.some((body) => body.includes('shop-under-test') && body.includes(traceId!))).toBe(true);
  });
});
