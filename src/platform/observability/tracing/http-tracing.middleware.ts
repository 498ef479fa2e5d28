import { context as contexts, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { NextFunction, Request, Response } from 'express';
import { extractTraceContext } from './trace-context';
import { Tracing } from './tracing';

/** The response header that tells a client which trace its request started (to look it up afterwards). */
export const TRACE_ID_HEADER = 'trace-id';

/**
 * One server span per HTTP request, active for everything the request runs (so logs and module calls join
 * it), named by its route once routing has found one. A caller's `traceparent` is continued.
 */
export function httpTracing(tracing: Tracing) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const parent = extractTraceContext(request.headers);
    const span = tracing.tracer.startSpan(
      request.method,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'url.path': request.path } },
      parent,
    );
    response.setHeader(TRACE_ID_HEADER, span.spanContext().traceId);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      const route = (request.route?.path as string | undefined) ?? 'unmatched';
      span.updateName(`${request.method} ${route}`);
      span.setAttributes({ 'http.route': route, 'http.response.status_code': response.statusCode });
      if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    response.once('finish', end);
    // A client that goes away before the answer still ends the span.
    response.once('close', end);
    contexts.with(trace.setSpan(parent, span), next);
  };
}
