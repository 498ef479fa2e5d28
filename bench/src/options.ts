import { join, resolve } from 'node:path';
import { TOPOLOGIES } from './topology';

/** The project's root: bench/dist/ is two levels below it. */
export const ROOT = resolve(__dirname, '..', '..');

export interface Options {
  quick: boolean;
  databaseUrl?: string;
  pgUrl: string;
  topologies: string[];
  only: Set<'topologies' | 'ceiling' | 'micro' | 'overload'>;
  warmupSeconds: number;
  durationSeconds: number;
  repetitions: number;
  connections: number;
  sagaConcurrency: number;
  pollMs: number;
  seedCustomers: number;
  seedOrders: number;
  idleOrders: number;
  logLevel: string;
  distDir: string;
  outDir: string;
  label?: string;
  readme: boolean;
  microWarmup: number;
  microRounds: number;
  microCalls: number;
  quietWaitSeconds: number;
  workloads: Set<string>;
  /** Events given to one account, to compare it with a fresh one (#15: 100,000). */
  accountEvents: number;
  accountSamples: number;
  /** SAGA for every process: how the order saga runs. */
  saga: 'choreography' | 'orchestration';
  /** The overload scenario (issue #15, bounded lag): where, how long, and the age bound it turns on. */
  overloadTopology: string;
  overloadSeconds: number;
  overloadBoundMs: number;
}

const HELP = `npm run bench -- [options]
  --quick                 monolith and payments out over tcp, short runs, one repetition (CI; under 2 minutes)
  --database-url=URL      run every topology on this PostgreSQL server (a scratch database per run, dropped after)
                          instead of the embedded PGlite (the default, what npm start uses)
  --pg-url=URL            the PostgreSQL server for the ceiling comparison (default: --database-url's server,
                          else postgres://postgres@127.0.0.1:5432/test); scratch databases are made on it
  --topologies=a,b        of: ${TOPOLOGIES.map((t) => t.id).join(', ')}
  --only=a,b              of: topologies, ceiling, micro, overload (all four by default; --quick leaves overload out)
  --overload-topology=ID  where the overload scenario runs (default payments-out-nats)
  --overload-seconds=S    how long it drives twice the sustainable rate (default 30)
  --overload-bound-ms=MS  the BACKLOG_MAX_AGE_MS of its bounded run (default 500; the other run has the bound off)
  --warmup=S --duration=S --reps=N --connections=N --saga-concurrency=N --poll-ms=N
  --seed-customers=N --seed-orders=N --idle-orders=N --log-level=LEVEL
  --dist=DIR              the compiled app to measure (default: dist/ of this project)
  --out=DIR               where to write results (default bench/results, or bench/results/tmp with --quick)
  --label=TEXT            appended to the result file names
  --workloads=a,b         of: overview, mix, saga, idle (one order at a time), account (the ceiling's: an account
                          with --account-events events (100,000; 10,000 with --quick) against a fresh one,
                          --account-samples of each; 8 depositors on one account)
  --saga=STYLE            choreography (default) or orchestration: how the order saga runs (SAGA)
  --quiet-wait=S          before each workload, wait up to S seconds (default 30, at most 300 in all; 0 with
                          --quick) for other work on the machine (someone's tests) to stop; it is reported anyway
  --readme                put the per-topology table into README.md ("What extraction costs")`;

/** Reads `npm run bench -- [options]`; prints the help and exits on --help. */
export function parseOptions(argv: string[]): Options {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    if (arg === '--help' || arg === '-h') {
      console.log(HELP);
      process.exit(0);
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`unknown argument ${arg}\n${HELP}`);
    flags.set(match[1], match[2] ?? 'true');
  }
  const known = ['quick', 'database-url', 'pg-url', 'topologies', 'only', 'warmup', 'duration', 'reps', 'connections', 'saga-concurrency', 'poll-ms', 'seed-customers', 'seed-orders', 'idle-orders', 'log-level', 'dist', 'out', 'label', 'readme', 'micro-warmup', 'micro-rounds', 'micro-calls', 'quiet-wait', 'workloads', 'saga', 'overload-topology', 'overload-seconds', 'overload-bound-ms', 'account-events', 'account-samples'];
  for (const key of flags.keys()) if (!known.includes(key)) throw new Error(`unknown option --${key}\n${HELP}`);
  const quick = flags.get('quick') === 'true';
  const num = (key: string, full: number, fast: number) => {
    const raw = flags.get(key);
    const value = raw === undefined ? (quick ? fast : full) : Number(raw);
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${key} must be a number`);
    return value;
  };
  const databaseUrl = flags.get('database-url');
  const topologies = flags.get('topologies')?.split(',').map((s) => s.trim()) ?? (quick ? ['monolith', 'payments-out-tcp'] : TOPOLOGIES.map((t) => t.id));
  for (const id of topologies) if (!TOPOLOGIES.some((t) => t.id === id)) throw new Error(`unknown topology ${id}: use ${TOPOLOGIES.map((t) => t.id).join(', ')}`);
  const saga = flags.get('saga') ?? 'choreography';
  if (saga !== 'choreography' && saga !== 'orchestration') throw new Error(`--saga must be choreography or orchestration`);
  const only = new Set((flags.get('only') ?? (quick ? 'topologies,ceiling,micro' : 'topologies,ceiling,micro,overload')).split(',').map((s) => s.trim())) as Options['only'];
  const overloadTopology = flags.get('overload-topology') ?? 'payments-out-nats';
  if (!TOPOLOGIES.some((t) => t.id === overloadTopology)) throw new Error(`unknown --overload-topology ${overloadTopology}: use ${TOPOLOGIES.map((t) => t.id).join(', ')}`);
  return {
    quick,
    databaseUrl,
    pgUrl: flags.get('pg-url') ?? databaseUrl ?? 'postgres://postgres@127.0.0.1:5432/test',
    topologies,
    only,
    warmupSeconds: num('warmup', 3, 1),
    durationSeconds: num('duration', 10, 3),
    repetitions: num('reps', 3, 1),
    connections: num('connections', 10, 10),
    sagaConcurrency: num('saga-concurrency', 4, 4),
    pollMs: num('poll-ms', 5, 5),
    seedCustomers: num('seed-customers', 40, 10),
    seedOrders: num('seed-orders', 10, 5),
    idleOrders: num('idle-orders', 30, 5),
    logLevel: flags.get('log-level') ?? 'warn',
    distDir: resolve(flags.get('dist') ?? join(ROOT, 'dist')),
    outDir: resolve(flags.get('out') ?? join(ROOT, 'bench', 'results', ...(quick ? ['tmp'] : []))),
    label: flags.get('label'),
    readme: flags.get('readme') === 'true',
    microWarmup: num('micro-warmup', 2000, 300),
    microRounds: num('micro-rounds', 20, 5),
    microCalls: num('micro-calls', 250, 100),
    quietWaitSeconds: num('quiet-wait', 30, 0),
    workloads: new Set((flags.get('workloads') ?? 'overview,mix,saga,idle,account').split(',').map((w) => w.trim())),
    accountEvents: num('account-events', 100_000, 10_000),
    accountSamples: num('account-samples', 40, 5),
    saga,
    overloadTopology,
    overloadSeconds: num('overload-seconds', 30, 30),
    overloadBoundMs: num('overload-bound-ms', 500, 500),
  };
}
