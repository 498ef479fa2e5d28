// Checks the deployment files under docker/ without a Docker engine or a cluster: every YAML file
// parses; every variable they give an app container is one the app reads; the app's own loadConfig()
// accepts each container's environment (so a typo'd module name or a malformed URL fails here, not at
// 3 a.m. in a crash loop); the Dockerfile and the Kubernetes Deployments have the shape we rely on.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { loadConfig } from '../../src/app/load-app-config';
import { MODULE_NAMES } from '../../src/app/module-names';

const ROOT = resolve(__dirname, '../..');
const DOCKER = join(ROOT, 'docker');
const K8S = join(DOCKER, 'k8s');
const DOCKERFILE = join(DOCKER, 'Dockerfile');
const LOAD_CONFIG = join(ROOT, 'src/platform/config/load-config.ts');
const CREATE_APP = join(ROOT, 'src/app/create-app.ts');

/** How long a closing process lets its requests finish (HTTP_DRAIN_MS), read from create-app.ts, in seconds. */
function httpDrainSeconds(): number {
  const match = /const HTTP_DRAIN_MS = ([\d_]+);/.exec(readFileSync(CREATE_APP, 'utf8'));
  if (!match) throw new Error('HTTP_DRAIN_MS not found in src/app/create-app.ts');
  return Number(match[1].replace(/_/g, '')) / 1000;
}

type Env = Record<string, string | undefined>;
type Obj = Record<string, unknown>;

/**
 * No usable JWT secret is shipped (shipped-secrets.spec.ts): the operator makes one, as docker/README.md says.
 * These stand for it: the compose secret file, and the Secret `kubectl create secret generic shop-secrets` makes.
 */
const OPERATOR_SECRET = randomBytes(36).toString('base64');
const OPERATOR_SECRET_FILE = join(mkdtempSync(join(tmpdir(), 'shop-deployment-')), 'jwt_secret');
writeFileSync(OPERATOR_SECRET_FILE, `${OPERATOR_SECRET}\n`);
const OPERATOR_K8S_SECRET = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'shop-secrets', namespace: 'shop' },
  stringData: { JWT_SECRET: OPERATOR_SECRET, DATABASE_URL: 'postgres://USER:PASSWORD@HOST:5432/shop' },
};

// ---------------------------------------------------------------------------------------------------
// Reading the files

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

/** Every document of a (multi-document) YAML text; throws on any parse error. `<<` merge keys on, as compose has them. */
function parseYaml(text: string, name = 'inline'): Obj[] {
  return parseAllDocuments(text, { merge: true })
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${name}: ${doc.errors.map((e) => e.message).join('; ')}`);
      return doc.toJS() as unknown;
    })
    .filter((value): value is Obj => value !== null && value !== undefined)
    .map((value) => {
      if (typeof value !== 'object' || Array.isArray(value)) throw new Error(`${name}: a document is not a mapping`);
      return value as Obj;
    });
}

const rel = (path: string): string => relative(ROOT, path);
const obj = (value: unknown): Obj => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const str = (value: unknown): string | undefined => (value === null || value === undefined ? undefined : String(value));

const ALL_YAML = yamlFiles(DOCKER);
const COMPOSE_FILES = ALL_YAML.filter((path) => dirname(path) === DOCKER && /^compose\..*\.ya?ml$/.test(basename(path)));
const K8S_FILES = ALL_YAML.filter((path) => path.startsWith(K8S + '/'));

// ---------------------------------------------------------------------------------------------------
// The variables the app accepts, read from load-config.ts itself (src/ exports no list of them)

function acceptedNames(): { fromSource: Set<string>; all: Set<string> } {
  const source = readFileSync(LOAD_CONFIG, 'utf8');
  const fromSource = new Set<string>();
  for (const match of source.matchAll(/\benv\.([A-Z][A-Z0-9_]*)\b/g)) fromSource.add(match[1]);
  for (const match of source.matchAll(/\benv\[\s*['"`]([A-Z][A-Z0-9_]*)['"`]\s*\]/g)) fromSource.add(match[1]);
  // Per-module names built as `${name.toUpperCase()}_TCP`, `${name.toUpperCase()}_DATABASE_URL`.
  for (const match of source.matchAll(/\$\{name\.toUpperCase\(\)\}(_[A-Z0-9_]+)/g)) {
    for (const module of MODULE_NAMES) fromSource.add(`${module.toUpperCase()}${match[1]}`);
  }
  const all = new Set([
    ...fromSource,
    'CUSTOMERS_TCP', 'ORDERS_TCP', 'PAYMENTS_TCP',
    'CUSTOMERS_DATABASE_URL', 'ORDERS_DATABASE_URL', 'PAYMENTS_DATABASE_URL',
    'NODE_ENV', 'JWT_SECRET', 'JWT_SECRET_FILE',
  ]);
  return { fromSource, all };
}
const ACCEPTED = acceptedNames().all;

