import { Injectable } from '@nestjs/common';
import { ModuleClients } from '../../transport/module-clients';
import { byStart, RecentSpans, SpanView } from './recent-spans';

const TRACE_ID = /^[0-9a-f]{32}$/;

/**
 * One trace as every process of the shop recorded it: this process's spans and those of each process that
 * hosts a module reached over the transport. A process that is down leaves a gap in the trace.
 */
@Injectable()
export class TraceCollector {
  constructor(
    private readonly recent: RecentSpans,
    private readonly clients: ModuleClients,
  ) {}

  async collect(traceId: string): Promise<SpanView[]> {
    if (!TRACE_ID.test(traceId)) return [];
    const spans = new Map<string, SpanView>(this.recent.forTrace(traceId).map((span) => [span.spanId, span]));
    const { answers } = await this.clients.askEachProcess((client) => client.spans(traceId));
    for (const answer of answers) for (const span of answer.spans) spans.set(span.spanId, span);
    return [...spans.values()].sort(byStart);
  }
}
