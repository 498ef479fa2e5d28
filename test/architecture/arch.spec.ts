// The module map (npm run arch) and the extraction check (npm run arch -- --check).
// The first two tests hold the real code to them: docs/architecture.md must be what the generator makes
// of src/ today, and every module must pass the check. The others run the generator on small fake trees
// in a temp dir, to prove that it reads the map from the code and that each check really fails.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const ARCH = join(ROOT, 'scripts/arch.js');

function arch(args: string[], root = ROOT): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [ARCH, ...args, '--root', root], { cwd: ROOT, encoding: 'utf8' });
  return { status: result.status, output: result.stdout + result.stderr };
}

type Tree = Record<string, string>;

const FORWARDED_IMPORT = "import { Forwarded } from '../../../module-kit/forwarded';\n";
const betaPort = (forwarded: string, more = '') =>
  `${FORWARDED_IMPORT}@Forwarded({ ${forwarded} })\nexport abstract class BetaPort {\n  abstract count(): Promise<number>;\n${more}}\n`;

// Two modules: beta hears alpha's ThingMade and calls alpha's port; each keeps to its own schema.
const CLEAN: Tree = {
  'src/module-kit/messaging/integration-message.ts': 'export abstract class IntegrationMessage<T extends object = object> {\n  constructor(readonly payload: T) {}\n}\n',
  'src/module-kit/messaging/outbox.ts': 'export class Outbox {\n  async publish(..._messages: object[]): Promise<void> {}\n}\n',
  'src/module-kit/forwarded.ts': 'export const Forwarded = (_kinds: object) => (_port: unknown) => undefined;\n',
  'src/module-kit/messaging/inbox.ts': 'export class Inbox {\n  on(_type: unknown, _handle: unknown): this {\n    return this;\n  }\n}\n',
  'src/modules/alpha/contracts/thing.dto.ts': 'export interface ThingDto {\n  id: string;\n  name: string;\n  madeAt: string;\n}\n',
  'src/modules/alpha/contracts/alpha.port.ts':
    "import { ThingDto } from './thing.dto';\n" +
    FORWARDED_IMPORT +
    "@Forwarded({ make: 'write' })\nexport abstract class AlphaPort {\n  abstract make(name: string): Promise<ThingDto>;\n}\n",
  'src/modules/alpha/contracts/alpha.events.ts':
    "import { IntegrationMessage } from '../../../module-kit/messaging/integration-message';\n" +
    "export class ThingMade extends IntegrationMessage<{ thingId: string }> {\n  static readonly messageName = 'alpha.ThingMade';\n  static readonly version = 1;\n  get orderingKey(): string {\n    return this.payload.thingId;\n  }\n}\n",
  'src/modules/alpha/contracts/index.ts': "export * from './alpha.events';\nexport * from './alpha.port';\nexport * from './thing.dto';\n",
  'src/modules/alpha/alpha.manifest.ts': "export const alphaManifest = { name: 'alpha', consumes: [] };\n",
  'src/modules/alpha/application/make-thing.command.ts': 'export class MakeThingCommand {\n  constructor(readonly name: string) {}\n}\n',
  'src/modules/alpha/application/make-thing.handler.ts':
    "import { CommandHandler } from '@nestjs/cqrs';\n" +
    "import { Outbox } from '../../../module-kit/messaging/outbox';\n" +
    "import { ThingMade } from '../contracts';\n" +
    "import { MakeThingCommand } from './make-thing.command';\n" +
    '@CommandHandler(MakeThingCommand)\n' +
    'export class MakeThingHandler {\n  constructor(private readonly outbox: Outbox) {}\n' +
    "  async execute({ name }: MakeThingCommand) {\n    await this.outbox.publish(new ThingMade({ thingId: name }));\n    return { id: '1', name, madeAt: '' };\n  }\n}\n",
  'src/modules/alpha/application/alpha.local-port.ts':
    "import { CommandBus } from '@nestjs/cqrs';\n" +
    "import { AlphaPort } from '../contracts/alpha.port';\n" +
    "import { MakeThingCommand } from './make-thing.command';\n" +
    'export class LocalAlphaPort extends AlphaPort {\n  constructor(private readonly commands: CommandBus) {\n    super();\n  }\n' +
    '  make(name: string) {\n    return this.commands.execute(new MakeThingCommand(name));\n  }\n}\n',
  'src/modules/alpha/infrastructure/thing.record.ts': "import { Entity } from 'typeorm';\n@Entity({ schema: 'alpha', name: 'things' })\nexport class ThingRecord {}\n",
  'src/modules/beta/contracts/beta.port.ts': betaPort("count: 'read'"),
  'src/modules/beta/beta.manifest.ts': "import { ThingMade } from '../alpha/contracts';\nexport const betaManifest = { name: 'beta', consumes: [ThingMade] };\n",
  'src/modules/beta/application/beta.message-handlers.ts':
    "import { Inbox } from '../../../module-kit/messaging/inbox';\n" +
    "import { AlphaPort, ThingMade } from '../../alpha/contracts';\n" +
    'export class BetaMessageHandlers {\n  constructor(private readonly inbox: Inbox, private readonly alpha: AlphaPort) {}\n' +
    "  onModuleInit() {\n    this.inbox.on(ThingMade, () => this.alpha.make('echo'));\n  }\n}\n",
  'src/modules/beta/infrastructure/tally.record.ts': "import { Entity } from 'typeorm';\n@Entity({ schema: 'beta', name: 'tally' })\nexport class TallyRecord {}\n",
  'src/modules/beta/infrastructure/tally.repository.ts':
    "export class TallyRepository {\n  count(db: { query(sql: string): Promise<unknown> }) {\n    return db.query('SELECT count(*) FROM beta.tally');\n  }\n}\n",
};