// ---------------------------------------------------------------------------------------------------
// The image: its final stage's ENV is every container's starting environment

interface Dockerfile {
  stages: string[][];
  imageEnv: Env;
}

function readDockerfile(): Dockerfile {
  // Join continuation lines, drop comments and blank lines.
  const lines = readFileSync(DOCKERFILE, 'utf8')
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: string[][] = [];
  for (const line of lines) {
    if (/^FROM\s/i.test(line)) stages.push([line]);
    else if (stages.length > 0) stages[stages.length - 1].push(line);
  }
  const imageEnv: Env = {};
  for (const line of stages[stages.length - 1] ?? []) {
    const match = /^ENV\s+(.+)$/i.exec(line);
    if (!match) continue;
    if (match[1].includes('=')) {
      for (const pair of match[1].split(/\s+/)) {
        const [key, ...value] = pair.split('=');
        imageEnv[key] = value.join('=').replace(/^"(.*)"$/, '$1');
      }
    } else {
      const [key, ...value] = match[1].split(/\s+/);
      imageEnv[key] = value.join(' ');
    }
  }
  return { stages, imageEnv };
}

// ---------------------------------------------------------------------------------------------------
// Compose: the app services and the environment each one runs with

/** The shop image: built from docker/Dockerfile, or an image named shop (any registry, any tag). */
const isShopImage = (image: string | undefined): boolean => image !== undefined && /(^|\/)shop(:|@|$)/.test(image);

interface AppContainer {
  where: string; // "docker/compose.monolith.yml services.shop"
  env: Env; // what the container sets itself (names to check)
  runEnv: Env; // what the process sees: image ENV + env, paths mapped to this checkout
}

/** `${X:-default}` / `${X-default}` take the default (no host environment here); `$$` is a literal `$`. */
function interpolate(value: string, where: string): string {
  const DOLLAR = '\u0000';
  return value
    .replace(/\$\$/g, DOLLAR)
    .replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(:?-)([^}]*)\}/g, (_all, _name, _op, fallback: string) => fallback)
    .replace(/\$\{([^}]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (all) => {
      throw new Error(`${where}: ${all} has no default; give it one (\${NAME:-value}) so the file is complete on its own`);
    })
    .replaceAll(DOLLAR, '$');
}

function composeEnvironment(service: Obj, where: string): Env {
  const raw = service.environment;
  const env: Env = {};
  if (Array.isArray(raw)) {
    for (const item of raw) {
      const [key, ...value] = String(item).split('=');
      env[key] = value.length > 0 ? interpolate(value.join('='), where) : undefined;
    }
  } else {
    for (const [key, value] of Object.entries(obj(raw))) env[key] = value === null ? undefined : interpolate(String(value), where);
  }
  if (service.env_file !== undefined) throw new Error(`${where}: env_file is not checked by this test; use environment`);
  return env;
}

