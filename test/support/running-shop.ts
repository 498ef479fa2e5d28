import { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app/create-app';
import { loadConfig } from '../../src/shared/config/load-config';
import { freePort } from './free-port';
import { Topology } from './topologies';

/** A shop started for a test: one app per process of the topology, each serving the whole HTTP API. */
export interface RunningShop {
  topology: Topology;
  /** The base URL of each process, in the topology's order. */
  urls: string[];
  stop(): Promise<void>;
}

/**
 * Starts every process of a topology inside this test process, on free ports, with an embedded database
 * in a fresh folder (or the server in DATABASE_URL) and the transport in TRANSPORT (tcp by default).
 */
export async function startShop(topology: Topology, env: Record<string, string | undefined> = process.env): Promise<RunningShop> {
  const dataDir = mkdtempSync(join(tmpdir(), 'shop-e2e-'));
  const tcp = { CUSTOMERS_TCP: `127.0.0.1:${await freePort()}`, ORDERS_TCP: `127.0.0.1:${await freePort()}`, PAYMENTS_TCP: `127.0.0.1:${await freePort()}` };
  const apps: INestApplication[] = [];
  const urls: string[] = [];
  try {
    for (const modules of topology.processes) {
      const port = await freePort();
      const config = loadConfig({ ...env, ...tcp, MODULES: modules.join(','), HTTP_PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: env.LOG_LEVEL ?? 'silent', OUTBOX_SWEEP_MS: '200' });
      const app = await createApp(config);
      await app.listen(port, '127.0.0.1');
      apps.push(app);
      urls.push(`http://127.0.0.1:${port}`);
    }
  } catch (error) {
    await Promise.allSettled(apps.map((app) => app.close()));
    throw error;
  }
  return {
    topology,
    urls,
    async stop() {
      for (const app of apps.reverse()) await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
