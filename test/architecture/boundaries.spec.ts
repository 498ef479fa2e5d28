// Proves that `npm run check:boundaries` really catches boundary breaks: it runs the project's
// own check (scripts/arch/boundaries.js, with the rules of .dependency-cruiser.js) against small
// fake trees in a temp dir (so the real src/ being clean or half-written does not matter).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const CHECK = join(ROOT, 'scripts/arch/boundaries.js');

type Tree = Record<string, string>;

// A tree that respects every rule: beta uses alpha only through alpha's contracts.
const CLEAN: Tree = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'commonjs', baseUrl: './' }, include: ['src'] }),
  'src/module-kit/ids.ts': 'export type Id = string;\n',
  'src/platform/clock.ts': "import type { Id } from '../module-kit/ids';\nexport const stamp = (id: Id) => `${id}@${Date.now()}`;\n",
  'src/modules/alpha/contracts/index.ts': "import type { Id } from '../../../module-kit/ids';\nexport interface Thing { id: Id }\n",
  'src/modules/alpha/domain/thing.ts': "import type { Thing } from '../contracts';\nexport const make = (id: string): Thing => ({ id });\n",
  'src/modules/beta/contracts/index.ts': 'export interface Use { run(): void }\n',
  'src/modules/beta/application/use.ts':
    "import type { Thing } from '../../alpha/contracts';\nimport type { Use } from '../contracts';\n" +
    'export const use = (thing: Thing): Use => ({ run: () => void thing });\n',
};

// Same as the npm script: the dependency-cruiser rules and the module-cycle check, in one run.
function checkBoundaries(changes: Tree): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'boundaries-'));
  try {
    for (const [file, text] of Object.entries({ ...CLEAN, ...changes })) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    const result = spawnSync(process.execPath, [CHECK, '--root', dir], { encoding: 'utf8' });
    return { status: result.status, output: result.stdout + result.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

jest.setTimeout(60_000);

describe('module boundaries (npm run check:boundaries)', () => {
  it('passes a tree that only crosses modules through contracts', () => {
    const { status, output } = checkBoundaries({});
    expect(output).toContain('no module cycles');
    expect(status).toBe(0);
  });

  it.each([
    ['a relative path', '../../alpha/domain/thing'],
    ['a tsconfig baseUrl path', 'src/modules/alpha/domain/thing'],
  ])("fails a deep import into another module's internals via %s", (_how, specifier) => {
    const { status, output } = checkBoundaries({
      'src/modules/beta/application/use.ts': `import { make } from '${specifier}';\nexport const use = () => make('1');\n`,
    });
    expect(status).not.toBe(0);
    expect(output).toContain('only-contracts-across-modules');
    expect(output).toContain('src/modules/beta/application/use.ts → src/modules/alpha/domain/thing.ts');
  });

  it('fails a module cycle that goes through contracts only (no file-level cycle)', () => {
    const { status, output } = checkBoundaries({
      'src/modules/alpha/domain/thing.ts':
        "import type { Use } from '../../beta/contracts';\nexport const make = (use: Use) => use.run();\n",
    });
    expect(status).not.toBe(0);
    expect(output).toContain(
      'module cycle: alpha -> beta (src/modules/alpha/domain/thing.ts imports src/modules/beta/contracts/index.ts) -> ' +
        'alpha (src/modules/beta/application/use.ts imports src/modules/alpha/contracts/index.ts)',
    );
  });

  it.each([
    ['the platform', 'src/platform/leak.ts'],
    ['the module kit', 'src/module-kit/leak.ts'],
  ])('fails %s importing a module', (_room, file) => {
    const { status, output } = checkBoundaries({ [file]: "export { make } from '../modules/alpha/domain/thing';\n" });
    expect(status).not.toBe(0);
    expect(output).toContain('kit-and-platform-know-no-module');
    expect(output).toContain(`${file} → src/modules/alpha/domain/thing.ts`);
  });

  it('fails a module importing the platform, and lets its specs set the platform up', () => {
    const reachesPlatform = "import { stamp } from '../../../platform/clock';\nexport const mark = () => stamp('1');\n";
    expect(checkBoundaries({ 'src/modules/alpha/domain/thing.spec.ts': reachesPlatform }).status).toBe(0);
    const { status, output } = checkBoundaries({ 'src/modules/alpha/domain/mark.ts': reachesPlatform });
    expect(status).not.toBe(0);
    expect(output).toContain('modules-see-the-kit-not-the-platform');
    expect(output).toContain('src/modules/alpha/domain/mark.ts → src/platform/clock.ts');
  });

  it('fails the dashboard importing the app that composes it', () => {
    const { status, output } = checkBoundaries({
      'src/app/catalog.ts': "export const CATALOG = ['alpha', 'beta'];\n",
      'src/dashboard/topology.ts': "import { CATALOG } from '../app/catalog';\nexport const names = () => CATALOG;\n",
    });
    expect(status).not.toBe(0);
    expect(output).toContain('only-the-app-knows-the-composition');
    expect(output).toContain('src/dashboard/topology.ts → src/app/catalog.ts');
  });

  it("fails contracts reaching into their own module's internals", () => {
    const { status, output } = checkBoundaries({
      'src/modules/beta/contracts/index.ts': "export type { Thing } from '../application/use';\n",
      'src/modules/beta/application/use.ts': 'export interface Thing { id: string }\n',
    });
    expect(status).not.toBe(0);
    expect(output).toContain('contracts-import-only-contracts-and-the-kit');
    expect(output).toContain('src/modules/beta/contracts/index.ts → src/modules/beta/application/use.ts');
  });
});