function composeAppContainers(file: string, imageEnv: Env): AppContainer[] {
  const [doc] = parseYaml(readFileSync(file, 'utf8'), rel(file));
  const topSecrets = obj(doc.secrets);
  return Object.entries(obj(doc.services))
    .filter(([, service]) => {
      const builtHere = obj(service).build !== undefined && String(obj(obj(service).build).dockerfile ?? '').endsWith('docker/Dockerfile');
      return builtHere || isShopImage(str(obj(service).image));
    })
    .map(([name, value]) => {
      const service = obj(value);
      const where = `${rel(file)} services.${name}`;
      const env = composeEnvironment(service, where);
      const runEnv: Env = { ...imageEnv, ...env };
      // Compose mounts a service's secrets at /run/secrets/<target or name>: read the file it comes from.
      if (env.JWT_SECRET_FILE) {
        const mounted = list(service.secrets).map((s) => (typeof s === 'string' ? { source: s, target: s } : { source: String(obj(s).source), target: String(obj(s).target ?? obj(s).source) }));
        const target = env.JWT_SECRET_FILE.startsWith('/') ? env.JWT_SECRET_FILE : `/run/secrets/${env.JWT_SECRET_FILE}`;
        const secret = mounted.find((s) => `/run/secrets/${s.target}` === target || s.target === target);
        if (!secret) throw new Error(`${where}: JWT_SECRET_FILE ${env.JWT_SECRET_FILE} is not one of the service's secrets`);
        const source = str(obj(topSecrets[secret.source]).file);
        if (!source) throw new Error(`${where}: secret ${secret.source} is not declared with a file under top-level secrets`);
        runEnv.JWT_SECRET_FILE = OPERATOR_SECRET_FILE;
      }
      return { where, env, runEnv };
    });
}

// ---------------------------------------------------------------------------------------------------
// Kubernetes: the documents, the app Deployments and the environment of their containers

interface K8sDoc extends Obj {
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
}

function k8sDocs(): { doc: K8sDoc; file: string }[] {
  return K8S_FILES.flatMap((file) =>
    parseYaml(readFileSync(file, 'utf8'), rel(file)).map((doc) => {
      if (typeof doc.kind !== 'string' || typeof doc.apiVersion !== 'string' || typeof obj(doc.metadata).name !== 'string') {
        throw new Error(`${rel(file)}: a document without apiVersion, kind or metadata.name`);
      }
      return { doc: doc as K8sDoc, file };
    }),
  );
}

const podSpec = (deployment: K8sDoc): Obj => obj(obj(obj(deployment.spec).template).spec);
const containers = (deployment: K8sDoc): Obj[] => list(podSpec(deployment).containers).map(obj);
const isAppDeployment = (doc: K8sDoc): boolean => doc.kind === 'Deployment' && containers(doc).some((c) => isShopImage(str(c.image)));

/** ConfigMap data and Secret stringData/data (base64), by namespace/name. */
function k8sSources(docs: K8sDoc[]): Map<string, Env> {
  const sources = new Map<string, Env>();
  for (const doc of docs) {
    const key = `${doc.kind}/${doc.metadata.namespace ?? 'default'}/${doc.metadata.name}`;
    if (doc.kind === 'ConfigMap') sources.set(key, Object.fromEntries(Object.entries(obj(doc.data)).map(([k, v]) => [k, str(v)])));
    if (doc.kind === 'Secret') {
      const decoded = Object.entries(obj(doc.data)).map(([k, v]) => [k, Buffer.from(String(v), 'base64').toString('utf8')]);
      const plain = Object.entries(obj(doc.stringData)).map(([k, v]) => [k, str(v)]);
      sources.set(key, Object.fromEntries([...decoded, ...plain]));
    }
  }
  return sources;
}