function inTree(changes: Tree, work: (root: string) => void): void {
  const root = mkdtempSync(join(tmpdir(), 'arch-'));
  try {
    for (const [file, text] of Object.entries({ ...CLEAN, ...changes })) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), text);
    }
    work(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

jest.setTimeout(60_000);

describe('the module map of this code (npm run arch)', () => {
  it('is what docs/architecture.md says', () => {
    const { status, output } = arch(['--stdout']);
    expect(status).toBe(0);
    const current = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
    if (output !== current) {
      const lines = [output.split('\n'), current.split('\n')];
      const at = lines[0].findIndex((line, i) => line !== lines[1][i]);
      throw new Error(
        `docs/architecture.md is stale: run npm run arch\n` +
          `first difference at line ${at + 1}:\n  generated: ${lines[0][at]}\n  in the file: ${lines[1][at]}`,
      );
    }
  });

  it('finds every module can be taken out (npm run arch -- --check)', () => {
    const { status, output } = arch(['--check']);
    expect(output).not.toContain('✘');
    expect(output).toContain('✔ every module can be taken out');
    expect(status).toBe(0);
  });
});

describe('the generator, on a fake tree', () => {
  it('finds what a command publishes through the events its aggregate records and the module maps to messages', () => {
    const handler =
      "import { CommandHandler } from '@nestjs/cqrs';\n" +
      "import { Thing } from '../domain/thing';\n" +
      "import { MakeThingCommand } from './make-thing.command';\n" +
      '@CommandHandler(MakeThingCommand)\n' +
      "export class MakeThingHandler {\n  async execute({ name }: MakeThingCommand) {\n    const thing = Thing.make(name);\n    return { id: thing.id, name, madeAt: '' };\n  }\n}\n";
    const aggregate =
      "export class ThingWasMade {\n  constructor(readonly id: string) {}\n}\n" +
      'export class Thing {\n  constructor(readonly id: string) {}\n  apply(_event: object) {}\n' +
      '  static make(id: string) {\n    const thing = new Thing(id);\n    thing.record();\n    return thing;\n  }\n' +
      '  private record() {\n    this.apply(new ThingWasMade(this.id));\n  }\n}\n';
    const mapper =
      "import { ThingMade } from '../contracts';\n" +
      "import { ThingWasMade } from '../domain/thing';\n" +
      'export function alphaIntegrationEvents(event: object) {\n  if (event instanceof ThingWasMade) return [new ThingMade({ thingId: event.id })];\n  return [];\n}\n';
    const changes = {
      'src/modules/alpha/application/make-thing.handler.ts': handler,
      'src/modules/alpha/domain/thing.ts': aggregate,
      'src/modules/alpha/application/alpha.integration-events.ts': mapper,
    };
    inTree(changes, (root) => {
      const written = arch([], root);
      expect(written.status).toBe(0);
      expect(written.output).toContain('MakeThingCommand  ← port: make; publishes ThingMade');
      expect(written.output).toContain('alpha.ThingMade@v1 → beta');
    });
  });

  it('reads ports, handlers, messages, calls and dependencies from the code, and writes the doc --check compares', () => {
    inTree({}, (root) => {
      const written = arch([], root);
      expect(written.status).toBe(0);
      expect(written.output).toContain('make(name: string): Promise<ThingDto>  → MakeThingCommand');
      expect(written.output).toContain('MakeThingCommand  ← port: make; publishes ThingMade');
      expect(written.output).toContain('alpha.ThingMade@v1 → beta');
      expect(written.output).toContain('alpha.ThingMade@v1 ← alpha; handled by');
      expect(written.output).toContain('AlphaPort.make (from BetaMessageHandlers)');
      expect(written.output).toContain('dependency order: beta → alpha');

      const doc = readFileSync(join(root, 'docs/architecture.md'), 'utf8');
      expect(doc).toContain('m_alpha -. "ThingMade@v1" .-> m_beta');
      expect(doc).toContain('m_beta -- "AlphaPort.make" --> m_alpha');
      // The dashboard's arrows, from the same reading of the code.
      const links = readFileSync(join(root, 'src/app/module-links.ts'), 'utf8');
      expect(links).toContain("alpha: {\n    publishes: ['alpha.ThingMade@v1'],\n    calls: [],\n  },");
      expect(links).toContain("beta: {\n    publishes: [],\n    calls: [{ module: 'alpha', method: 'make' }],\n  },");

      const checked = arch(['--check'], root);
      expect(checked.output).toContain('✔ every module can be taken out (alpha, beta)');
      expect(checked.output).toContain('✔ docs/architecture.md is up to date');
      expect(checked.output).toContain('✔ src/app/module-links.ts is up to date');
      expect(checked.status).toBe(0);
    });
  });

  it('names a class of the module that sends a command itself (a scheduler) as what starts it', () => {
    const sweep =
      "import { CommandBus } from '@nestjs/cqrs';\n" +
      "import { MakeThingCommand } from './make-thing.command';\n" +
      'export class ThingSweep {\n  constructor(private readonly commands: CommandBus) {}\n' +
      "  async sweep() {\n    await this.commands.execute(new MakeThingCommand('swept'));\n  }\n}\n";
    inTree({ 'src/modules/alpha/application/thing-sweep.ts': sweep }, (root) => {
      expect(arch([], root).output).toContain('MakeThingCommand  ← ThingSweep, port: make; publishes ThingMade');
    });
  });

  it('--check fails when docs/architecture.md is missing or stale', () => {
    inTree({}, (root) => {
      expect(arch(['--check'], root)).toMatchObject({ status: 1, output: expect.stringContaining('✘ docs/architecture.md is missing: run npm run arch') });
      arch([], root);
      writeFileSync(join(root, 'src/modules/alpha/application/make-thing.command.ts'), 'export class MakeThingCommand {}\nexport class Unused {}\n');
      writeFileSync(join(root, 'src/modules/beta/contracts/beta.port.ts'), betaPort("count: 'read', reset: 'write'", '  abstract reset(): Promise<void>;\n'));
      expect(arch(['--check'], root)).toMatchObject({ status: 1, output: expect.stringContaining('✘ docs/architecture.md is stale: run npm run arch') });
    });
  });

  it.each([
    [
      'owns its tables',
      'SQL that reads another module\'s table',
      { 'src/modules/beta/infrastructure/tally.repository.ts': "export const sql = 'SELECT count(*) FROM alpha.things';\n" },
      'SQL names alpha.*, a table of the alpha module',
    ],
    [
      'owns its tables',
      'an entity in another schema',
      { 'src/modules/beta/infrastructure/tally.record.ts': "import { Entity } from 'typeorm';\n@Entity({ schema: 'public', name: 'tally' })\nexport class TallyRecord {}\n" },
      'entity TallyRecord is in schema public',
    ],
    [
      'contracts are plain data',
      'a Date in a DTO',
      { 'src/modules/alpha/contracts/thing.dto.ts': 'export interface ThingDto {\n  id: string;\n  madeAt: Date;\n}\n' },
      'ThingDto.madeAt: Date becomes a string on the wire',
    ],
    [
      'contracts are plain data',
      'a class as a DTO',
      { 'src/modules/alpha/contracts/thing.dto.ts': 'export class ThingDto {\n  id!: string;\n}\n' },
      'class ThingDto: a class instance does not survive JSON',
    ],
    [
      'contracts are plain data',
      'a port method the transport does not forward',
      { 'src/modules/beta/contracts/beta.port.ts': betaPort('') },
      'BetaPort.count is missing from @Forwarded',
    ],
    [
      'contracts are plain data',
      'contracts importing a library',
      { 'src/modules/alpha/contracts/thing.dto.ts': "import { Column } from 'typeorm';\nexport interface ThingDto {\n  id: string;\n}\nexport const column = Column;\n" },
      "imports 'typeorm': contracts may import only contracts",
    ],
    [
      'contracts are plain data',
      'a message with behaviour beyond its payload',
      {
        'src/modules/alpha/contracts/alpha.events.ts':
          "import { IntegrationMessage } from '../../../module-kit/messaging/integration-message';\n" +
          "export class ThingMade extends IntegrationMessage<{ thingId: string }> {\n  static readonly messageName = 'alpha.ThingMade';\n  static readonly version = 1;\n  get orderingKey(): string {\n    return new Date().toISOString();\n  }\n}\n",
      },
      'ThingMade has a member besides messageName, version and orderingKey',
    ],
    [
      'no shared in-memory state',
      'a module-level let',
      { 'src/modules/beta/application/counter.ts': 'let seen = 0;\nexport const count = () => ++seen;\n' },
      'module-level `let seen`',
    ],
    [
      'no shared in-memory state',
      'a module-level Map filled at run time',
      { 'src/modules/beta/application/cache.ts': 'const cache = new Map<string, string>();\nexport const remember = (k: string, v: string) => cache.set(k, v);\n' },
      'module-level cache is changed at run time',
    ],
    [
      'no shared in-memory state',
      "an import of another module's internals",
      { 'src/modules/beta/application/peek.ts': "import { ThingRecord } from '../../alpha/infrastructure/thing.record';\nexport const peek = () => new ThingRecord();\n" },
      "imports src/modules/alpha/infrastructure/thing.record.ts: another module's internals",
    ],
  ])('--check fails "%s" on %s', (criterion, _case, changes, reason) => {
    inTree(changes, (root) => {
      const { status, output } = arch(['--check'], root);
      expect(output).toContain(`✘ ${criterion}`);
      expect(output).toContain(reason);
      expect(output).toContain('✘ cannot be taken out as it is');
      expect(status).toBe(1);
    });
  });
});
