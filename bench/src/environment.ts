import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, hostname, release, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { Options, ROOT } from './options';
import { serverVersion } from './pg-admin';

// What a result was measured on: the machine, and the versions of the app and of everything it ran with.

function tryRun(command: string, args: string[]): string | undefined {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).trim();
  } catch {
    return undefined;
  }
}

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

export async function gatherVersions(options: Options): Promise<Record<string, string>> {
  const app = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const commit = tryRun('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']) ?? '?';
  const dirty = (tryRun('git', ['-C', ROOT, 'status', '--porcelain', '--', 'src']) ?? '') !== '';
  const versions: Record<string, string> = {
    app: app.version,
    git: `${commit}${dirty ? ' + uncommitted changes in src/' : ''}`,
    dist: relative(ROOT, options.distDir) || options.distDir,
  };
  for (const name of ['@nestjs/core', '@nestjs/microservices', '@nestjs/cqrs', 'typeorm', 'pg', '@electric-sql/pglite', 'nats', 'amqplib', 'ioredis', 'autocannon']) versions[name] = packageVersion(name);
  const dpkg = tryRun('dpkg-query', ['-W', '-f', '${Package} ${Version}\\n', 'nats-server', 'rabbitmq-server', 'redis-server']);
  for (const line of dpkg?.split('\n') ?? []) {
    const [name, version] = line.split(' ');
    if (name && version) versions[name] = version;
  }
  versions['postgresql-server'] = await serverVersion(options.pgUrl).catch(() => 'not reachable');
  return versions;
}

export function machine(): Record<string, string | number> {
  const list = cpus();
  return {
    host: hostname(),
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? '?',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${process.platform} ${release()}`,
    node: process.versions.node,
    clkTck: Number(tryRun('getconf', ['CLK_TCK']) ?? 100),
  };
}
