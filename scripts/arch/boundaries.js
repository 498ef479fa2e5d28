#!/usr/bin/env node
// The boundary check (npm run check:boundaries; --root <dir> for another project): fails, naming the file and the
// import, when a module reaches into another module's internals or the platform, when the kit or the platform imports
// a module or the app, or when modules form a cycle. One cruise of src/, judged by the rules of .dependency-cruiser.js
// and folded to modules for the cycles no file rule sees (modules importing each other's contracts form no file cycle).
'use strict';
const path = require('node:path');

const CONFIG = path.join(__dirname, '../../.dependency-cruiser.js');
const MODULE_OF = /^src\/modules\/([^/]+)\//;

// dependency-cruiser is ESM-only (no "require" export): a dynamic import() resolves it from the project's node_modules.
async function cruise(root) {
  const { cruise: run } = await import('dependency-cruiser');
  const { default: extractOptions } = await import('dependency-cruiser/config-utl/extract-depcruise-options');
  const { default: extractTSConfig } = await import('dependency-cruiser/config-utl/extract-ts-config');
  const options = await extractOptions(CONFIG);
  const tsConfig = options.tsConfig ? extractTSConfig(path.resolve(root, options.tsConfig.fileName)) : undefined;
  const cwd = process.cwd();
  process.chdir(root); // paths in the rules and in the output are relative to the project
  try {
    return JSON.parse((await run(['src'], { ...options, outputType: 'json' }, {}, { tsConfig })).output);
  } finally {
    process.chdir(cwd);
  }
}

/** Module cycles as lists of names (first = last), each with the first import seen for each of its edges. */
function moduleCycles(files) {
  const graph = new Map(); // module -> (module -> "file imports file")
  for (const file of files) {
    const from = MODULE_OF.exec(file.source);
    for (const dep of from ? file.dependencies : []) {
      const to = MODULE_OF.exec(dep.resolved);
      if (!to || to[1] === from[1]) continue;
      if (!graph.has(from[1])) graph.set(from[1], new Map());
      if (!graph.get(from[1]).has(to[1])) graph.get(from[1]).set(to[1], `${file.source} imports ${dep.resolved}`);
    }
  }
  const cycles = new Map(); // keyed by the sorted members, so that each cycle is told once
  const done = new Set();
  const visit = (node, trail) => {
    if (trail.includes(node)) {
      const cycle = [...trail.slice(trail.indexOf(node)), node];
      const key = [...new Set(cycle)].sort().join(',');
      if (!cycles.has(key)) cycles.set(key, cycle.map((m, i) => (i ? `${m} (${graph.get(cycle[i - 1]).get(m)})` : m)));
      return;
    }
    if (done.has(node)) return;
    for (const next of (graph.get(node) || new Map()).keys()) visit(next, [...trail, node]);
    done.add(node);
  };
  for (const node of [...graph.keys()].sort()) visit(node, []);
  return { modules: graph.size, cycles: [...cycles.values()] };
}

/** The report's lines, and whether the boundaries hold (warnings do not fail them). */
async function checkBoundaries(root) {
  const result = await cruise(root);
  const lines = result.summary.violations.map((v) => `  ${v.rule.severity} ${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (cycle: ${v.cycle.map((c) => c.name ?? c).join(' → ')})` : ''}`);
  const errors = result.summary.violations.filter((v) => v.rule.severity === 'error').length;
  const { modules, cycles } = moduleCycles(result.modules);
  for (const cycle of cycles) lines.push(`  error module cycle: ${cycle.join(' -> ')}`);
  if (errors || cycles.length) {
    lines.push(`\n✘ ${errors} boundary violation(s), ${cycles.length} module cycle(s). A module imports only other modules' contracts/ and the module kit, ` +
      'and modules depend on each other in one direction only: break a cycle with an event, or an interface owned by the module depended upon.');
  } else {
    lines.push(`✔ no boundary violations (${result.summary.totalCruised} files), no module cycles (${modules} modules with cross-module imports)`);
  }
  return { lines, ok: !errors && !cycles.length };
}

if (require.main === module) {
  const at = process.argv.indexOf('--root');
  checkBoundaries(path.resolve(at > 0 ? process.argv[at + 1] : path.join(__dirname, '../..'))).then(({ lines, ok }) => {
    (ok ? process.stdout : process.stderr).write(`${lines.join('\n')}\n`);
    process.exitCode = ok ? 0 : 1;
  }, (error) => ((process.exitCode = 2), console.error(error)));
}

module.exports = { checkBoundaries };
