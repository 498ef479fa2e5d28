#!/usr/bin/env node
// The module map, generated from the code.
//
//   npm run arch                 prints the map and writes it, with Mermaid diagrams, to docs/architecture.md,
//                                and the links between modules the dashboard draws to src/app/module-links.ts
//   npm run arch -- --check      says whether each module can be taken out (owns its tables, plain-data
//                                contracts, no shared in-memory state) and whether both files are up to
//                                date; exits 1 if not. Writes nothing. CI runs it.
//   node scripts/arch.js --stdout   prints what docs/architecture.md should contain, writes nothing
//   node scripts/arch.js --json     prints the map as JSON, for other tools
//   --root <dir>                 the project to read (default: this one)
//
// The sources are parsed with the TypeScript compiler's parser; see scripts/arch/ for how each part of the
// map is found.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { scan } = require('./arch/scan');
const { check } = require('./arch/check');
const { text, checkText, markdown, links } = require('./arch/render');

const DOC = 'docs/architecture.md';
const LINKS = 'src/app/module-links.ts';

class UsageError extends Error {}

function parseArgs(argv) {
  const options = { mode: 'write', root: path.resolve(__dirname, '..') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--check' || arg === '--stdout' || arg === '--json' || arg === '--write') options.mode = arg.slice(2);
    else if (arg === '--root') options.root = path.resolve(argv[++i] || '.');
    else if (arg === '--help' || arg === '-h') options.mode = 'help';
    else throw new UsageError(`unknown argument ${arg}: use --write (default), --check, --stdout, --json or --root <dir>`);
  }
  return options;
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.mode === 'help') {
    process.stdout.write(fs.readFileSync(__filename, 'utf8').split('\n').slice(1, 14).map((l) => l.replace(/^\/\/ ?/, '')).join('\n') + '\n');
    return 0;
  }
  const model = scan(options.root);
  const results = check(model);
  const doc = markdown(model, results);
  const generated = [
    [DOC, doc],
    [LINKS, links(model)],
  ];

  switch (options.mode) {
    case 'stdout':
      process.stdout.write(doc);
      return 0;
    case 'json': {
      const plain = { ...model };
      delete plain.sources;
      process.stdout.write(`${JSON.stringify({ ...plain, checks: results }, null, 2)}\n`);
      return 0;
    }
    case 'check': {
      process.stdout.write(`${checkText(results).join('\n')}\n`);
      let fresh = true;
      for (const [file, content] of generated) {
        const filePath = path.join(options.root, file);
        const current = fs.existsSync(filePath) ? fs.readFileSync(filePath, 'utf8') : undefined;
        fresh = fresh && current === content;
        process.stdout.write(current === content ? `✔ ${file} is up to date\n` : `✘ ${file} is ${current === undefined ? 'missing' : 'stale'}: run npm run arch\n`);
      }
      const failed = results.some((r) => r.criteria.some((c) => !c.ok));
      return failed || !fresh ? 1 : 0;
    }
    default:
      process.stdout.write(text(model));
      for (const [file, content] of generated) {
        fs.mkdirSync(path.dirname(path.join(options.root, file)), { recursive: true });
        fs.writeFileSync(path.join(options.root, file), content);
      }
      process.stdout.write(`\nwrote ${generated.map(([file]) => file).join(' and ')}\n`);
      return 0;
  }
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(error instanceof UsageError ? error.message : error);
  process.exitCode = 2;
}
