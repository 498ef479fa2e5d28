import { ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { eventually } from '../support/http-client';
import { freePort } from '../support/free-port';
import { RunningShop, startShop } from '../support/running-shop';
import { ShopApi } from '../support/shop-api';
import { TOPOLOGIES } from '../support/topologies';

const NATS_SERVER = '/usr/sbin/nats-server';

/** A NATS server of this test's own that lets in one user only. */
async function natsWithUser(user: string, password: string): Promise<{ port: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(NATS_SERVER, ['-a', '127.0.0.1', '-p', String(port), '--user', user, '--pass', password], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 30_000;
  while (!(await isOpen(port))) {
    if (Date.now() > deadline) throw new Error(`nats-server did not open port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    port,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

function isOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => socket.end(() => resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

// Broker credentials come from BROKER_URL alone, reach the broker (nats.js would drop them from a server
// URL), and never show in what the process reports.
describe('a broker that requires a password (NATS)', () => {
  let nats: { port: number; stop: () => Promise<void> };
  let shop: RunningShop | undefined;
  const topology = TOPOLOGIES.find((t) => t.name === 'payments out')!;

  beforeAll(async () => {
    nats = await natsWithUser('shop', 's3cret-pa55');
  });
  afterAll(async () => {
    await shop?.stop();
    await nats?.stop();
  });

  it('carries calls and messages with the credentials in BROKER_URL', async () => {
    shop = await startShop(topology, { ...process.env, TRANSPORT: 'nats', BROKER_URL: `nats://shop:s3cret-pa55@127.0.0.1:${nats.port}` });
    const api = new ShopApi(shop.urls, shop.adminHeaders);
    const customer = await api.fundedCustomer(800);
    const gateway = api.clients[0];
    const order = await gateway.post('/api/v1/orders', { customerId: customer.id, items: [{ sku: 'lamp', quantity: 1, unitPriceCents: 500 }] });
    expect(order.status).toBe(202);
    const settled = await eventually(() => gateway.get(`/api/v1/orders/${order.body.id}`), (r) => r.body.status !== 'PENDING', 30_000);
    expect(settled.body.status).toBe('CONFIRMED');
  });

  it('refuses to start with a wrong password, and says so without repeating it', async () => {
    // In this test process even under E2E_PROCESSES=spawn: the start-up error is read from the app's exception
    // (a spawned process prints the same line on its stderr, which the harness does not capture).
    const env = { ...process.env, E2E_PROCESSES: 'in-process', TRANSPORT: 'nats', BROKER_URL: `nats://shop:wrong-pa55@127.0.0.1:${nats.port}` };
    const attempt = startShop(topology, env);
    const error = await attempt.then(
      async (started) => {
        await started.stop();
        return undefined;
      },
      (failure: Error) => failure,
    );
    expect(error?.message).toMatch(/cannot listen on the nats broker at nats:\/\/\*\*\*@127\.0\.0\.1/);
    expect(error?.message).not.toContain('wrong-pa55');
  });
});
