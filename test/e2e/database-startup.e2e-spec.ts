import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { connect, createServer, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../support/free-port';
import { eventually, HttpClient } from '../support/http-client';
import { bearer, E2E_JWT_SECRET, tokenFor } from '../support/tokens';

const ROOT = resolve(__dirname, '../..');
const MAIN = join(ROOT, 'dist/main.js');
/** The machine's PostgreSQL, only ever reached through the proxy below, never stopped. */
const POSTGRES = { host: '127.0.0.1', port: 5432 };
const PASSWORD = 'never-printed';

/** "The database comes up": from now on, connections to `port` reach the machine's PostgreSQL. */
function startProxy(port: number): Promise<Server> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(POSTGRES.port, POSTGRES.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  server.on('close', () => sockets.forEach((socket) => socket.destroy()));
  return new Promise((done) => server.listen(port, '127.0.0.1', () => done(server)));
}

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startProcess(env: Record<string, string>): Started {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', DATA_DIR: mkdtempSync(join(tmpdir(), 'shop-db-startup-')), TRANSPORT_NAMESPACE: `e2e-${randomUUID().slice(0, 8)}`, JWT_SECRET: E2E_JWT_SECRET, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output, exited: new Promise((done) => child.once('exit', (code) => done(code))) };
}

// A database that is not up yet when the process starts (both started together by a deployment) is waited
// for: the process stays alive and says it is not ready, instead of crashing and being restarted in a loop.
describe('start-up while the database is down', () => {
  beforeAll(() => {
    if (!existsSync(MAIN)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  });

  let started: Started | undefined;
  let proxy: Server | undefined;
  afterEach(async () => {
    if (started && started.child.exitCode === null && started.child.signalCode === null) {
      started.child.kill('SIGTERM');
      await started.exited;
    }
    await new Promise((done) => (proxy ? proxy.close(done) : done(undefined)));
    started = proxy = undefined;
  });

  it('is live but not ready while it waits, logs each attempt, and serves once the database is there', async () => {
    const databasePort = await freePort();
    const httpPort = await freePort();
    started = startProcess({
      HTTP_PORT: String(httpPort),
      DATABASE_URL: `postgres://postgres:${PASSWORD}@127.0.0.1:${databasePort}/test`,
      LOG_LEVEL: 'info',
    });
    const anonymous = new HttpClient(`http://127.0.0.1:${httpPort}`);

    const live = await eventually(() => anonymous.get('/health/live').catch(() => ({ status: 0, body: undefined })), (r) => r.status === 200, 30_000);
    expect(live.body).toEqual({ status: 'starting' });
    // Several attempts, so the process has outlived a few failures.
    await eventually(async () => (started!.output().match(/not reachable \(ECONNREFUSED/g) ?? []).length, (count) => count >= 2 * 3, 30_000);
    expect(started.child.exitCode).toBeNull();

    const ready = await anonymous.get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'error', error: { startup: { status: 'down' } } });
    const api = await anonymous.get('/api/v1/customers');
    expect(api.status).toBe(503);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    expect(api.headers.get('retry-after')).toBe('1');
    expect(api.body).toMatchObject({ status: 503, title: 'Service Unavailable' });

    expect(started.output()).toContain(`database at postgres://***@127.0.0.1:${databasePort}/test not reachable (ECONNREFUSED, attempt 1); next attempt in`);
    expect(started.output()).not.toContain(PASSWORD);

    proxy = await startProxy(databasePort);
    const up = await eventually(() => anonymous.get('/health/ready').catch(() => ({ status: 0, body: undefined })), (r) => r.status === 200, 60_000);
    expect(up.body.status).toBe('ok');
    const admin = new HttpClient(anonymous.baseUrl, bearer(tokenFor('e2e-admin', 'admin', E2E_JWT_SECRET)));
    const customer = await admin.post('/api/v1/customers', { name: 'Late', email: `late-${randomUUID()}@example.com` });
    expect(customer.status).toBe(201);
    expect((await admin.get(`/api/v1/customers/${customer.body.id}`)).status).toBe(200);
  });

  it('gives up after DATABASE_CONNECT_TIMEOUT_MS with one clear line', async () => {
    const databasePort = await freePort();
    started = startProcess({
      HTTP_PORT: String(await freePort()),
      DATABASE_URL: `postgres://postgres:${PASSWORD}@127.0.0.1:${databasePort}/test`,
      DATABASE_CONNECT_TIMEOUT_MS: '1000',
      LOG_LEVEL: 'fatal',
    });
    expect(await started.exited).toBe(1);
    const lines = started.output().trim().split('\n');
    expect(lines).toEqual([
      expect.stringContaining(`Start-up error: the database at postgres://***@127.0.0.1:${databasePort}/test could not be reached within 1000 ms (ECONNREFUSED)`),
    ]);
  });
});
