// Boundaries of the modular monolith. Run with `npm run check:boundaries`.
// A module is `src/modules/<name>/`; its public face is `contracts/`. Everything else in a
// module is private, so that each module can later be taken out into its own service.
// Below the modules are two rooms: src/module-kit/, the only code a module imports besides other
// modules' contracts, and src/platform/, which only the app wires and no module sees (ADR 0017).
// Rules are generic: `([^/]+)` captures the importing module's name and `$1` reuses it in `to`.
// scripts/arch/boundaries.js runs these rules, and finds module cycles in the same graph.

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'only-contracts-across-modules',
      comment:
        "A module may only use another module's public API. Import it from " +
        "src/modules/<other>/contracts/ instead; if what you need is not there, add it to " +
        "that module's contracts (a DTO, an interface, a token) rather than reaching inside.",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: {
        path: '^src/modules/',
        // own module, or any module's contracts folder
        pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/contracts/'],
      },
    },
    {
      name: 'contracts-import-only-contracts-and-the-kit',
      comment:
        'contracts/ is what other modules see, so it must not drag in internals (not even ' +
        "its own module's domain/application/infrastructure). Move the type into contracts/ " +
        'or src/module-kit/, and let the internals import contracts, not the other way round.',
      severity: 'error',
      from: { path: '^src/modules/[^/]+/contracts/' },
      to: {
        pathNot: ['^src/modules/[^/]+/contracts/', '^src/module-kit/', '(^|/)node_modules/'],
        dependencyTypesNot: ['core'], // node: built-ins are fine too
      },
    },
    {
      name: 'application-does-not-know-infrastructure',
      comment:
        "A module's use cases name what they need of storage in their own terms: a repository interface " +
        '(an abstract class) in application/, which infrastructure/ implements and the module binds. Depend on ' +
        'that interface, and map records to aggregates in infrastructure/, not here.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/(application|domain)/' },
      to: { path: '^src/modules/$1/infrastructure/' },
    },
    {
      name: 'modules-see-the-kit-not-the-platform',
      comment:
        'A module programs against src/module-kit/ (outbox, inbox, module database, errors, pages, HTTP ' +
        'helpers); how those are carried out (relay, transport, connections, guards) is src/platform/, ' +
        'which the app wires. Use the kit, or add to the kit the narrow API the module needs. ' +
        "A module's specs may set the platform up.",
      severity: 'error',
      from: { path: '^src/modules/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^src/platform/' },
    },
    {
      name: 'kit-and-platform-know-no-module',
      comment:
        'src/module-kit/ and src/platform/ sit below every module, the gateway, the dashboard and the app, ' +
        'and name no business module: what they need to know of the modules (their names, manifests) ' +
        'the app passes in. Move the code that needs a module into that module or into src/app/.',
      severity: 'error',
      from: { path: '^src/(module-kit|platform)/' },
      to: { path: '^src/(modules|gateway|dashboard|app)/' },
    },
    {
      name: 'modules-do-not-know-the-composition',
      comment:
        'The app (composition root) and the gateway sit above the modules and decide how they are ' +
        'deployed and combined. A module that imports them could not run without them; depend on ' +
        "another module's contracts or on src/module-kit/ instead.",
      severity: 'error',
      from: { path: '^src/modules/' },
      to: { path: '^src/(app|gateway|dashboard)/' },
    },
    {
      name: 'only-the-app-knows-the-composition',
      comment:
        'The gateway and the dashboard are loaded by the app (the composition root) and sit below it. What ' +
        'they need to know of the modules or the deployment, the app passes in (DashboardModule.forRoot takes ' +
        'the modules it draws); importing src/app/ would tie them to one composition and close a cycle.',
      severity: 'error',
      from: { path: '^src/(gateway|dashboard)/' },
      to: { path: '^src/app/' },
    },
    {
      name: 'no-circular',
      comment:
        'Circular imports break module load order (undefined at import time, Nest DI ' +
        'errors). Extract the shared part into a third file, or invert one dependency.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      comment:
        'Nothing imports this file and it imports nothing: dead code, or forgotten wiring. ' +
        'Delete it or import it. (Warning only: half-written code is normal while building.)',
      severity: 'warn',
      from: {
        orphan: true,
        pathNot: ['\\.spec\\.ts$', '\\.e2e-spec\\.ts$', '\\.d\\.ts$', '(^|/)main\\.ts$'],
      },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Resolve paths (baseUrl, paths) exactly as tsc does; relative to the cwd of the run.
    tsConfig: { fileName: 'tsconfig.json' },
    // Count `import type` too: a type import across a boundary is still coupling.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
