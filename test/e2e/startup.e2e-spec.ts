import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const MAIN = join(ROOT, 'dist/main.js');

/** Runs the real entry point with `env` and returns how it ended; the process must stop on its own. */
function start(env: Record<string, string>) {
  const result = spawnSync(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', DATA_DIR: mkdtempSync(join(tmpdir(), 'shop-startup-')), LOG_LEVEL: 'fatal', HTTP_PORT: '0', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, lines: `${result.stdout}${result.stderr}`.trim().split('\n').filter(Boolean) };
}

// A mistake in the deployment stops the process with one line that says what to fix: at once for a mistake in
// the configuration, after its wait for a broker that never answers.
describe('start-up with a bad configuration', () => {
  beforeAll(() => {
    if (!existsSync(MAIN)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  });

  it.each([
    [{ MODULES: 'customers,billing' }, 'Configuration error: MODULES names unknown module(s) "billing"'],
    [{ TRANSPORT: 'nats', BROKER_URL: 'redis://127.0.0.1:6379' }, 'Configuration error: BROKER_URL "redis://127.0.0.1:6379" does not fit TRANSPORT=nats'],
    [{ DATABASE_URL: 'not a url' }, 'Configuration error: DATABASE_URL is not a valid URL'],
    // A broker that does not answer is waited for (it may be starting too), for BROKER_CONNECT_TIMEOUT_MS.
    [
      { MODULES: 'payments', TRANSPORT: 'nats', BROKER_URL: 'nats://127.0.0.1:1', BROKER_CONNECT_TIMEOUT_MS: '500' },
      'Start-up error: the nats broker at nats://127.0.0.1:1 could not be reached within 500 ms',
    ],
  ])('%j stops the process with one clear line', (env, expected) => {
    const { status, lines } = start(env);
    expect(status).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(expected);
  });

  it("refuses to open a module's embedded data that another live process holds", () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'shop-startup-'));
    mkdirSync(join(dataDir, 'payments'));
    // This test process stands for the other one: it is alive and it is not the new process.
    writeFileSync(join(dataDir, 'payments', 'owner.pid'), String(process.pid));
    const { status, lines } = start({ DATA_DIR: dataDir, MODULES: 'payments', TRANSPORT: 'nats', BROKER_URL: 'nats://127.0.0.1:1' });
    expect(status).toBe(1);
    expect(lines).toEqual([expect.stringContaining(`Configuration error: The embedded database in ${join(dataDir, 'payments')} is in use by process ${process.pid}`)]);
  });
});
