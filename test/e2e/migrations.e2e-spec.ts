import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createApp } from '../../src/app/create-app';
import { loadConfig } from '../../src/app/load-app-config';
import { paymentsPersistence } from '../../src/modules/payments/payments.persistence';

const url = process.env.DATABASE_URL;

// Replicas of a module start at the same moment against one PostgreSQL server: exactly one of them may
// run the migrations. Needs a server (DATABASE_URL); .ci/run provides one.
(url ? describe : describe.skip)('migrations with replicas starting together', () => {
  it('migrate a fresh schema once, whichever replica gets there first', async () => {
    // Monolith replicas: with TCP, replicas of a split module would need a port each on this one host.
    const schema = 'payments';
    const admin = new Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);

    const replica = () =>
      createApp(loadConfig({ DATABASE_URL: url, DATA_DIR: mkdtempSync(join(tmpdir(), 'shop-mig-')), LOG_LEVEL: 'silent', JWT_SECRET: 'x'.repeat(32) }));
    const apps = await Promise.all([replica(), replica(), replica()]);
    try {
      // Each of the module's migrations ran once: none recorded twice, none missing.
      const { rows } = await admin.query(`SELECT name, count(*)::int AS n FROM ${schema}.migrations GROUP BY name ORDER BY name`);
      expect(rows).toEqual(paymentsPersistence.migrations.map((migration) => ({ name: migration.name, n: 1 })).sort((a, b) => a.name.localeCompare(b.name)));
    } finally {
      await Promise.all(apps.map((app) => app.close()));
      await admin.end();
    }
  });
});
