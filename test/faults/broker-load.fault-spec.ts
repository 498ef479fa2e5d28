import { startBroker, stopBroker } from '../support/brokers';
import { runFaultsUnderLoad } from '../support/fault-run';
import { faultSeed, sleep } from '../support/order-load';
import { PrivateNats } from '../support/private-nats';
import { RunningShop, startShop } from '../support/running-shop';
import { TOPOLOGIES } from '../support/topologies';

// Load, faults, recovery and the checks once quiet take a minute or two on a busy 2-core machine.
jest.setTimeout(300_000);

// Brokers going down while orders keep coming, with payments in a process of its own (dist/main.js: run
// `npm run build` first). NATS is a server of this test's own; RabbitMQ is the machine's (stopped and
// started like broker-restart.fault-spec.ts does), so this suite runs alone.
const paymentsOut = TOPOLOGIES.find((t) => t.name === 'payments out')!;

describe('NATS restarted under load (a private nats-server)', () => {
  let nats: PrivateNats;
  let shop: RunningShop | undefined;
  beforeAll(async () => {
    nats = await PrivateNats.start();
  });
  afterAll(async () => {
    await shop?.stop();
    await nats?.remove();
  });

  it('every accepted order settles once, money is conserved', async () => {
    const seed = faultSeed();
    shop = await startShop(paymentsOut, { ...process.env, E2E_PROCESSES: 'spawn', TRANSPORT: 'nats', BROKER_URL: nats.url });
    const restart = (downMs: number) => ({ label: `kill nats-server, start it again ${downMs} ms later`, inject: () => nats.restart(downMs) });
    const { load, report } = await runFaultsUnderLoad({ name: 'NATS restart', shop, seed, loadMs: 35_000, faults: [restart(1500), restart(4000)] });
    expect(load.unexpected).toEqual([]);
    expect(report.orders).toBeGreaterThan(0);
  });
});

describe('RabbitMQ restarted under load (the machine broker)', () => {
  let shop: RunningShop | undefined;
  afterAll(async () => {
    await startBroker('rabbitmq');
    await shop?.stop();
  });

  it('every accepted order settles once, money is conserved', async () => {
    const seed = faultSeed();
    shop = await startShop(paymentsOut, { ...process.env, E2E_PROCESSES: 'spawn', TRANSPORT: 'rabbitmq' });
    const restart = {
      label: 'rabbitmqctl stop_app, start_app 3 s later',
      inject: async () => {
        await stopBroker('rabbitmq');
        await sleep(3000);
        await startBroker('rabbitmq');
      },
    };
    const { load, report } = await runFaultsUnderLoad({ name: 'RabbitMQ restart', shop, seed, loadMs: 30_000, faults: [restart] });
    expect(load.unexpected).toEqual([]);
    expect(report.orders).toBeGreaterThan(0);
  });
});
