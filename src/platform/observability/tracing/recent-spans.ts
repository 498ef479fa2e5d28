import { Injectable } from '@nestjs/common';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { hrTimeToMilliseconds } from '@opentelemetry/core';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Ring } from '../ring';

/** One ended span, as plain data that can cross the transport and be drawn by the dashboard. */
export interface SpanView {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** server, client, producer, consumer or internal. */
  kind: string;
  /** The modules of the process that recorded it, e.g. "customers+orders+payments". */
  process: string;
  startEpochMs: number;
  durationMs: number;
  status: 'ok' | 'error';
  attributes: Record<string, string | number | boolean>;
}

const DEFAULT_CAPACITY = 5000;

/**
 * The last ended spans of this process, kept in memory so a trace can be looked at without any tracing
 * backend (the dashboard, the tests). A ring buffer: old spans are dropped, memory stays bounded.
 */
@Injectable()
export class RecentSpans implements SpanProcessor {
  private readonly ring: Ring<SpanView>;

  constructor(
    readonly process: string,
    capacity = DEFAULT_CAPACITY,
  ) {
    this.ring = new Ring(capacity);
  }

  /** The trace's spans in the order they started; of two started in the same millisecond, the longer (the parent, usually) first. */
  forTrace(traceId: string): SpanView[] {
    return this.ring
      .values()
      .filter((span) => span.traceId === traceId)
      .sort(byStart);
  }

  onStart(): void {
    // Only ended spans are kept: they are the ones with a duration and a status.
  }

  onEnd(span: ReadableSpan): void {
    this.ring.add(toView(span, this.process));
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

export function byStart(a: SpanView, b: SpanView): number {
  return a.startEpochMs - b.startEpochMs || b.durationMs - a.durationMs;
}

function toView(span: ReadableSpan, process: string): SpanView {
  const context = span.spanContext();
  const attributes: SpanView['attributes'] = {};
  for (const [key, value] of Object.entries(span.attributes)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') attributes[key] = value;
  }
  return {
    traceId: context.traceId,
    spanId: context.spanId,
    ...(span.parentSpanContext ? { parentSpanId: span.parentSpanContext.spanId } : {}),
    name: span.name,
    kind: SpanKind[span.kind].toLowerCase(),
    process,
    startEpochMs: hrTimeToMilliseconds(span.startTime),
    durationMs: hrTimeToMilliseconds(span.duration),
    status: span.status.code === SpanStatusCode.ERROR ? 'error' : 'ok',
    attributes,
  };
}
