import { execSync } from 'node:child_process';
import { connect } from 'node:net';
import { TransportName } from '../../src/module-kit/config/app-config';

/** How to stop and start each local broker, as root on the CI machine (the commands of its machine notes). */
const BROKERS: Record<Exclude<TransportName, 'tcp'>, { port: number; stop: string; start: string }> = {
  nats: {
    port: 4222,
    stop: 'pkill -x nats-server',
    start: 'start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log',
  },
  redis: {
    port: 6379,
    stop: 'redis-cli shutdown nosave',
    start: 'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log',
  },
  rabbitmq: { port: 5672, stop: 'rabbitmqctl stop_app', start: 'rabbitmqctl start_app' },
};

export async function stopBroker(transport: Exclude<TransportName, 'tcp'>): Promise<void> {
  execSync(BROKERS[transport].stop, { stdio: 'ignore' });
  await waitForPort(BROKERS[transport].port, false);
}

export async function startBroker(transport: Exclude<TransportName, 'tcp'>): Promise<void> {
  execSync(BROKERS[transport].start, { stdio: 'ignore' });
  await waitForPort(BROKERS[transport].port, true);
}

async function waitForPort(port: number, open: boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await isOpen(port)) === open) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`port ${port} did not ${open ? 'open' : 'close'} within ${timeoutMs} ms`);
}

/** Whether something accepts TCP connections on host:port now. */
export function isOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}
