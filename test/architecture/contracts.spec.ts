// The contract snapshots (npm run contracts) and the breaking-change check (npm run contracts -- --check).
// The first test holds the real code to its committed snapshots. The others run the command on a small fake
// project in a temp dir: its snapshots are written from the clean sources, then one change is planted in the
// sources (or, where TypeScript cannot say it, in a snapshot) and the check must name what breaks, or let an
// additive change through. The command runs in this process (what `node scripts/contracts.js` runs), so
// TypeScript's own declarations are read once for all the cases.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
// A plain Node.js script, without type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const script = require('../../scripts/contracts') as { run: (argv: string[]) => { status: number; output: string } };

function contracts(args: string[], root = ROOT): { status: number; output: string } {
  return script.run([...args, '--root', root]);
}

type Tree = Record<string, string>;

const thingDto = (input: string, answer: string) =>
  "export type Colour = 'red' | 'green';\n" +
  `export interface MakeThingInput {\n${input}}\n` +
  `export interface ThingDto {\n${answer}}\n`;
const INPUT = '  name: string;\n  colour: Colour;\n  size: number;\n  label: string | null;\n  note?: string;\n';
const ANSWER = '  id: string;\n  name: string;\n  colour: Colour;\n  note?: string;\n';

const port = (methods: string, forwarded: string) =>
  "import { Forwarded } from '../../../module-kit/forwarded';\nimport { MakeThingInput, ThingDto } from './thing.dto';\n" +
  `@Forwarded({ ${forwarded} })\nexport abstract class AlphaPort {\n${methods}}\n`;
const METHODS = '  abstract make(input: MakeThingInput): Promise<ThingDto>;\n  abstract get(thingId: string, fresh?: boolean): Promise<ThingDto>;\n';

const message = (className: string, version: number, payload: string) =>
  `export class ${className} extends IntegrationMessage<{ ${payload} }> {\n  static readonly messageName = 'alpha.ThingMade';\n  static readonly version = ${version};\n` +
  '  get orderingKey(): string {\n    return this.payload.thingId;\n  }\n}\n';
const events = (...classes: string[]) =>
  "import { IntegrationMessage } from '../../../module-kit/messaging/integration-message';\nimport { Colour } from './thing.dto';\n" + classes.join('');
const PAYLOAD = 'thingId: string; colour: Colour; size: number; note?: string';

const publisher = (publish: string) =>
  "import { CommandHandler } from '@nestjs/cqrs';\n" +
  "import { MessageVersions } from '../../../module-kit/messaging/message-versions';\n" +
  "import { Outbox } from '../../../module-kit/messaging/outbox';\n" +
  "import { ThingMade, ThingMadeV2 } from '../contracts';\n" +
  "import { MakeThingCommand } from './make-thing.command';\n" +
  '@CommandHandler(MakeThingCommand)\n' +
  'export class MakeThingHandler {\n  constructor(private readonly outbox: Outbox) {}\n' +
  `  async execute({ name }: MakeThingCommand) {\n    await this.outbox.publish(${publish});\n  }\n}\n`;
const PUBLISH = "new ThingMade({ thingId: name, colour: 'red', size: 1 })";
const PUBLISH_V2 = "new ThingMadeV2({ thingId: name, colour: 'red', size: 'S' })";
const EVENTS_V1_V2 = events(message('ThingMade', 1, PAYLOAD), message('ThingMadeV2', 2, PAYLOAD.replace('size: number', "size: 'S' | 'M'")));

const handlers = (on: string) =>
  "import { Inbox } from '../../../module-kit/messaging/inbox';\n" +
  "import { ThingMade, ThingMadeV2 } from '../../alpha/contracts';\n" +
  'export class BetaMessageHandlers {\n  constructor(private readonly inbox: Inbox) {}\n' +
  `  onModuleInit() {\n    this.inbox${on};\n  }\n}\n`;
const ON = '.on(ThingMade, async () => undefined)';
const HANDLERS_V1_V2 = handlers(`${ON}.on(ThingMadeV2, async () => undefined)`);
const MANIFEST_V1_V2 = "import { ThingMade, ThingMadeV2 } from '../alpha/contracts';\nexport const betaManifest = { name: 'beta', consumes: [ThingMade, ThingMadeV2] };\n";

