// Module boundaries for the modular monolith. Run with `npm run check:boundaries`.
// A module is `src/modules/<name>/`; its public face is `contracts/`. Everything else in a
// module is private, so that each module can later be taken out into its own service.
// Rules are generic: `([^/]+)` captures the importing module's name and `$1` reuses it in `to`.
// Module-level cycles that pass through contracts only (no file-level cycle) are invisible
// to dependency-cruiser; scripts/check-module-cycles.js catches those.

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
      name: 'contracts-import-only-contracts-and-shared',
      comment:
        'contracts/ is what other modules see, so it must not drag in internals (not even ' +
        "its own module's domain/application/infrastructure). Move the type into contracts/ " +
        'or src/shared/, and let the internals import contracts, not the other way round.',
      severity: 'error',
      from: { path: '^src/modules/[^/]+/contracts/' },
      to: {
        pathNot: ['^src/modules/[^/]+/contracts/', '^src/shared/', '(^|/)node_modules/'],
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
      name: 'shared-depends-on-nothing-above-it',
      comment:
        'src/shared/ sits below every module, the gateway, the dashboard and the app. Move the code that ' +
        'needs a module into that module (or the app), or move what shared needs into shared.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/(modules|gateway|dashboard|app)/' },
    },
    {
      name: 'modules-do-not-know-the-composition',
      comment:
        'The app (composition root) and the gateway sit above the modules and decide how they are ' +
        'deployed and combined. A module that imports them could not run without them; depend on ' +
        "another module's contracts or on src/shared/ instead.",
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
      name: 'no-cycles-between-modules',
      comment:
        'This import closes a file-level cycle that crosses module boundaries, so the two ' +
        'modules could never be deployed apart. Pick one direction; invert the other with an ' +
        'event or an interface in contracts/.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { circular: true, path: '^src/modules/', pathNot: '^src/modules/$1/' },
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
