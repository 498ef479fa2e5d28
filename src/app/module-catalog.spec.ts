import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { LocalCustomersPort } from '../modules/customers/application/customers.local-port';
import { LocalOrdersPort } from '../modules/orders/application/orders.local-port';
import { LocalPaymentsPort } from '../modules/payments/application/payments.local-port';
import { MODULE_NAMES } from '../shared/config/module-name';
import { messageKey } from '../shared/messaging/integration-message';
import { MODULE_CATALOG } from './module-catalog';

const methodsOf = (type: { prototype: object }) =>
  Object.getOwnPropertyNames(type.prototype)
    .filter((name) => name !== 'constructor')
    .sort();

/** The module map as scripts/arch.js reads it from the code. */
interface ModuleMap {
  modules: Array<{ name: string; calls: Array<{ module: string; method: string }> }>;
  messages: Array<{ name: string; version: number; publishers: string[] }>;
}

function moduleMap(): ModuleMap {
  const root = resolve(__dirname, '../..');
  const run = spawnSync(process.execPath, [resolve(root, 'scripts/arch.js'), '--json'], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`scripts/arch.js --json failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as ModuleMap;
}

describe('module catalog', () => {
  // A port method missing from the list would work in the monolith and fail only once the module is taken out.
  it.each([
    ['customers', LocalCustomersPort],
    ['orders', LocalOrdersPort],
    ['payments', LocalPaymentsPort],
  ] as const)('lists every method of the %s port for the transport', (name, local) => {
    expect([...MODULE_CATALOG[name].methods].sort()).toEqual(methodsOf(local));
  });

  // The dashboard draws them: a picture that disagrees with the code would teach the wrong thing.
  it('says what each module publishes and calls, as the code does', () => {
    const map = moduleMap();
    for (const name of MODULE_NAMES) {
      const published = map.messages.filter((message) => message.publishers.includes(name)).map((message) => messageKey(message.name, message.version));
      expect({ name, publishes: MODULE_CATALOG[name].publishes.map((type) => messageKey(type.messageName, type.version)).sort() }).toEqual({ name, publishes: published.sort() });
      const called = map.modules.find((module) => module.name === name)!.calls.map(({ module, method }) => `${module}.${method}`);
      expect({ name, calls: MODULE_CATALOG[name].calls.map(({ module, method }) => `${module}.${method}`).sort() }).toEqual({ name, calls: [...new Set(called)].sort() });
    }
  });
});