// Two modules: alpha offers AlphaPort and sends alpha.ThingMade@v1; beta handles it.
const betaPort =
  "import { Forwarded } from '../../../module-kit/forwarded';\n" +
  "@Forwarded({ count: 'read' })\nexport abstract class BetaPort {\n  abstract count(): Promise<number>;\n}\n";

const CLEAN: Tree = {
  'src/module-kit/forwarded.ts': 'export const Forwarded = (_kinds: object) => (_port: unknown) => undefined;\n',
  'src/module-kit/messaging/integration-message.ts': 'export abstract class IntegrationMessage<T extends object = object> {\n  constructor(readonly payload: T) {}\n}\n',
  'src/module-kit/messaging/outbox.ts': 'export class Outbox {\n  async publish(..._messages: object[]): Promise<void> {}\n}\n',
  'src/module-kit/messaging/inbox.ts': 'export class Inbox {\n  on(_type: unknown, _handle: unknown): this {\n    return this;\n  }\n}\n',
  'src/module-kit/messaging/message-versions.ts': 'export class MessageVersions {\n  constructor(..._versions: object[]) {}\n}\n',
  'src/modules/alpha/contracts/thing.dto.ts': thingDto(INPUT, ANSWER),
  'src/modules/alpha/contracts/alpha.port.ts': port(METHODS, "make: 'write', get: 'read'"),
  'src/modules/alpha/contracts/alpha.events.ts': events(message('ThingMade', 1, PAYLOAD)),
  'src/modules/alpha/contracts/index.ts': "export * from './alpha.events';\nexport * from './alpha.port';\nexport * from './thing.dto';\n",
  'src/modules/alpha/alpha.manifest.ts': "export const alphaManifest = { name: 'alpha', consumes: [] };\n",
  'src/modules/alpha/application/make-thing.command.ts': 'export class MakeThingCommand {\n  constructor(readonly name: string) {}\n}\n',
  'src/modules/alpha/application/make-thing.handler.ts': publisher(PUBLISH),
  'src/modules/beta/contracts/beta.port.ts': betaPort,
  'src/modules/beta/beta.manifest.ts': "import { ThingMade } from '../alpha/contracts';\nexport const betaManifest = { name: 'beta', consumes: [ThingMade] };\n",
  'src/modules/beta/application/beta.message-handlers.ts': handlers(ON),
};

