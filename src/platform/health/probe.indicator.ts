import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { ReadinessCheck, withTimeout } from './readiness';

/**
 * A terminus health indicator over one of the process's readiness checks: a hosted module's database
 * (a ping query) or its own transport connection. A check that does not answer
 * in time counts as down, so that a hung dependency cannot hang the probe too.
 */
@Injectable()
export class ProbeIndicator {
  constructor(private readonly indicators: HealthIndicatorService) {}

  async check(key: string, probe: ReadinessCheck, timeoutMs = 1000): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    try {
      await withTimeout(probe(), timeoutMs);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
