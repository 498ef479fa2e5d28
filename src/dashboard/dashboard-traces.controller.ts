import { BadRequestException, Controller, Get, Header, NotFoundException, Optional, Param } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Actor, assertAdmin } from '../module-kit/security/actor';
import { CurrentActor } from '../module-kit/security/decorators';
import { SpanView } from '../platform/observability/tracing/recent-spans';
import { TraceCollector } from '../platform/observability/tracing/trace-collector';

const TRACE_ID = /^[0-9a-f]{32}$/;

/**
 * The spans of one trace, from every process, for the dashboard's timeline. Unlike the rest of the
 * dashboard it needs an admin token: span attributes name routes and ids of any customer.
 */
@ApiExcludeController()
@Controller('dashboard/api/traces')
export class DashboardTracesController {
  constructor(@Optional() private readonly collector?: TraceCollector) {}

  @Get(':traceId')
  @Header('Cache-Control', 'no-store')
  async trace(@CurrentActor() actor: Actor, @Param('traceId') traceId: string): Promise<{ traceId: string; spans: SpanView[] }> {
    assertAdmin(actor);
    if (!TRACE_ID.test(traceId)) throw new BadRequestException('A trace id is 32 lowercase hex digits, as in the trace-id response header.');
    if (!this.collector) throw new NotFoundException('Tracing is not enabled in this process.');
    return { traceId, spans: await this.collector.collect(traceId) };
  }
}
