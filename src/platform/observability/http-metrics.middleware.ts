import { NextFunction, Request, Response } from 'express';
import { Metrics } from './metrics';

/** Counts and times every HTTP answer by its route pattern (never the raw URL, which would explode the labels). */
export function httpMetrics(metrics: Metrics) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const route = (request.route?.path as string | undefined) ?? 'unmatched';
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.httpRequests.inc({ method: request.method, route, status: String(response.statusCode) });
      metrics.httpDuration.observe({ method: request.method, route }, seconds);
    });
    next();
  };
}
