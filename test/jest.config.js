// Fast unit specs beside the code and the e2e suites in test/ that boot real apps (`npm test`), then the
// suites that need more than Node.js: faults (restarts real servers), external (Debian tools) and docs (NATS).
const transform = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        target: 'es2022',
      },
    },
  ],
};
const common = { rootDir: require('path').resolve(__dirname, '..'), testEnvironment: 'node', transform, moduleFileExtensions: ['ts', 'js', 'json'] };

const projects = [
  { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/architecture/**/*.spec.ts', '<rootDir>/test/docs/**/*.spec.ts'] },
  { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'], slowTestThreshold: 60 },
  // Stops and starts the local brokers: only when asked for (TEST_PROJECTS=faults), never in `npm test`.
  { ...common, displayName: 'faults', testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'] },
  // Processes of the previous release (releases.json) beside the checkout's: the contract suites and the saga in
  // the mixed topologies, and a module replaced under load. Only when asked for (TEST_PROJECTS=upgrade, `npm run
  // test:upgrade`): its global setup builds that release first (once; kept in a cache folder).
  {
    ...common,
    displayName: 'upgrade',
    testMatch: ['<rootDir>/test/upgrade/**/*.upgrade-spec.ts', '<rootDir>/test/e2e/{customers,payments,orders-saga,topology}.e2e-spec.ts'],
    globalSetup: '<rootDir>/test/upgrade/global-setup.ts',
    globalTeardown: '<rootDir>/test/upgrade/global-teardown.ts',
    slowTestThreshold: 60,
  },
  // Needs tools from Debian's packages (chromium, promtool) that a fresh machine with only Node.js lacks:
  // only when asked for (TEST_PROJECTS=external, in .ci/run, which installs them), and failing if one is missing.
  { ...common, displayName: 'external', testMatch: ['<rootDir>/test/external/**/*.external-spec.ts'] },
  // README.md and docs/tutorial.md run block by block against real processes (npm run test:docs, which builds first).
  { ...common, displayName: 'docs', testMatch: ['<rootDir>/test/docs/**/*.docs-spec.ts'] },
];

// TEST_PROJECTS=e2e (npm run test:e2e) keeps file arguments free to narrow the run, which
// --selectProjects, taking every following word as a project name, would not.
const wanted = process.env.TEST_PROJECTS?.split(',');

// The scripts run jest with node --experimental-vm-modules: PGlite loads its WebAssembly through a dynamic
// import(), which jest's module sandbox supports only with that flag.
module.exports = {
  // Booting embedded databases and several processes takes seconds; the e2e hooks need room.
  testTimeout: 120000,
  projects: projects.filter((p) => (wanted ? wanted.includes(p.displayName) : ['unit', 'e2e'].includes(p.displayName))),
};
