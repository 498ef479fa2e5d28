#!/usr/bin/env node
// Fails when modules depend on each other in a cycle, e.g. orders -> payments -> orders.
// dependency-cruiser only sees file-level cycles; two modules importing each other's
// contracts/ form no file cycle, yet the modules can then never be deployed apart.
//
// Usage: node scripts/check-module-cycles.js [dir ...]   (default: src, relative to cwd)
// Uses the project's .dependency-cruiser.js options (tsconfig, doNotFollow) so it resolves
// imports exactly like `depcruise`. Paths are relative to the cwd, as in depcruise output.
'use strict';
const path = require('node:path');

const PROJECT_ROOT = path.resolve(__dirname, '..');
const CONFIG = path.join(PROJECT_ROOT, '.dependency-cruiser.js');
const MODULE_OF = /^src\/modules\/([^/]+)\//;

// dependency-cruiser is ESM-only (no "require" export), so require.resolve cannot find it;
// a dynamic import() from this file resolves it from the project's node_modules instead.
async function cruiseDependencies(dirs) {
  const { cruise } = await import('dependency-cruiser');
  const { default: extractOptions } = await import('dependency-cruiser/config-utl/extract-depcruise-options');
  const { default: extractTSConfig } = await import('dependency-cruiser/config-utl/extract-ts-config');
  const options = await extractOptions(CONFIG);
  const tsConfigFile = options.tsConfig && options.tsConfig.fileName;
  const tsConfig = tsConfigFile ? extractTSConfig(path.resolve(tsConfigFile)) : undefined;
  // Only the graph is needed here; the rules are checked by the plain depcruise run.
  const { output } = await cruise(dirs, { ...options, ruleSet: undefined, validate: false, outputType: 'json' }, {}, { tsConfig });
  return JSON.parse(output).modules;
}

// module -> (module -> first file-level import seen that creates that edge)
function moduleGraph(files) {
  const graph = new Map();
  for (const file of files) {
    const from = MODULE_OF.exec(file.source);
    if (!from) continue;
    for (const dep of file.dependencies) {
      const to = MODULE_OF.exec(dep.resolved);
      if (!to || to[1] === from[1]) continue;
      if (!graph.has(from[1])) graph.set(from[1], new Map());
      const edges = graph.get(from[1]);
      if (!edges.has(to[1])) edges.set(to[1], `${file.source} imports ${dep.resolved}`);
    }
  }
  return graph;
}

// Depth-first search; every edge back onto the current path closes a cycle.
function findCycles(graph) {
  const cycles = new Map(); // key: sorted members, so each cycle is reported once
  const done = new Set();
  const visit = (node, trail) => {
    if (trail.includes(node)) {
      const cycle = [...trail.slice(trail.indexOf(node)), node];
      const key = [...new Set(cycle)].sort().join(',');
      if (!cycles.has(key)) cycles.set(key, cycle);
      return;
    }
    if (done.has(node)) return;
    for (const next of (graph.get(node) || new Map()).keys()) visit(next, [...trail, node]);
    done.add(node);
  };
  for (const node of [...graph.keys()].sort()) visit(node, []);
  return [...cycles.values()];
}

async function main() {
  const dirs = process.argv.slice(2);
  const graph = moduleGraph(await cruiseDependencies(dirs.length ? dirs : ['src']));
  const cycles = findCycles(graph);
  for (const cycle of cycles) {
    const evidence = cycle.slice(1).map((to, i) => graph.get(cycle[i]).get(to));
    console.error(`module cycle: ${cycle.join(' -> ')} (${evidence.join('; ')})`);
  }
  if (cycles.length) {
    console.error(
      `\n✘ ${cycles.length} module cycle(s). Modules must depend on each other in one direction only; ` +
        'break the cycle with an event or an interface owned by the module that is depended upon.',
    );
    process.exit(1);
  }
  console.log(`✔ no module cycles (${graph.size} modules with cross-module imports)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
