#!/usr/bin/env node
// The modules' contracts, as committed snapshots, and the check that a change keeps them.
//
//   npm run contracts                     writes contracts/snapshots/<module>.json: each port method with the
//                                         JSON Schema of its arguments and answer, each message the module sends
//                                         and handles with its name, version and payload schema; refuses (exit 1)
//                                         a change that would break a process of the previous version
//   npm run contracts -- --check          compares the code with the snapshots; exits 1 and names the module,
//                                         method or message and field of each breaking change. Writes nothing.
//                                         CI runs it.
//   npm run contracts -- --accept-breaking   writes the snapshots even so: only to retire a version that no
//                                         running process uses any more (docs/versioning.md)
//   --root <dir>                          the project to read (default: this one)
//
// The schemas come from the TypeScript types (scripts/contracts/extract.js); the rules, and why, are in
// scripts/contracts/compare.js.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { extract } = require('./contracts/extract');
const { compare, compareDeliveries } = require('./contracts/compare');
const { sortKeys } = require('./contracts/json-schema');

const SNAPSHOTS = 'contracts/snapshots';
const EMPTY = { methods: {}, sends: {}, consumes: {}, $defs: {} };

class UsageError extends Error {}

function parseArgs(argv) {
  const options = { mode: 'write', acceptBreaking: false, root: path.resolve(__dirname, '..') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--check') options.mode = 'check';
    else if (arg === '--accept-breaking') options.acceptBreaking = true;
    else if (arg === '--root') options.root = path.resolve(argv[++i] || '.');
    else if (arg === '--help' || arg === '-h') options.mode = 'help';
    else throw new UsageError(`unknown argument ${arg}: use --check, --accept-breaking or --root <dir>`);
  }
  return options;
}

/** Runs the command with `argv` (the arguments after the script's name): { status, output }. */
function run(argv) {
  const out = [];
  const say = (line) => out.push(line);
  try {
    return { status: contracts(parseArgs(argv), say), output: out.map((line) => `${line}\n`).join('') };
  } catch (error) {
    return { status: 2, output: `${out.map((line) => `${line}\n`).join('')}${error instanceof UsageError ? error.message : error.stack}\n` };
  }
}

function contracts(options, say) {
  if (options.mode === 'help') {
    const header = fs.readFileSync(__filename, 'utf8').split('\n').slice(1);
    say(header.slice(0, header.findIndex((l) => !l.startsWith('//'))).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
    return 0;
  }
  const dir = path.join(options.root, SNAPSHOTS);
  const fresh = new Map(extract(options.root).map((contract) => [contract.module, `${JSON.stringify(sortKeys(contract), null, 2)}\n`]));
  const committed = new Map(
    (fs.existsSync(dir) ? fs.readdirSync(dir) : []).filter((f) => f.endsWith('.json')).map((f) => [f.replace(/\.json$/, ''), fs.readFileSync(path.join(dir, f), 'utf8')]),
  );

  const modules = [...new Set([...fresh.keys(), ...committed.keys()])].sort();
  const before = new Map(modules.map((m) => [m, committed.has(m) ? JSON.parse(committed.get(m)) : undefined]));
  const after = new Map(modules.filter((m) => fresh.has(m)).map((m) => [m, JSON.parse(fresh.get(m))]));
  const breaking = [];
  const compatible = [];
  for (const module of modules) {
    const was = before.get(module) || { ...EMPTY, module };
    const result = compare(was, after.get(module) || { ...EMPTY, module, port: was.port });
    breaking.push(...result.breaking);
    compatible.push(...result.compatible);
  }
  breaking.push(...compareDeliveries(new Map([...before].filter(([, snapshot]) => snapshot)), after));
  const stale = [...new Set([...fresh.keys(), ...committed.keys()])].filter((m) => fresh.get(m) !== committed.get(m)).sort();

  for (const b of breaking) say(`✘ ${b.module}: ${b.subject}${b.field ? `, ${b.field}` : ''}: ${b.problem}`);
  for (const c of compatible) say(`  ${c.module}: ${c.subject}: ${c.change}`);

  if (options.mode === 'check') {
    if (breaking.length) {
      say(`\n✘ ${breaking.length} breaking change(s): keep the old method or message version beside the new one (docs/versioning.md)`);
      return 1;
    }
    say(stale.length ? `\n✔ no breaking change; not yet in ${SNAPSHOTS}/: ${stale.join(', ')} (run npm run contracts)` : `✔ ${SNAPSHOTS}/ matches the code`);
    return 0;
  }
  if (breaking.length && !options.acceptBreaking) {
    say(`\n✘ ${breaking.length} breaking change(s): nothing written. Keep the old version beside the new one, or, to retire one that no running process uses, --accept-breaking (docs/versioning.md)`);
    return 1;
  }
  fs.mkdirSync(dir, { recursive: true });
  for (const module of stale) {
    if (fresh.has(module)) fs.writeFileSync(path.join(dir, `${module}.json`), fresh.get(module));
    else fs.rmSync(path.join(dir, `${module}.json`));
  }
  say(stale.length ? `wrote ${stale.map((m) => `${SNAPSHOTS}/${m}.json`).join(', ')}` : `${SNAPSHOTS}/ is up to date`);
  return 0;
}

if (require.main === module) {
  const { status, output } = run(process.argv.slice(2));
  process.stdout.write(output);
  process.exitCode = status;
}

module.exports = { run };
