import { PGlite } from '@electric-sql/pglite';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// Read from the package itself so that an upgrade of PGlite never reuses another version's cluster.
const PGLITE_VERSION: string = JSON.parse(readFileSync(join(dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json'), 'utf8')).version;
const TEMPLATE_DIR = join(tmpdir(), `shop-pglite-template-${PGLITE_VERSION}`);

/**
 * Creating a PGlite cluster (initdb) takes seconds; copying a fresh one takes milliseconds. The first
 * database made on a machine is kept as a template in the temp folder, and later ones start as a copy.
 * The template is built aside and renamed into place, so concurrent processes never see half of one.
 */
export async function seedFromTemplate(dataDir: string): Promise<void> {
  if (!existsSync(TEMPLATE_DIR)) await buildTemplate();
  cpSync(TEMPLATE_DIR, dataDir, { recursive: true });
}

async function buildTemplate(): Promise<void> {
  const staging = mkdtempSync(`${TEMPLATE_DIR}-building-`);
  try {
    const db = await PGlite.create({ dataDir: staging });
    await db.close();
    renameSync(staging, TEMPLATE_DIR);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    // Another process won the race: its template is as good as ours.
    if (!existsSync(TEMPLATE_DIR)) throw error;
  }
}
