import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunStep, ServerLine } from './markdown-steps';

/** What a run block did: its exit status (that of the shell, if the block ended it) and what it printed. */
export interface BlockResult {
  status: number;
  output: string;
  timedOut: boolean;
}

interface Server {
  line: ServerLine;
  child: ChildProcess;
  logFile: string;
  exited: Promise<void>;
  exit?: string;
}

/**
 * A reader's terminals, for one document: one bash shell for the run blocks (started with `set -euo
 * pipefail`, so that a failing command fails its block instead of going unnoticed), and one background
 * process per server line, its output in a log file. Every process gets `env`, which sets the variables the
 * documents read with a default (HTTP_PORT, PAYMENTS_PORT, DATA_DIR): other ports and a fresh data folder.
 */
export class DocSession {
  private readonly shell: ChildProcess;
  private shellOutput = '';
  private shellExit?: number;
  private readonly servers = new Map<string, Server>();
  private blocks = 0;

  constructor(
    private readonly root: string,
    private readonly workDir: string,
    private readonly env: Record<string, string>,
  ) {
    this.shell = spawn('bash', ['--noprofile', '--norc'], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.shell.stdout!.on('data', (chunk: Buffer) => (this.shellOutput += chunk.toString()));
    this.shell.stderr!.on('data', (chunk: Buffer) => (this.shellOutput += chunk.toString()));
    this.shell.once('exit', (code, signal) => (this.shellExit = code ?? (signal ? 128 : 1)));
    this.shell.stdin!.write('set -euo pipefail\n');
  }

  /** Sources the block in the shell, its stdout and stderr together in a file, as a terminal shows them. */
  async run(block: RunStep, timeoutMs: number): Promise<BlockResult> {
    const name = `block-${++this.blocks}`;
    const script = join(this.workDir, `${name}.sh`);
    const output = join(this.workDir, `${name}.out`);
    writeFileSync(script, `${block.code}\n`);
    writeFileSync(output, '');
    const marker = `__block_${this.blocks}_done__`;
    this.shellOutput = '';
    this.shell.stdin!.write(`source '${script}' > '${output}' 2>&1; echo "${marker} $?"\n`);
    const deadline = Date.now() + timeoutMs;
    let status: number | undefined;
    while (status === undefined && Date.now() < deadline) {
      const done = new RegExp(`${marker} (\\d+)`).exec(this.shellOutput);
      if (done) status = Number(done[1]);
      else if (this.shellExit !== undefined) status = this.shellExit;
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const printed = readFileSync(output, 'utf8') + this.shellOutput.replace(new RegExp(`${marker} \\d+\\n?`), '');
    return { status: status ?? -1, output: printed, timedOut: status === undefined };
  }

  get shellAlive(): boolean {
    return this.shellExit === undefined;
  }

  /**
   * Starts a server line in the background, as its terminal would. `npm start` is `npm run build` and then
   * `node dist/main.js`: the build is done once before the documents run, so here it is the second half.
   */
  startServer(line: ServerLine): void {
    const running = this.servers.get(line.terminal);
    if (running && running.exit === undefined) throw new Error(`${line.terminal} still runs line ${running.line.line}: the document never stops it`);
    const command = line.command.replace(/\bnpm start$/, 'node dist/main.js');
    if (!/^(\w+=\S+\s+)*node dist\/main\.js$/.test(command)) {
      throw new Error(`a server line starts the app, [VARIABLE=value …] npm start or node dist/main.js, not: ${line.command}`);
    }
    const logFile = join(this.workDir, `${line.terminal.replace(' ', '-')}-line-${line.line}.log`);
    const fd = openSync(logFile, 'a');
    // exec: the shell only expands the line's variables, and the signal for Ctrl+C reaches node itself.
    const child = spawn('bash', ['-c', command.replace(/node dist\/main\.js$/, 'exec node dist/main.js')], { cwd: this.root, env: this.env, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    const server: Server = { line, child, logFile, exited: Promise.resolve() };
    server.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        server.exit = signal ? `ended by ${signal}` : `exited with status ${code}`;
        resolve();
      }),
    );
    this.servers.set(line.terminal, server);
  }

  /** Ctrl+C in a terminal: SIGINT, then the process must end on its own (a clean stop), within `timeoutMs`. */
  async ctrlC(terminal: string, timeoutMs = 20_000): Promise<void> {
    const server = this.servers.get(terminal);
    if (!server || server.exit !== undefined) throw new Error(`nothing runs in ${terminal} to stop`);
    server.child.kill('SIGINT');
    const stopped = await Promise.race([server.exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs))]);
    if (!stopped) {
      server.child.kill('SIGKILL');
      throw new Error(`${terminal} did not stop within ${timeoutMs} ms of Ctrl+C:\n${tail(server.logFile)}`);
    }
  }

  /** A server that ended without Ctrl+C: the document's later blocks would talk to nobody. */
  unexpectedExit(): string | undefined {
    for (const [terminal, server] of this.servers) {
      if (server.exit !== undefined && !server.child.killed) return `${terminal} (line ${server.line.line}) ${server.exit}:\n${tail(server.logFile)}`;
    }
    return undefined;
  }

  /** Each terminal's process, whether it runs, and the last lines of its log: for failure messages. */
  report(): string {
    return [...this.servers]
      .map(([terminal, s]) => `${terminal} (line ${s.line.line}: ${s.line.command}): ${s.exit ?? 'running'}\n${tail(s.logFile)}`)
      .join('\n\n');
  }

  /** Ctrl+C in every terminal still running, and exit the shell: the reader closes the terminals. */
  async close(): Promise<void> {
    for (const [terminal, server] of this.servers) {
      if (server.exit === undefined) await this.ctrlC(terminal).catch(() => server.child.kill('SIGKILL'));
    }
    if (this.shellAlive) {
      const exited = new Promise((resolve) => this.shell.once('exit', resolve));
      this.shell.stdin!.end('exit 0\n');
      // A block that timed out may still be running in it.
      const timer = setTimeout(() => this.shell.kill('SIGKILL'), 2_000);
      await exited;
      clearTimeout(timer);
    }
  }
}

function tail(file: string, count = 12): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-count).map((line) => `    ${line.slice(0, 400)}`).join('\n');
  } catch {
    return '    (no log)';
  }
}
