import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { Response } from 'express';
import { ProbeIndicator } from './probe.indicator';
import { Readiness } from './readiness';
import { DependenciesReport, RemoteDependencies } from './remote-dependencies';
import { Public } from '../../module-kit/security/decorators';

/** Liveness never fails (it checks nothing): `ok`, or `starting` while the process waits for what it needs. */
const LIVENESS_SCHEMA = {
  type: 'object',
  required: ['status'],
  properties: {
    status: { type: 'string', enum: ['ok', 'starting'] },
    info: { type: 'object' },
    error: { type: 'object' },
    details: { type: 'object' },
  },
};

/** What /health/dependencies answers: see DependenciesReport. */
const DEPENDENCIES_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['status', 'modules', 'checkedAt'],
  properties: {
    status: { type: 'string', enum: ['ok', 'degraded'] },
    checkedAt: { type: 'string', format: 'date-time' },
    modules: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'via', 'status', 'breaker', 'roundTripMs', 'lastAnsweredAt'],
        properties: {
          name: { type: 'string' },
          via: { type: 'string' },
          status: { type: 'string', enum: ['up', 'down'] },
          breaker: { type: 'string', enum: ['closed', 'open', 'half-open', 'isolated'] },
          roundTripMs: { type: 'number', nullable: true },
          lastAnsweredAt: { type: 'string', format: 'date-time', nullable: true },
          detail: { type: 'string' },
        },
      },
    },
  },
};

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly readiness: Readiness,
    private readonly probes: ProbeIndicator,
    private readonly dependencies: RemoteDependencies,
  ) {}

  /** 200 while the process runs: it depends on nothing, so that a lost database never gets the process restarted. */
  @Get('live')
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOkResponse({ description: 'The process runs', schema: LIVENESS_SCHEMA })
  @ApiOperation({ summary: 'Liveness: 200 while the process runs', description: 'While the process starts, `status` is `starting`.' })
  live(@Res({ passthrough: true }) response: Response): Promise<HealthCheckResult> {
    return this.answer(response, []);
  }

  /**
   * 200 when what this process itself needs works: the database of each module it hosts and its own transport
   * connection (src/platform/transport/transport-connection.ts); else 503 with what is down. Modules hosted
   * elsewhere are not asked: one module's outage must not take every other process out of its load balancer.
   */
  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: 200 when what this process needs is usable, else 503' })
  ready(@Res({ passthrough: true }) response: Response): Promise<HealthCheckResult> {
    return this.answer(
      response,
      this.readiness.entries().map(([name, probe]) => () => this.probes.check(name, probe)),
    );
  }

  /**
   * Always 200: each module this process reaches over the transport, pinged now, with its circuit breaker's
   * state and the round trip of its last answered ping. For people and dashboards, never for a probe.
   */
  @Get('dependencies')
  @ApiOperation({
    summary: 'The modules this process reaches over the transport: state, circuit breaker, last round trip (always 200)',
    description: 'For people and dashboards, never for a probe: a module hosted elsewhere being down does not make this process unready.',
  })
  @ApiOkResponse({ description: 'Each module reached over the transport; an empty list in the monolith', schema: DEPENDENCIES_SCHEMA })
  dependenciesReport(): Promise<DependenciesReport> {
    return this.dependencies.report();
  }

  /** Terminus throws its 503; it is answered here with terminus's report rather than as a problem. */
  private async answer(response: Response, indicators: Parameters<HealthCheckService['check']>[0]): Promise<HealthCheckResult> {
    try {
      return await this.health.check(indicators);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      response.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }
}
