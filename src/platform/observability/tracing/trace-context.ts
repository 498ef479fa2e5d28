import { Context, defaultTextMapGetter, defaultTextMapSetter, ROOT_CONTEXT, context as contexts } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

/** W3C trace context (`traceparent`, `tracestate`) as plain strings, the way it travels in a payload or a row. */
export type TraceCarrier = Record<string, string>;

// Used directly rather than through the global propagator: what goes on the wire does not depend on
// whether (or in which order) a process registered one.
const w3c = new W3CTraceContextPropagator();

/** The trace context of `context` (the active one by default) to put in an RPC payload or an outbox row. */
export function injectTraceContext(context: Context = contexts.active()): TraceCarrier {
  const carrier: TraceCarrier = {};
  w3c.inject(context, carrier, defaultTextMapSetter);
  return carrier;
}

/**
 * The remote parent found in a carrier that came from the wire: a root context when there is none or it
 * is malformed, so a bad header starts a new trace instead of failing the call.
 */
export function extractTraceContext(carrier: unknown): Context {
  if (typeof carrier !== 'object' || carrier === null) return ROOT_CONTEXT;
  const strings: TraceCarrier = {};
  for (const key of w3c.fields()) {
    const value = (carrier as Record<string, unknown>)[key];
    if (typeof value === 'string') strings[key] = value;
  }
  return w3c.extract(ROOT_CONTEXT, strings, defaultTextMapGetter);
}