function k8sAppContainers(docs: { doc: K8sDoc; file: string }[], imageEnv: Env): (AppContainer & { deployment: K8sDoc })[] {
  // The Secret the operator creates first; one shipped under docker/k8s would replace it on `kubectl apply`.
  const sources = k8sSources([OPERATOR_K8S_SECRET as K8sDoc, ...docs.map((d) => d.doc)]);
  const source = (kind: string, namespace: string, name: unknown, where: string): Env => {
    const found = sources.get(`${kind}/${namespace}/${String(name)}`);
    if (!found) throw new Error(`${where}: refers to ${kind} ${namespace}/${String(name)}, which no file under docker/k8s defines`);
    return found;
  };
  return docs
    .filter(({ doc }) => isAppDeployment(doc))
    .flatMap(({ doc, file }) =>
      containers(doc)
        .filter((c) => isShopImage(str(c.image)))
        .map((container) => {
          const namespace = doc.metadata.namespace ?? 'default';
          const where = `${rel(file)} Deployment ${doc.metadata.name} container ${String(container.name)}`;
          const env: Env = {};
          // envFrom first (later sources win), then env, which wins over envFrom: as the kubelet does.
          for (const from of list(container.envFrom).map(obj)) {
            const prefix = str(from.prefix) ?? '';
            const data = from.configMapRef
              ? source('ConfigMap', namespace, obj(from.configMapRef).name, where)
              : from.secretRef
                ? source('Secret', namespace, obj(from.secretRef).name, where)
                : undefined;
            if (!data) throw new Error(`${where}: envFrom entry with neither configMapRef nor secretRef`);
            for (const [key, value] of Object.entries(data)) env[prefix + key] = value;
          }
          for (const item of list(container.env).map(obj)) {
            const name = String(item.name);
            const valueFrom = obj(item.valueFrom);
            if (item.value !== undefined) env[name] = str(item.value);
            else if (valueFrom.configMapKeyRef) env[name] = source('ConfigMap', namespace, obj(valueFrom.configMapKeyRef).name, where)[String(obj(valueFrom.configMapKeyRef).key)];
            else if (valueFrom.secretKeyRef) env[name] = source('Secret', namespace, obj(valueFrom.secretKeyRef).name, where)[String(obj(valueFrom.secretKeyRef).key)];
            else throw new Error(`${where}: env ${name} uses a valueFrom this test cannot resolve`);
          }
          return { where, env, runEnv: { ...imageEnv, ...env }, deployment: doc };
        }),
    );
}

/**
 * Reads what a describe block tests. If that throws (a file that does not parse, a reference to a
 * ConfigMap that is not there), the block gets one failing test saying why, instead of the whole file
 * failing to load and hiding the other results.
 */
function collect<T>(what: string, read: () => T[]): T[] {
  try {
    return read();
  } catch (error) {
    it(`${what} can be read`, () => {
      throw error;
    });
    return [];
  }
}

/** it.each over items named by nameOf (for %s), but no test (rather than jest's error) when there are none: collect() already failed. */
function eachOf<T>(items: T[], nameOf: (item: T) => string): (title: string, test: (item: T) => void) => void {
  return (title, test) => {
    if (items.length === 0) return;
    it.each(items.map((item): [string, T] => [nameOf(item), item]))(title, (_name, item) => test(item));
  };
}

/** The modules a process hosts, as loadConfig reads MODULES. */
const hostedModules = (runEnv: Env): string[] => loadConfig(runEnv).modules;

// ---------------------------------------------------------------------------------------------------

