import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../support/free-port';
import { eventually, HttpClient } from '../support/http-client';
import { PrivateNats } from '../support/private-nats';
import { spawnProcess } from '../support/running-shop';
import { bearer, E2E_JWT_SECRET, tokenFor } from '../support/tokens';

const ROOT = resolve(__dirname, '../..');
const MAIN = join(ROOT, 'dist/main.js');

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** `node dist/main.js` as a deployment runs it, its output kept to be read. */
function startProcess(env: Record<string, string>): Started {
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output, exited: new Promise((done) => child.once('exit', (code) => done(code))) };
}

async function stop(started: Started | undefined): Promise<void> {
  if (!started || started.child.exitCode !== null || started.child.signalCode !== null) return;
  started.child.kill('SIGTERM');
  await started.exited;
}

// A broker that is not up yet when a process starts (both started together by a deployment) is waited for,
// as a database is: the process stays alive and says it is not ready, instead of exiting and being restarted
// in a loop. Shown with NATS, on a private nats-server this test stops and starts; RabbitMQ and Redis take the
// same path (src/platform/transport/wait-for-broker.ts, whose unit spec reaches each client's real refusal).
describe('start-up while the broker is down (nats)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'shop-broker-startup-'));
  const namespace = `e2e-${randomUUID().slice(0, 8)}`;
  let nats: PrivateNats;
  let payments: Started | undefined;
  let gateway: { stop(): Promise<void> } | undefined;

  beforeAll(async () => {
    if (!existsSync(MAIN)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
    nats = await PrivateNats.stopped();
  });
  afterAll(async () => {
    await gateway?.stop();
    await stop(payments);
    await nats?.remove();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const envFor = (modules: string, httpPort: number, extra: Record<string, string> = {}): Record<string, string> => ({
    ...(Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== undefined)) as Record<string, string>),
    MODULES: modules,
    TRANSPORT: 'nats',
    BROKER_URL: nats.url,
    TRANSPORT_NAMESPACE: namespace,
    HTTP_PORT: String(httpPort),
    DATA_DIR: dataDir,
    JWT_SECRET: E2E_JWT_SECRET,
    OUTBOX_SWEEP_MS: '200',
    LOG_LEVEL: 'info',
    ...extra,
  });

  it('is live but not ready while it waits, logs each attempt, and serves calls across processes once the broker is there', async () => {
    const paymentsPort = await freePort();
    payments = startProcess(envFor('payments', paymentsPort));
    const anonymous = new HttpClient(`http://127.0.0.1:${paymentsPort}`);

    const live = await eventually(() => anonymous.get('/health/live').catch(() => ({ status: 0, body: undefined })), (r) => r.status === 200, 60_000);
    expect(live.body).toEqual({ status: 'starting' });
    // Several attempts, so the process has outlived a few failures.
    const attempts = new RegExp(`nats broker at nats://127\\.0\\.0\\.1:${nats.port} not reachable \\(CONNECTION_REFUSED, attempt \\d+\\); next attempt in \\d+ ms`, 'g');
    await eventually(async () => (payments!.output().match(attempts) ?? []).length, (count) => count >= 3, 60_000);
    expect(payments.child.exitCode).toBeNull();
    const ready = await anonymous.get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'error', error: { startup: { status: 'down' } } });

    await nats.startServer();
    const up = await eventually(() => anonymous.get('/health/ready').catch(() => ({ status: 0, body: undefined })), (r) => r.status === 200, 60_000);
    expect(up.body.details.transport).toEqual({ status: 'up' });

    // The other process, started now, and a call each way across the two.
    const gatewayPort = await freePort();
    gateway = await spawnProcess(envFor('customers,orders', gatewayPort, { LOG_LEVEL: 'warn' }), gatewayPort);
    const headers = bearer(tokenFor('e2e-admin', 'admin', E2E_JWT_SECRET));
    const front = new HttpClient(`http://127.0.0.1:${gatewayPort}`, headers);
    const back = new HttpClient(anonymous.baseUrl, headers);
    const customer = await front.post('/api/v1/customers', { name: 'Late Broker', email: `late-${randomUUID()}@example.com` });
    expect(customer.status).toBe(201);
    // payments asks customers (in the other process) whether the customer exists before it opens the account.
    expect((await back.post(`/api/v1/accounts/${customer.body.id}/deposits`, { amountCents: 1000 })).status).toBe(201);
    const order = await front.post('/api/v1/orders', { customerId: customer.body.id, items: [{ sku: 'tea', quantity: 1, unitPriceCents: 400 }] });
    expect(order.status).toBe(202);
    const settled = await eventually(() => front.get(`/api/v1/orders/${order.body.id}`), (r) => r.body.status !== 'PENDING', 60_000);
    expect(settled.body.status).toBe('CONFIRMED');
  });

  it('gives up after BROKER_CONNECT_TIMEOUT_MS with one clear line', async () => {
    const closed = await freePort();
    const started = startProcess(envFor('payments', await freePort(), { BROKER_URL: `nats://shop:never-printed@127.0.0.1:${closed}`, BROKER_CONNECT_TIMEOUT_MS: '1000', LOG_LEVEL: 'fatal', DATA_DIR: mkdtempSync(join(dataDir, 'alone-')) }));
    expect(await started.exited).toBe(1);
    expect(started.output().trim().split('\n')).toEqual([
      expect.stringContaining(`Start-up error: the nats broker at nats://***@127.0.0.1:${closed} could not be reached within 1000 ms (CONNECTION_REFUSED)`),
    ]);
    expect(started.output()).not.toContain('never-printed');
  });

  it('stops at once, with one line, on a BROKER_URL that is not a URL', async () => {
    const started = startProcess(envFor('payments', await freePort(), { BROKER_URL: 'nats//127.0.0.1:4222', LOG_LEVEL: 'fatal', DATA_DIR: mkdtempSync(join(dataDir, 'alone-')) }));
    expect(await started.exited).toBe(1);
    expect(started.output().trim().split('\n')).toEqual([expect.stringMatching(/^Configuration error: BROKER_URL "nats\/\/127\.0\.0\.1:4222" is not a valid URL/)]);
  });
});
