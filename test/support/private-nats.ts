import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

/**
 * A NATS server of the test's own (JetStream on, its store in a fresh folder) on a free port, so that a
 * test can stop and start it without touching the machine's broker on 4222 that other runs share.
 */
export class PrivateNats {
  private child: ChildProcess | undefined;

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<PrivateNats> {
    const server = await PrivateNats.stopped();
    await server.startServer();
    return server;
  }

  /** A server whose port and folder are chosen but which is not running yet: `startServer` starts it. */
  static async stopped(): Promise<PrivateNats> {
    return new PrivateNats(mkdtempSync(join(tmpdir(), 'faults-nats-')), await freePort());
  }

  async restart(downMs: number): Promise<void> {
    await this.stopServer();
    await new Promise((resolve) => setTimeout(resolve, downMs));
    await this.startServer();
  }

  async remove(): Promise<void> {
    await this.stopServer();
    rmSync(this.dir, { recursive: true, force: true });
  }

  async startServer(): Promise<void> {
    this.child = spawn('/usr/sbin/nats-server', ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.dir], { stdio: 'ignore' });
    const deadline = Date.now() + 30_000;
    while (!(await isOpen(this.port))) {
      if (Date.now() > deadline) throw new Error(`nats-server did not open port ${this.port}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private async stopServer(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}

function isOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}
