import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../module-kit/security/decorators';
import { Activity, ActivityView } from './activity';
import { ActivityQuery } from './activity.query';
import { Topology, TopologyView } from './topology';

/**
 * The JSON the page draws: the topology as this process sees it, and what every process of the shop is doing.
 * Public, like the page: names, ids, amounts, counts and states, nothing a token protects. What needs a token
 * (the trace of a request, the dead letters) the page asks for with the token the user gives it.
 */
@Public()
@ApiExcludeController()
@Controller('dashboard/api')
export class DashboardController {
  constructor(
    private readonly topology: Topology,
    private readonly activity: Activity,
  ) {}

  @Get('topology')
  @Header('Cache-Control', 'no-store')
  topologyView(): Promise<TopologyView> {
    return this.topology.view();
  }

  /** `?since=` (epoch ms): only the messages seen after it, so that a page that polls gets each once or twice. */
  @Get('activity')
  @Header('Cache-Control', 'no-store')
  activityView(@Query() query: ActivityQuery): Promise<ActivityView> {
    return this.activity.view(query.since ?? 0);
  }
}
