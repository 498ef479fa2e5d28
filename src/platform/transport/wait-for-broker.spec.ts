import { createServer } from 'node:net';
import { AppConfig } from '../../module-kit/config/app-config';
import { StartupError } from '../config/startup-error';
import { waitForBroker } from './wait-for-broker';

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const config = (transport: AppConfig['transport'], brokerUrl: string) => ({ transport, brokerUrl }) as AppConfig;

// Against a port nothing listens on: each client's own "not there" error, never a mock of it.
describe('waitForBroker', () => {
  it.each([
    ['nats', (port: number) => `nats://shop:s3cret@127.0.0.1:${port}`, 'CONNECTION_REFUSED'],
    ['rabbitmq', (port: number) => `amqp://shop:s3cret@127.0.0.1:${port}`, 'ECONNREFUSED'],
    ['redis', (port: number) => `redis://shop:s3cret@127.0.0.1:${port}`, 'ECONNREFUSED'],
  ] as const)('%s: tries again with growing delays while nothing listens, then stops with one redacted line', async (transport, url, reason) => {
    const port = await closedPort();
    const lines: string[] = [];
    const error = await waitForBroker(config(transport, url(port)), { timeoutMs: 300, initialDelayMs: 20, log: (line) => lines.push(line) }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StartupError);
    const where = `${transport} broker at ${url(port).replace('shop:s3cret', '***')}`;
    expect((error as Error).message).toContain(`the ${where} could not be reached within 300 ms (${reason})`);
    expect(lines[0]).toBe(`${where} not reachable (${reason}, attempt 1); next attempt in 20 ms`);
    expect(lines[1]).toContain('next attempt in 40 ms');
    expect([...lines, (error as Error).message].join('\n')).not.toContain('s3cret');
  });

  it('has nothing to wait for with tcp', async () => {
    await expect(waitForBroker(config('tcp', ''), { timeoutMs: 0, log: () => undefined })).resolves.toBeUndefined();
  });
});
