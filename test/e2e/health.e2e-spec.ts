import { HttpClient } from '../support/http-client';
import { RunningShop, startShop } from '../support/running-shop';
import { TOPOLOGIES } from '../support/topologies';

// /health/live and /health/ready as an orchestrator sees them: liveness depends on nothing; readiness on
// the databases this process hosts and the modules it reaches over the transport.
describe('health checks (payments out)', () => {
  let shop: RunningShop;
  let gateway: HttpClient;

  beforeAll(async () => {
    shop = await startShop(TOPOLOGIES.find((t) => t.name === 'payments out')!);
    gateway = new HttpClient(shop.urls[0]);
  });
  afterAll(() => shop?.stop());

  it('is ready when its databases and the remote module answer, and says which it checked', async () => {
    const ready = await gateway.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ok');
    expect(ready.body.details).toEqual({
      'customers.database': { status: 'up' },
      'orders.database': { status: 'up' },
      'payments.remote': { status: 'up' },
    });
  });

  it('is not ready (503, naming the module) while the remote module is down, and still live', async () => {
    await shop.stopProcess(1);
    try {
      const ready = await gateway.get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.status).toBe('error');
      expect(Object.keys(ready.body.error)).toEqual(['payments.remote']);
      expect(ready.body.error['payments.remote'].status).toBe('down');
      expect((await gateway.get('/health/live')).status).toBe(200);
    } finally {
      await shop.startProcess(1);
    }
    expect((await gateway.get('/health/ready')).status).toBe(200);
  });
});
