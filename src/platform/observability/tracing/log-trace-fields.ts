import { isSpanContextValid, trace } from '@opentelemetry/api';

/**
 * A pino `mixin`: every log line written while a span is active carries its trace and span id, so the
 * lines of one request can be found in every process it touched.
 */
export function logTraceFields(): { traceId?: string; spanId?: string } {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return isSpanContextValid(span.spanContext()) ? { traceId, spanId } : {};
}
