import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../config/config-error';

/**
 * PGlite has no server to arbitrate between processes: two processes opening the same folder would corrupt
 * it. A pid file makes the second one stop with a clear message instead.
 */
export class DataDirLock {
  private constructor(private readonly file: string) {}

  static acquire(dataDir: string): DataDirLock {
    DataDirLock.assertFree(dataDir);
    const file = join(dataDir, 'owner.pid');
    writeFileSync(file, String(process.pid));
    return new DataDirLock(file);
  }

  /** Fails, before anything starts, if another live process holds the folder. */
  static assertFree(dataDir: string): void {
    const holder = readHolder(join(dataDir, 'owner.pid'));
    if (holder !== undefined && holder !== process.pid && isAlive(holder)) {
      throw new ConfigError(
        `The embedded database in ${dataDir} is in use by process ${holder}: host that module in one process only, or give this process another DATA_DIR.`,
      );
    }
  }

  release(): void {
    if (readHolder(this.file) === process.pid) rmSync(this.file, { force: true });
  }
}

function readHolder(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
