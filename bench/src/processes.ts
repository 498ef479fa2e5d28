import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { sleep } from './stats';

/** Every child this bench started and has not seen exit: killed on any way out, so nothing is left running. */
const live = new Set<ChildProcess>();

function killAll(): void {
  for (const child of live) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}

process.once('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    console.error(`\nbench: ${signal}: stopping the processes it started`);
    killAll();
    process.exit(130);
  });
}

/** The variables the app reads: never inherited from the shell that runs the bench, only set by it. */
const APP_KEYS = /^(MODULES|TRANSPORT|BROKER_URL|CUSTOMERS_TCP|ORDERS_TCP|PAYMENTS_TCP|HTTP_PORT|DATA_DIR|TRANSPORT_NAMESPACE|LOG_LEVEL|NODE_ENV|OUTBOX_SWEEP_MS|REMOTE_CALL_TIMEOUT_MS|SAGA|PAYMENT_TIMEOUT_MS|JWT_SECRET|JWT_SECRET_FILE|([A-Z]+_)?DATABASE_URL)$/;

export function cleanEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !APP_KEYS.test(key) && !key.startsWith('npm_')) env[key] = value;
  return { ...env, ...extra };
}

export interface NodeProcess {
  child: ChildProcess;
  pid: number;
  logFile: string;
  exited: Promise<number | null>;
  stop(): Promise<void>;
  /** The last lines it wrote, for error messages. */
  tail(lines?: number): string;
}

/** Starts `node script`, its stdout and stderr going to logFile. */
export function spawnNode(script: string, args: string[], env: Record<string, string>, logFile: string, nodeArgs: string[] = []): NodeProcess {
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], { env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  if (child.pid === undefined) throw new Error(`could not start ${script}`);
  live.add(child);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      live.delete(child);
      resolve(code);
    }),
  );
  const tail = (lines = 15) => {
    try {
      return readFileSync(logFile, 'utf8').trim().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  };
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  return { child, pid: child.pid, logFile, exited, stop, tail };
}

/** Polls GET url until it answers 200; fails early if the process exits. */
export async function waitUntilReady(url: string, proc: NodeProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone: number | null | undefined;
  void proc.exited.then((code) => (gone = code));
  while (Date.now() < deadline) {
    if (gone !== undefined) throw new Error(`process ${proc.pid} exited (${gone}) before it was ready at ${url}:\n${proc.tail()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  await proc.stop();
  throw new Error(`process ${proc.pid} was not ready within ${timeoutMs} ms at ${url}:\n${proc.tail()}`);
}