describe('deployment files under docker/', () => {
  const dockerfile = readDockerfile();

  describe('YAML', () => {
    it('finds the compose files and the Kubernetes manifests', () => {
      expect(COMPOSE_FILES.map(rel).sort()).toEqual(expect.arrayContaining(['docker/compose.monolith.yml', 'docker/compose.payments-out.yml']));
      expect(K8S_FILES.length).toBeGreaterThan(0);
    });

    it('fails on a YAML parse error (the check itself works)', () => {
      expect(() => parseYaml('services:\n  shop: [unclosed\n', 'broken.yml')).toThrow(/broken\.yml/);
      expect(() => parseYaml('a: 1\na: 2\n', 'duplicate.yml')).toThrow(/duplicate\.yml/);
      expect(parseYaml('a: 1\n---\nb: 2\n')).toEqual([{ a: 1 }, { b: 2 }]);
    });

    it.each(ALL_YAML.map((path) => [rel(path), path]))('%s parses', (_name, path) => {
      expect(parseYaml(readFileSync(path, 'utf8'), rel(path)).length).toBeGreaterThan(0);
    });
  });

  describe('the variable names the app accepts', () => {
    it('are read from load-config.ts', () => {
      const { fromSource } = acceptedNames();
      // If load-config.ts is rewritten so that this no longer finds them, fix the regexes above.
      for (const name of ['MODULES', 'TRANSPORT', 'BROKER_URL', 'DATABASE_URL', 'HTTP_PORT', 'DATA_DIR', 'LOG_LEVEL', 'CUSTOMERS_TCP', 'PAYMENTS_DATABASE_URL']) {
        expect(fromSource).toContain(name);
      }
    });
  });

  describe('Dockerfile', () => {
    const final = dockerfile.stages[dockerfile.stages.length - 1] ?? [];

    it('is multi-stage: npm ci, npm run build, a runtime with production dependencies only', () => {
      expect(dockerfile.stages.length).toBeGreaterThanOrEqual(2);
      const all = dockerfile.stages.flat().join('\n');
      expect(all).toMatch(/RUN npm ci\b/);
      expect(all).toMatch(/RUN npm run build\b/);
      expect(all).toMatch(/npm ci --omit=dev/);
      expect(final[0]).toMatch(/^FROM node:24-slim\b/i);
      expect(final.join('\n')).toMatch(/COPY --from=\S+ \/app\/dist/);
    });

    it('runs as a non-root user', () => {
      const users = final.filter((line) => /^USER\s/i.test(line)).map((line) => line.split(/\s+/)[1].split(':')[0]);
      expect(users.length).toBeGreaterThan(0);
      expect(['root', '0']).not.toContain(users[users.length - 1]);
    });

    it('sets NODE_ENV=production, exposes the HTTP and TCP ports, checks /health/live with node, starts node dist/main.js', () => {
      expect(dockerfile.imageEnv.NODE_ENV).toBe('production');
      for (const name of Object.keys(dockerfile.imageEnv)) expect(ACCEPTED).toContain(name);
      const text = final.join('\n');
      expect(text).toMatch(/^EXPOSE\s+3000\s+4101-4103$/m);
      expect(text).toMatch(/^HEALTHCHECK\s.*CMD \["node",.*\/health\/live/m);
      const cmd = final.filter((line) => /^CMD\s/i.test(line)).pop();
      expect(cmd && JSON.parse(cmd.replace(/^CMD\s+/i, ''))).toEqual(['node', 'dist/main.js']);
    });

    it('has a .dockerignore that keeps local state out of the build context', () => {
      const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split(/\r?\n/).map((l) => l.trim());
      expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.data', '.git', 'coverage', 'bench/results']));
    });
  });

  describe('compose', () => {
    const apps = collect('the compose files', () => COMPOSE_FILES.flatMap((file) => composeAppContainers(file, dockerfile.imageEnv)));

    it('finds the app services', () => {
      expect(apps.map((a) => a.where).sort()).toEqual([
        'docker/compose.monolith.yml services.shop',
        'docker/compose.payments-out.yml services.payments',
        'docker/compose.payments-out.yml services.shop',
      ]);
    });

    eachOf(apps, (a) => a.where)('%s sets only variables the app reads, and loadConfig accepts them', (app) => {
      for (const name of Object.keys(app.env)) expect([name, ACCEPTED.has(name)]).toEqual([name, true]);
      expect(() => loadConfig(app.runEnv)).not.toThrow();
      // Production mode, with a real secret from the mounted file: the process will not make one up.
      expect(loadConfig(app.runEnv).production).toBe(true);
      expect(loadConfig(app.runEnv).jwtSecret).toBeDefined();
    });

    eachOf(apps.length > 0 ? COMPOSE_FILES : [], rel)('%s: every app service waits for a healthy postgres; every module is hosted once', (file) => {
      const [doc] = parseYaml(readFileSync(file, 'utf8'), rel(file));
      const services = obj(doc.services);
      const appsHere = apps.filter((a) => a.where.startsWith(`${rel(file)} `));
      for (const app of appsHere) {
        const service = obj(services[app.where.split('services.')[1]]);
        expect(obj(obj(service.depends_on).postgres).condition).toBe('service_healthy');
        expect(obj(service.healthcheck).test).toBeDefined();
      }
      expect(obj(obj(services.postgres).healthcheck).test).toBeDefined();
      const hosted = appsHere.flatMap((a) => hostedModules(a.runEnv)).sort();
      expect(hosted).toEqual([...MODULE_NAMES].sort());
    });

    it('a typo in the files would fail this test (the check itself works)', () => {
      const [app] = apps;
      expect(() => loadConfig({ ...app.runEnv, MODULES: 'paymnets' })).toThrow(/paymnets/);
      expect(() => loadConfig({ ...app.runEnv, DATABASE_URL: 'mysql://db/shop' })).toThrow(/postgres/);
      expect(() => loadConfig({ ...app.runEnv, TRANSPORT: 'nats', BROKER_URL: 'amqp://nats:4222' })).toThrow(/BROKER_URL/);
      expect(() => loadConfig({ ...app.runEnv, JWT_SECRET_FILE: join(DOCKER, 'secrets/missing') })).toThrow(/JWT_SECRET_FILE/);
    });
  });

  describe('Kubernetes', () => {
    const docs = collect('the Kubernetes manifests', k8sDocs);
    const apps = docs.length > 0 ? collect('the app Deployments\' environment', () => k8sAppContainers(docs, dockerfile.imageEnv)) : [];
    const deployments = [...new Set(apps.map((a) => a.deployment))];

    it('has a Namespace, the ConfigMap, a Deployment and a Service per module, NATS and an Ingress', () => {
      const kinds = docs.map(({ doc }) => `${doc.kind}/${doc.metadata.name}`);
      expect(kinds).toEqual(
        expect.arrayContaining([
          'Namespace/shop', 'ConfigMap/shop-config', 'Deployment/nats', 'Service/nats', 'Ingress/shop',
          ...MODULE_NAMES.flatMap((m) => [`Deployment/shop-${m}`, `Service/shop-${m}`, `PodDisruptionBudget/shop-${m}`]),
        ]),
      );
      const nats = docs.find(({ doc }) => doc.kind === 'Deployment' && doc.metadata.name === 'nats')!.doc;
      expect(containers(nats)[0].image).toMatch(/^nats:2\b/);
      expect(containers(nats)[0].args).toContain('-js');
    });

    it('ships no Secret: the operator creates shop-secrets, and `kubectl apply -f docker/k8s/` never overwrites it', () => {
      expect(docs.filter(({ doc }) => doc.kind === 'Secret').map(({ doc }) => doc.metadata.name)).toEqual([]);
    });

    it('trusts the Ingress controller, one hop, about the client address', () => {
      for (const app of apps) expect(loadConfig(app.runEnv).trustProxy).toBe(1);
    });

    eachOf(apps, (a) => a.where)('%s sets only variables the app reads, and loadConfig accepts them', (app) => {
      for (const name of Object.keys(app.env)) expect([name, ACCEPTED.has(name)]).toEqual([name, true]);
      expect(() => loadConfig(app.runEnv)).not.toThrow();
      expect(loadConfig(app.runEnv).production).toBe(true);
      expect(loadConfig(app.runEnv).transport).toBe('nats');
    });

    it('every module is hosted by exactly one Deployment', () => {
      expect(apps.flatMap((a) => hostedModules(a.runEnv)).sort()).toEqual([...MODULE_NAMES].sort());
    });

    eachOf(deployments, (d) => d.metadata.name)('Deployment %s: replicas >= 2, probes on /health/ready and /health/live, resources, non-root', (deployment) => {
      expect(Number(obj(deployment.spec).replicas)).toBeGreaterThanOrEqual(2);
      expect(obj(podSpec(deployment).securityContext).runAsNonRoot).toBe(true);
      for (const container of containers(deployment).filter((c) => isShopImage(str(c.image)))) {
        expect(obj(obj(container.readinessProbe).httpGet).path).toBe('/health/ready');
        expect(obj(obj(container.livenessProbe).httpGet).path).toBe('/health/live');
        const resources = obj(container.resources);
        expect(Object.keys(obj(resources.requests))).toEqual(expect.arrayContaining(['cpu', 'memory']));
        expect(Object.keys(obj(resources.limits))).toEqual(expect.arrayContaining(['memory']));
        // The probes' named port must be the container's 3000.
        const ports = list(container.ports).map(obj);
        expect(ports.find((p) => p.name === obj(obj(container.readinessProbe).httpGet).port)?.containerPort).toBe(3000);
      }
    });

    eachOf(deployments, (d) => d.metadata.name)('Deployment %s: probes with explicit timings, a startup probe, and a preStop pause within the grace period', (deployment) => {
      for (const container of containers(deployment).filter((c) => isShopImage(str(c.image)))) {
        for (const kind of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
          const probe = obj(container[kind]);
          for (const field of ['timeoutSeconds', 'periodSeconds', 'failureThreshold']) expect([kind, field, Number(probe[field]) > 0]).toEqual([kind, field, true]);
          // A probe that may take longer than its period would overlap the next one.
          expect([kind, Number(probe.timeoutSeconds) <= Number(probe.periodSeconds)]).toEqual([kind, true]);
        }
        // Start-up is "the port answers": /health/live, which the process serves even while it waits for its
        // database or broker. Probing readiness there would restart a pod that is rightly waiting.
        expect(obj(obj(container.startupProbe).httpGet)).toEqual({ path: '/health/live', port: 'http' });
        // Liveness waits for the startup probe, not for a guessed delay.
        expect(obj(container.livenessProbe).initialDelaySeconds).toBeUndefined();

        const command = list(obj(obj(obj(container.lifecycle).preStop).exec).command).map(String);
        expect(command).toEqual(['sleep', expect.stringMatching(/^\d+$/)]);
        const pause = Number(command[1]);
        expect(pause).toBeGreaterThanOrEqual(2);
        // The pause, then the drain of the requests taken, must fit in the grace period before SIGKILL (30 s unless set).
        const grace = Number(podSpec(deployment).terminationGracePeriodSeconds ?? 30);
        expect(pause + httpDrainSeconds()).toBeLessThan(grace);
      }
    });

    eachOf(deployments, (d) => d.metadata.name)('Deployment %s has a PodDisruptionBudget that lets one pod go at a time and keeps the rest', (deployment) => {
      const podLabels = obj(obj(obj(deployment.spec).template).metadata).labels as Record<string, string>;
      const budgets = docs.map(({ doc }) => doc).filter((doc) => doc.kind === 'PodDisruptionBudget' && doc.metadata.namespace === deployment.metadata.namespace);
      const budget = budgets.find((doc) => {
        const selector = obj(obj(obj(doc.spec).selector).matchLabels);
        return Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => podLabels[k] === v);
      });
      expect(budget).toBeDefined();
      const spec = obj(budget!.spec);
      // Exactly one of them; whichever, a drain must be able to move a pod (else it blocks for ever) and never all.
      expect([spec.maxUnavailable, spec.minAvailable].filter((v) => v !== undefined)).toHaveLength(1);
      const replicas = Number(obj(deployment.spec).replicas);
      const mayGo = spec.maxUnavailable !== undefined ? Number(spec.maxUnavailable) : replicas - Number(spec.minAvailable);
      expect(mayGo).toBeGreaterThanOrEqual(1);
      expect(mayGo).toBeLessThan(replicas);
      // It selects this module's pods only, not every pod of the shop.
      const selector = obj(obj(obj(budget!.spec).selector).matchLabels);
      expect(selector['app.kubernetes.io/component']).toBe(podLabels['app.kubernetes.io/component']);
    });

    eachOf(deployments, (d) => d.metadata.name)('Deployment %s has a Service on port 80 to the pods\' 3000', (deployment) => {
      const podLabels = obj(obj(obj(deployment.spec).template).metadata).labels as Record<string, string>;
      const service = docs
        .map(({ doc }) => doc)
        .find((doc) => doc.kind === 'Service' && doc.metadata.name === deployment.metadata.name)!;
      expect(service).toBeDefined();
      const selector = obj(obj(service.spec).selector);
      expect(Object.entries(selector).every(([k, v]) => podLabels[k] === v)).toBe(true);
      expect(list(obj(service.spec).ports).map(obj)).toEqual([expect.objectContaining({ port: 80, targetPort: 'http' })]);
    });

    it('a placeholder that loadConfig rejects would fail this test (the check itself works)', () => {
      const [app] = apps;
      expect(() => loadConfig({ ...app.runEnv, JWT_SECRET: 'too-short' })).toThrow(/32 characters/);
      expect(() => loadConfig({ ...app.runEnv, JWT_SECRET: undefined })).toThrow(/NODE_ENV=production/);
      expect(() => loadConfig({ ...app.runEnv, BROKER_URL: 'nats//nats:4222' })).toThrow(/BROKER_URL/);
    });
  });

  it('the README for these files exists', () => {
    expect(existsSync(join(DOCKER, 'README.md'))).toBe(true);
  });
});
