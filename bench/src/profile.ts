/**
 * npm run bench:profile [-- --database-url=URL --seconds=S --workloads=overview,saga]: where the monolith's
 * CPU goes. Starts the monolith under `node --cpu-prof` (on a scratch database of the PostgreSQL server of
 * --database-url, else the embedded PGlite), seeds it, drives one workload for S seconds, stops it, and prints
 * the functions with the most self time and the same time summed by package. One workload per process, so
 * that each profile is that workload's alone. The .cpuprofile files stay in bench/results/profiles/ for a
 * flame graph (Chrome DevTools, speedscope). docs/performance.md says what they showed.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonClient, signToken } from './net';
import { ROOT } from './options';
import { createScratchDatabase, dropScratchDatabase } from './pg-admin';
import { seedCustomers } from './seed';
import { RunningTopology, TOPOLOGIES } from './topology';
import { overview, saga } from './workloads';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const JWT_SECRET = `profile-${randomUUID()}-${randomUUID()}`;
const AUTH = { authorization: `Bearer ${signToken(JWT_SECRET)}` };

/** Where a function lives: a package under node_modules, node's own code, or the app's. */
function owner(url: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:') || url === '') return url ? 'node (core)' : '(native, GC, idle)';
  for (const part of ['module-kit', 'platform', 'modules']) if (url.includes(`/dist/${part}/`)) return `app: src/${part}`;
  return 'app: other';
}

function summarize(profile: CpuProfile, top: number): string {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const byFunction = new Map<string, number>();
  const byOwner = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byNode.get(id)!.callFrame;
    if (functionName === '(idle)') {
      idle += us;
      continue;
    }
    total += us;
    const file = url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, 'dist/');
    const key = `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    byOwner.set(owner(url), (byOwner.get(owner(url)) ?? 0) + us);
  }
  const share = (us: number) => `${((us / total) * 100).toFixed(1).padStart(5)}%`;
  const sorted = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  return [
    `busy ${(total / 1e6).toFixed(1)} s of the main thread, idle ${(idle / 1e6).toFixed(1)} s`,
    'self time by package:',
    ...sorted(byOwner, 15).map(([k, us]) => `  ${share(us)}  ${k}`),
    `top ${top} functions by self time:`,
    ...sorted(byFunction, top).map(([k, us]) => `  ${share(us)}  ${k}`),
  ].join('\n');
}

async function main(): Promise<void> {
  const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=', 2) as [string, string]));
  const serverUrl = args.get('database-url');
  const seconds = Number(args.get('seconds') ?? 20);
  const workloads = (args.get('workloads') ?? 'overview,saga').split(',');
  const outDir = join(ROOT, 'bench', 'results', 'profiles');
  mkdirSync(outDir, { recursive: true });
  for (const workload of workloads) {
    const workDir = mkdtempSync(join(tmpdir(), 'shop-profile-'));
    const profileDir = join(workDir, 'profile');
    const name = `profile_${randomUUID().slice(0, 8)}`;
    const databaseUrl = serverUrl ? await createScratchDatabase(serverUrl, name) : undefined;
    const shop = await RunningTopology.start(TOPOLOGIES[0], {
      appMain: join(ROOT, 'dist', 'main.js'),
      workDir,
      jwtSecret: JWT_SECRET,
      logLevel: 'warn',
      databaseUrl,
      extraEnv: { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}` },
    });
    const client = new JsonClient(shop.url, AUTH);
    try {
      const customers = (await seedCustomers(client, 40, workload === 'overview' ? 10 : 0, 'profile')).map((c) => c.id);
      const meter = { pids: shop.pids, external: async () => [] };
      const before = loadavg()[0];
      const run =
        workload === 'overview'
          ? await overview(shop.url, AUTH, customers, 10, seconds, meter)
          : await saga(client, customers, { concurrency: 4, seconds, pollMs: 5 }, meter);
      console.log(
        `\n== ${workload} on ${serverUrl ? 'PostgreSQL' : 'embedded PGlite'}: ${run.perSecond.toFixed(0)}/s, p50 ${run.latency.p50.toFixed(1)} ms, ` +
          `CPU ${run.cpuPer1k.toFixed(2)} s per 1k, other load ${run.otherLoadCores.toFixed(2)} cores; load average ${before.toFixed(2)} → ${loadavg()[0].toFixed(2)}`,
      );
    } finally {
      client.close();
      await shop.stop();
      if (serverUrl) await dropScratchDatabase(serverUrl, name).catch(() => undefined);
    }
    const [file] = readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error('no .cpuprofile was written: did the process exit cleanly?');
    const kept = join(outDir, `${new Date().toISOString().slice(0, 10)}-${workload}-${serverUrl ? 'postgres' : 'embedded'}.cpuprofile`);
    renameSync(join(profileDir, file), kept);
    console.log(summarize(JSON.parse(readFileSync(kept, 'utf8')) as CpuProfile, 30));
    console.log(`(${kept})`);
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`profile: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
