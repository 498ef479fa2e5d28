import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODULE_NAMES } from '../../src/app/module-names';
import { loadConfig } from '../../src/app/load-app-config';

const root = join(__dirname, '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** The settings .env.example names, set or commented out, with the value it gives (undefined when commented). */
function listed(): Map<string, string | undefined> {
  const settings = new Map<string, string | undefined>();
  for (const line of read('.env.example').split('\n')) {
    const match = /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match) settings.set(match[2], match[1] ? undefined : match[3]);
  }
  return settings;
}

/** Every variable the config loader reads: by name (`env.X`), and those it builds from the module names. */
function variablesTheLoaderReads(): string[] {
  const source = read('src/platform/config/load-config.ts');
  const named = [...source.matchAll(/env\.([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]);
  const tls = [...(/TCP_TLS_KEYS = \[([^\]]*)\]/.exec(source)?.[1] ?? '').matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]);
  const perModule = MODULE_NAMES.flatMap((name) => [`${name.toUpperCase()}_TCP`, `${name.toUpperCase()}_DATABASE_URL`]);
  return [...new Set([...named, ...tls, ...perModule])];
}

describe('.env.example', () => {
  it('names every variable the configuration reads, and nothing it does not', () => {
    const names = [...listed().keys()];
    expect(variablesTheLoaderReads().filter((name) => !names.includes(name))).toEqual([]);
    expect(names.filter((name) => !variablesTheLoaderReads().includes(name))).toEqual([]);
  });

  it('gives each setting it sets its default: loading it changes nothing', () => {
    const set = Object.fromEntries([...listed()].filter((entry): entry is [string, string] => entry[1] !== undefined));
    const defaults = loadConfig({}, false);
    const fromExample = loadConfig(set, false);
    expect({ ...fromExample, dataDir: undefined }).toEqual({ ...defaults, dataDir: undefined });
  });
});
