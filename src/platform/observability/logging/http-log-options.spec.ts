import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestLogLevel } from './http-log-options';

const request = (url: string) => ({ url }) as IncomingMessage;
const response = (statusCode: number) => ({ statusCode }) as ServerResponse;

describe('requestLogLevel', () => {
  it('keeps probes, scrapes, the dashboard and the docs out of the info log', () => {
    for (const url of ['/health/ready', '/health/live', '/metrics', '/dashboard', '/dashboard/api/topology', '/docs', '/docs-json']) {
      expect(requestLogLevel(request(url), response(200))).toBe('debug');
    }
    expect(requestLogLevel(request('/health/ready'), response(503))).toBe('debug');
  });

  it('logs API requests at info, refusals at warn and failures at error', () => {
    expect(requestLogLevel(request('/api/v1/orders'), response(202))).toBe('info');
    expect(requestLogLevel(request('/api/v1/orders/x'), response(404))).toBe('warn');
    expect(requestLogLevel(request('/api/v1/orders'), response(503))).toBe('warn');
    expect(requestLogLevel(request('/api/v1/orders'), response(500))).toBe('error');
    expect(requestLogLevel(request('/metricsfoo'), response(404))).toBe('warn');
  });
});