function write(root: string, tree: Tree): void {
  for (const [file, text] of Object.entries(tree)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
}

/** The snapshots the script writes for the clean tree, by file name. */
let cleanSnapshots: Tree;

/** Runs `work` in a copy of the clean tree with its snapshots, after `changes` to its files. */
function inTree(changes: Tree, work: (root: string) => void): void {
  const root = mkdtempSync(join(tmpdir(), 'contracts-'));
  try {
    write(root, { ...CLEAN, ...cleanSnapshots, ...changes });
    work(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

jest.setTimeout(60_000);

beforeAll(() => {
  const root = mkdtempSync(join(tmpdir(), 'contracts-'));
  try {
    write(root, CLEAN);
    const { status, output } = contracts([], root);
    expect(output).toContain('wrote contracts/snapshots/alpha.json, contracts/snapshots/beta.json');
    expect(status).toBe(0);
    const dir = join(root, 'contracts/snapshots');
    cleanSnapshots = Object.fromEntries(readdirSync(dir).map((f) => [`contracts/snapshots/${f}`, readFileSync(join(dir, f), 'utf8')]));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

describe('the contracts of this code (npm run contracts -- --check)', () => {
  it('are the committed snapshots, and break nothing', () => {
    const { status, output } = contracts(['--check']);
    expect(output).not.toContain('✘');
    expect(output).toContain('✔ contracts/snapshots/ matches the code');
    expect(status).toBe(0);
  });
});

describe('the snapshots, on a fake project', () => {
  it('hold each forwarded port method with its arguments and answer, and each message sent or handled, from the types', () => {
    const alpha = JSON.parse(cleanSnapshots['contracts/snapshots/alpha.json']);
    expect(Object.keys(alpha.methods)).toEqual(['get', 'make']);
    expect(alpha.methods.get.input).toEqual({
      type: 'array',
      prefixItems: [
        { title: 'thingId', type: 'string' },
        { title: 'fresh', type: 'boolean' },
      ],
      minItems: 1,
      maxItems: 2,
    });
    expect(alpha.methods.make.answer).toEqual({ $ref: '#/$defs/ThingDto' });
    expect(alpha.$defs.Colour).toEqual({ enum: ['green', 'red'] });
    expect(alpha.$defs.MakeThingInput).toMatchObject({
      properties: { label: { anyOf: [{ type: 'null' }, { type: 'string' }] }, colour: { $ref: '#/$defs/Colour' } },
      required: ['colour', 'label', 'name', 'size'],
    });
    expect(alpha.sends['alpha.ThingMade@v1']).toMatchObject({ class: 'ThingMade', name: 'alpha.ThingMade', version: 1, to: ['beta'] });
    expect(alpha.sends['alpha.ThingMade@v1'].payload.required).toEqual(['colour', 'size', 'thingId']);
    const beta = JSON.parse(cleanSnapshots['contracts/snapshots/beta.json']);
    expect(Object.keys(beta.consumes)).toEqual(['alpha.ThingMade@v1']);
    expect(beta.consumes['alpha.ThingMade@v1']).toMatchObject({ from: ['alpha'], payload: alpha.sends['alpha.ThingMade@v1'].payload });
  });

  it('are written the same way twice: keys sorted, $defs stable', () => {
    inTree({}, (root) => {
      expect(contracts([], root).output).toContain('contracts/snapshots/ is up to date');
      for (const [file, text] of Object.entries(cleanSnapshots)) expect(readFileSync(join(root, file), 'utf8')).toBe(text);
    });
  });
});

describe('the check, on a fake project', () => {
  const thing = 'src/modules/alpha/contracts/thing.dto.ts';
  const alphaPort = 'src/modules/alpha/contracts/alpha.port.ts';
  const alphaEvents = 'src/modules/alpha/contracts/alpha.events.ts';

  it.each([
    ['a port method removed', { [alphaPort]: port(METHODS, "make: 'write'") }, ['alpha: AlphaPort.get: the method was removed: old callers still call it']],
    [
      'a parameter added as required',
      { [alphaPort]: port(METHODS.replace('fresh?: boolean', 'fresh: boolean'), "make: 'write', get: 'read'") },
      ['alpha: AlphaPort.get, parameter 2 (fresh): is now required: old callers may leave it out'],
    ],
    [
      'a parameter removed',
      { [alphaPort]: port(METHODS.replace(', fresh?: boolean', ''), "make: 'write', get: 'read'") },
      ['alpha: AlphaPort.get, parameter 2 (fresh): was removed: old callers still send it, and it would be ignored'],
    ],
    [
      'an input field made required',
      { [thing]: thingDto(INPUT.replace('note?:', 'note:'), ANSWER) },
      ['alpha: AlphaPort.make, parameter 1 (input).note: is now required: old callers do not send it'],
    ],
    [
      'an input field removed',
      { [thing]: thingDto(INPUT.replace('  size: number;\n', ''), ANSWER) },
      ['alpha: AlphaPort.make, parameter 1 (input).size: was removed: old callers still send it, and it would be ignored'],
    ],
    [
      'an input type narrowed from string to literals',
      { [thing]: thingDto(INPUT.replace('name: string', "name: 'big' | 'small'"), ANSWER) },
      ["alpha: AlphaPort.make, parameter 1 (input).name: no longer accepts any string, which old callers may send (now 'big' | 'small')"],
    ],
    [
      'a union member removed from an input',
      { [thing]: thingDto(INPUT.replace('label: string | null', 'label: string'), ANSWER) },
      ['alpha: AlphaPort.make, parameter 1 (input).label: no longer accepts null, which old callers may send (now any string)'],
    ],
    [
      'an enum value removed (from an input and a payload)',
      { [thing]: thingDto(INPUT, ANSWER).replace("'red' | 'green'", "'red'") },
      [
        "alpha: AlphaPort.make, parameter 1 (input).colour: no longer accepts 'green', which old callers may send (now 'red')",
        "alpha: alpha.ThingMade@v1, payload.colour: no longer accepts 'green', which old producers send (now 'red')",
        "beta: alpha.ThingMade@v1, payload.colour: no longer accepts 'green', which old producers send (now 'red')",
      ],
    ],
    [
      'an enum value added (to an answer and a payload)',
      { [thing]: thingDto(INPUT, ANSWER).replace("'red' | 'green'", "'red' | 'green' | 'blue'") },
      [
        "alpha: AlphaPort.get, answer.colour: may now be 'blue', which old callers do not expect (was 'green' | 'red')",
        "alpha: alpha.ThingMade@v1, payload.colour: may now be 'blue', which old consumers do not expect (was 'green' | 'red')",
      ],
    ],
    [
      'an answer field removed',
      { [thing]: thingDto(INPUT, ANSWER.replace('  name: string;\n', '')) },
      ['alpha: AlphaPort.make, answer.name: was removed or made optional: old callers expect it'],
    ],
    [
      'an answer field made optional',
      { [thing]: thingDto(INPUT, ANSWER.replace('name: string', 'name?: string')) },
      ['alpha: AlphaPort.get, answer.name: was removed or made optional: old callers expect it'],
    ],
    [
      'a payload field removed',
      { [alphaEvents]: events(message('ThingMade', 1, PAYLOAD.replace(' size: number;', ''))) },
      ['alpha: alpha.ThingMade@v1, payload.size: was removed or made optional: old consumers expect it'],
    ],
    [
      'a payload field made required',
      { [alphaEvents]: events(message('ThingMade', 1, PAYLOAD.replace('note?:', 'note:'))) },
      ['beta: alpha.ThingMade@v1, payload.note: is now required: messages from old producers lack it'],
    ],
    [
      'a payload type narrowed from number to a literal',
      { [alphaEvents]: events(message('ThingMade', 1, PAYLOAD.replace('size: number', 'size: 1'))) },
      ['beta: alpha.ThingMade@v1, payload.size: no longer accepts any number, which old producers send (now 1)'],
    ],
    [
      'a message no longer sent',
      { 'src/modules/alpha/application/make-thing.handler.ts': publisher('') },
      ['alpha: alpha.ThingMade@v1: is no longer sent: old consumers wait for it'],
    ],
    [
      'a message no longer handled',
      { 'src/modules/beta/application/beta.message-handlers.ts': handlers(''), 'src/modules/beta/beta.manifest.ts': "export const betaManifest = { name: 'beta', consumes: [] };\n" },
      ['beta: alpha.ThingMade@v1: is no longer handled: old producers still send it, and it would be dead-lettered'],
    ],
    [
      'a new version sent in an envelope of its own to a consumer whose snapshot does not handle it',
      {
        [alphaEvents]: EVENTS_V1_V2,
        'src/modules/alpha/application/make-thing.handler.ts': publisher(`${PUBLISH}, ${PUBLISH_V2}`),
        'src/modules/beta/application/beta.message-handlers.ts': HANDLERS_V1_V2,
        'src/modules/beta/beta.manifest.ts': MANIFEST_V1_V2,
      },
      ['alpha: alpha.ThingMade@v2, sent to beta: old beta processes do not handle it and would dead-letter it'],
    ],
    [
      'a message changed in place to version 2',
      { [alphaEvents]: events(message('ThingMade', 2, PAYLOAD)) },
      ['alpha: alpha.ThingMade@v1: is no longer sent', 'beta: alpha.ThingMade@v1: is no longer handled'],
    ],
  ])('fails on %s, naming the module, the method or message and the field', (_case, changes: Tree, findings: string[]) => {
    inTree(changes, (root) => {
      const { status, output } = contracts(['--check'], root);
      for (const finding of findings) expect(output).toContain(`✘ ${finding}`);
      expect(output).toContain('breaking change(s): keep the old method or message version beside the new one');
      expect(status).toBe(1);
    });
  });

  it('fails on a number widened from integer in an answer (a type TypeScript cannot write, so planted in the snapshot)', () => {
    const alpha = JSON.parse(cleanSnapshots['contracts/snapshots/alpha.json']);
    alpha.$defs.ThingDto.properties.size = { type: 'integer' };
    alpha.$defs.ThingDto.required.push('size');
    inTree({ 'contracts/snapshots/alpha.json': JSON.stringify(alpha), [thing]: thingDto(INPUT, `${ANSWER}  size: number;\n`) }, (root) => {
      const { status, output } = contracts(['--check'], root);
      expect(output).toContain('✘ alpha: AlphaPort.make, answer.size: may now be any number, which old callers do not expect (was any integer)');
      expect(status).toBe(1);
    });
  });

  it('lets additive changes through, and npm run contracts records them', () => {
    const changes: Tree = {
      // an optional input field, an answer field, a new method, an optional payload field
      [thing]: thingDto(`${INPUT}  tags?: string[];\n`, `${ANSWER}  madeAt: string;\n`),
      [alphaPort]: port(`${METHODS}  abstract count(): Promise<number>;\n`, "make: 'write', get: 'read', count: 'read'"),
      [alphaEvents]: events(message('ThingMade', 1, `${PAYLOAD}; madeBy?: string`)),
    };
    inTree(changes, (root) => {
      const checked = contracts(['--check'], root);
      expect(checked.output).not.toContain('✘');
      expect(checked.output).toContain('alpha: AlphaPort.count: added');
      expect(checked.output).toContain('alpha: AlphaPort.make: changed compatibly');
      expect(checked.output).toContain('beta: alpha.ThingMade@v1: payload changed compatibly');
      expect(checked.output).toContain('✔ no breaking change; not yet in contracts/snapshots/: alpha, beta (run npm run contracts)');
      expect(checked.status).toBe(0);

      expect(contracts([], root)).toMatchObject({ status: 0, output: expect.stringContaining('wrote contracts/snapshots/alpha.json, contracts/snapshots/beta.json') });
      expect(contracts(['--check'], root)).toMatchObject({ status: 0, output: expect.stringContaining('✔ contracts/snapshots/ matches the code') });
    });
  });

  it('lets a breaking change through as a new version beside the old one, still sent and handled, in one envelope with it', () => {
    const changes: Tree = {
      [alphaEvents]: EVENTS_V1_V2,
      'src/modules/alpha/application/make-thing.handler.ts': publisher(`new MessageVersions(${PUBLISH}, ${PUBLISH_V2})`),
      'src/modules/beta/application/beta.message-handlers.ts': HANDLERS_V1_V2,
      'src/modules/beta/beta.manifest.ts': MANIFEST_V1_V2,
    };
    inTree(changes, (root) => {
      const { status, output } = contracts(['--check'], root);
      expect(output).not.toContain('✘');
      expect(output).toContain('alpha: alpha.ThingMade@v2: now sent');
      expect(output).toContain('beta: alpha.ThingMade@v2: now handled');
      expect(status).toBe(0);
      contracts([], root);
      const alpha = JSON.parse(readFileSync(join(root, 'contracts/snapshots/alpha.json'), 'utf8'));
      expect(alpha.sends['alpha.ThingMade@v1']).toMatchObject({ to: ['beta'], with: [2] });
      expect(alpha.sends['alpha.ThingMade@v2']).toMatchObject({ to: ['beta'], with: [1] });
    });
  });

  it('lets a new version be sent alone once the consumer handled it in the snapshot', () => {
    const handled: Tree = { [alphaEvents]: EVENTS_V1_V2, 'src/modules/beta/application/beta.message-handlers.ts': HANDLERS_V1_V2, 'src/modules/beta/beta.manifest.ts': MANIFEST_V1_V2 };
    inTree(handled, (root) => {
      expect(contracts([], root)).toMatchObject({ status: 0, output: expect.stringContaining('beta: alpha.ThingMade@v2: now handled') });
      write(root, { 'src/modules/alpha/application/make-thing.handler.ts': publisher(`${PUBLISH}, ${PUBLISH_V2}`) });
      expect(contracts(['--check'], root)).toMatchObject({ status: 0, output: expect.stringContaining('alpha: alpha.ThingMade@v2: now sent') });
    });
  });

  it('writes a breaking change only when told to (--accept-breaking), to retire a version no process uses', () => {
    inTree({ [alphaPort]: port(METHODS, "make: 'write'") }, (root) => {
      const refused = contracts([], root);
      expect(refused).toMatchObject({ status: 1, output: expect.stringContaining('✘ 1 breaking change(s): nothing written') });
      expect(readFileSync(join(root, 'contracts/snapshots/alpha.json'), 'utf8')).toBe(cleanSnapshots['contracts/snapshots/alpha.json']);
      const accepted = contracts(['--accept-breaking'], root);
      expect(accepted).toMatchObject({ status: 0, output: expect.stringContaining('wrote contracts/snapshots/alpha.json') });
      expect(contracts(['--check'], root)).toMatchObject({ status: 0, output: expect.stringContaining('matches the code') });
    });
  });
});
