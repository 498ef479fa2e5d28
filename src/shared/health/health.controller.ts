import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { Response } from 'express';
import { Readiness } from './readiness';
import { Public } from '../security/decorators';

@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: Readiness) {}

  /** 200 while the process runs. */
  @Get('live')
  @HttpCode(200)
  live(): { status: 'up' } {
    return { status: 'up' };
  }

  /** 200 when every database and transport this process needs answers, else 503 with what is down. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response): Promise<object> {
    const report = await this.readiness.report();
    response.status(report.ready ? 200 : 503);
    return { status: report.ready ? 'up' : 'down', checks: report.checks };
  }
}
