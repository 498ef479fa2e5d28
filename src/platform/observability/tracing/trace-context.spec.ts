import { context, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { extractTraceContext, injectTraceContext } from './trace-context';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const SPAN_ID = 'b7ad6b7169203331';

describe('trace context on the wire', () => {
  const parent = trace.setSpanContext(ROOT_CONTEXT, { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.SAMPLED, isRemote: false });

  it('writes a W3C traceparent for a context with a span', () => {
    expect(injectTraceContext(parent)).toEqual({ traceparent: `00-${TRACE_ID}-${SPAN_ID}-01` });
  });

  it('writes nothing for a context without one', () => {
    expect(injectTraceContext(ROOT_CONTEXT)).toEqual({});
    expect(injectTraceContext()).toEqual({});
  });

  it('reads back what it wrote, as a remote parent', () => {
    const span = trace.getSpanContext(extractTraceContext(injectTraceContext(parent)));
    expect(span).toEqual({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.SAMPLED, isRemote: true });
  });

  it('keeps tracestate along with traceparent', () => {
    const carrier = { traceparent: `00-${TRACE_ID}-${SPAN_ID}-01`, tracestate: 'vendor=value' };
    expect(injectTraceContext(extractTraceContext(carrier))).toEqual(carrier);
  });

  it.each([
    ['no carrier', undefined],
    ['a carrier that is not an object', 'traceparent'],
    ['no traceparent', { other: 'header' }],
    ['a malformed traceparent', { traceparent: '00-not-a-trace-01' }],
    ['an all-zero trace id', { traceparent: `00-${'0'.repeat(32)}-${SPAN_ID}-01` }],
    ['a traceparent that is not a string', { traceparent: 42 }],
  ])('starts a new trace from %s instead of failing', (_case, carrier) => {
    expect(trace.getSpanContext(extractTraceContext(carrier))).toBeUndefined();
  });

  it('ignores the active context when extracting: a message is parented by what it carries only', () => {
    context.with(parent, () => expect(trace.getSpanContext(extractTraceContext({}))).toBeUndefined());
  });
});
