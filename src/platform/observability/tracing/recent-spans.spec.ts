import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { RecentSpans } from './recent-spans';

function tracerInto(recent: RecentSpans) {
  return new BasicTracerProvider({ spanProcessors: [recent] }).getTracer('test');
}

describe('RecentSpans', () => {
  it('keeps ended spans as plain views, grouped by trace, parents linked', () => {
    const recent = new RecentSpans('orders+payments');
    const tracer = tracerInto(recent);
    const root = tracer.startSpan('POST /api/v1/orders', { kind: SpanKind.SERVER, attributes: { 'http.response.status_code': 202, ignored: ['array'] } });
    const child = tracer.startSpan('customers.get', { kind: SpanKind.CLIENT }, trace.setSpan(ROOT_CONTEXT, root));
    child.setStatus({ code: SpanStatusCode.ERROR });
    child.end();
    root.end();
    tracer.startSpan('another trace').end();

    const spans = recent.forTrace(root.spanContext().traceId);

    expect(spans).toHaveLength(2);
    const [server, client] = ['POST /api/v1/orders', 'customers.get'].map((name) => spans.find((span) => span.name === name)!);
    expect(server).toEqual(expect.objectContaining({ kind: 'server', process: 'orders+payments', status: 'ok', attributes: { 'http.response.status_code': 202 } }));
    expect(server.parentSpanId).toBeUndefined();
    expect(server.durationMs).toBeGreaterThanOrEqual(client.durationMs);
    expect(client).toEqual(expect.objectContaining({ kind: 'client', parentSpanId: server.spanId, status: 'error' }));
  });

  it('forgets the oldest spans beyond its capacity', () => {
    const recent = new RecentSpans('orders', 3);
    const tracer = tracerInto(recent);
    const ids = Array.from({ length: 5 }, (_, i) => {
      const span = tracer.startSpan(`span ${i}`);
      span.end();
      return span.spanContext().traceId;
    });

    expect(ids.slice(0, 2).flatMap((id) => recent.forTrace(id))).toEqual([]);
    expect(ids.slice(2).flatMap((id) => recent.forTrace(id)).map((span) => span.name)).toEqual(['span 2', 'span 3', 'span 4']);
  });
});
