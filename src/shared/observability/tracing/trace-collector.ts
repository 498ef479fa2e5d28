import { Injectable } from '@nestjs/common';
import { ModuleClients } from '../../transport/module-clients';
import { byStart, RecentSpans, SpanView } from './recent-spans';

const TRACE_ID = /^[0-9a-f]{32}$/;

/**
 * One trace as every process of the shop recorded it: this process's spans and those of each process that
 * hosts a module reached over the transport. A process hosting several modules is asked once.
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
    const asked = new Set<string>();
    for (const client of this.clients.all()) {
      if (asked.has(client.module)) continue;
      // A process that is down leaves a gap in the trace rather than failing the whole look-up.
      const answer = await client.spans(traceId).catch(() => undefined);
      if (!answer) continue;
      for (const module of answer.process.split('+')) asked.add(module);
      for (const span of answer.spans) spans.set(span.spanId, span);
    }
    return [...spans.values()].sort(byStart);
  }
}
