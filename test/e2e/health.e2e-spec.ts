import { HttpClient } from '../support/http-client';
import { RunningShop, startShop } from '../support/running-shop';
import { TOPOLOGIES } from '../support/topologies';

// /health/live and /health/ready as an orchestrator sees them: liveness depends on nothing; readiness on what
// the process itself needs (the databases it hosts, its own transport connection), never on the modules it
// reaches over the transport. Those are reported by /health/dependencies.
describe('health checks (payments out)', () => {
  let shop: RunningShop;
  let gateway: HttpClient;
  const transport = process.env.TRANSPORT ?? 'tcp';

  beforeAll(async () => {
    shop = await startShop(TOPOLOGIES.find((t) => t.name === 'payments out')!);
    gateway = new HttpClient(shop.urls[0]);
  });
  afterAll(() => shop?.stop());

  it('is ready when its databases and its transport connection answer, and says which it checked', async () => {
    const ready = await gateway.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ok');
    expect(ready.body.details).toEqual({
      'customers.database': { status: 'up' },
      'orders.database': { status: 'up' },
      transport: { status: 'up' },
    });
  });

  it('reports the modules it reaches over the transport at /health/dependencies, with breaker and round trip', async () => {
    const dependencies = await gateway.get('/health/dependencies');
    expect(dependencies.status).toBe(200);
    expect(dependencies.body).toMatchObject({ status: 'ok', modules: [{ name: 'payments', via: transport, status: 'up', breaker: 'closed' }] });
    expect(dependencies.body.modules[0].roundTripMs).toEqual(expect.any(Number));
    expect(new Date(dependencies.body.modules[0].lastAnsweredAt).getTime()).not.toBeNaN();
    // The payments process reaches the other two.
    const paymentsProcess = await new HttpClient(shop.urls[1]).get('/health/dependencies');
    expect(paymentsProcess.body.modules.map((m: { name: string }) => m.name)).toEqual(['customers', 'orders']);
  });

  it('stays ready (and live) while the remote module is down; /health/dependencies says it is down', async () => {
    await shop.stopProcess(1);
    try {
      const ready = await gateway.get('/health/ready');
      expect(ready.status).toBe(200);
      expect(Object.keys(ready.body.details)).not.toContain('payments.remote');
      expect((await gateway.get('/health/live')).status).toBe(200);
      const dependencies = await gateway.get('/health/dependencies');
      expect(dependencies.status).toBe(200);
      expect(dependencies.body.status).toBe('degraded');
      expect(dependencies.body.modules).toEqual([expect.objectContaining({ name: 'payments', status: 'down', detail: expect.any(String) })]);
      // Served without a token: no address of the deployment, even in what failed.
      expect(JSON.stringify(dependencies.body)).not.toMatch(/:\/\/|127\.0\.0\.1/);
    } finally {
      await shop.startProcess(1);
    }
    expect((await gateway.get('/health/ready')).status).toBe(200);
    expect((await gateway.get('/health/dependencies')).body.modules[0].status).toBe('up');
  });
});
