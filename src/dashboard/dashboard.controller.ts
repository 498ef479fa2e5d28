import { Controller, Get, Header, MessageEvent, Sse } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Observable } from 'rxjs';
import { Public } from '../shared/security/decorators';
import { LiveEvents } from './live-events';
import { DASHBOARD_CSS } from './page/dashboard-css';
import { DASHBOARD_HTML } from './page/dashboard-html';
import { DASHBOARD_JS } from './page/dashboard-js';
import { Topology, TopologyView } from './topology';

/**
 * The dashboard: one static page (its script and style served beside it, as the Content-Security-Policy
 * allows scripts from this origin only), the topology and the live stream of messages. All public: they
 * show names, ids, amounts and states, nothing a token protects. The order form calls the real API with
 * the token the user types in.
 */
@Public()
@ApiExcludeController()
@Controller('dashboard')
export class DashboardController {
  constructor(
    private readonly topology: Topology,
    private readonly events: LiveEvents,
  ) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  page(): string {
    return DASHBOARD_HTML;
  }

  @Get('dashboard.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  script(): string {
    return DASHBOARD_JS;
  }

  @Get('dashboard.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  style(): string {
    return DASHBOARD_CSS;
  }

  @Get('api/topology')
  @Header('Cache-Control', 'no-store')
  topologyView(): Promise<TopologyView> {
    return this.topology.view();
  }

  /** text/event-stream: one `message` event per message delivered or handled in this process. */
  @Sse('events')
  stream(): Observable<MessageEvent> {
    return this.events.stream();
  }
}
