// Whoever has read this repository knows every secret in it. A production process refuses the JWT secrets
// listed in src/platform/security/shipped-example-secrets.ts; this test keeps that list complete: a JWT secret
// newly shipped under docker/ (or in .env.example, the README, docs/) fails here until it is on the list,
// which makes it useless in production (where deployment-files.spec.ts then fails if a container uses it).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { isShippedExampleSecret } from '../../src/platform/security/shipped-example-secrets';
import { E2E_JWT_SECRET } from '../support/tokens';

const ROOT = resolve(__dirname, '../..');
const SCANNED = ['docker', '.env.example', 'README.md', 'docs'];
const SECRET_FILES_DIR = 'docker/secrets/';

/** A JWT secret found in a shipped file, and where. */
interface Found {
  where: string;
  value: string;
}

/** The files a clone has: tracked, or new and not ignored (an operator's own docker/secrets/jwt_secret is ignored). */
function shippedFiles(): string[] {
  let listed: string[];
  try {
    const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...SCANNED], { cwd: ROOT, encoding: 'utf8' });
    listed = out.split('\0').filter(Boolean);
  } catch {
    // Not a git checkout: every file there counts as shipped.
    listed = SCANNED.filter((path) => existsSync(join(ROOT, path))).flatMap((path) => walk(path));
  }
  return [...new Set(listed)].filter((path) => existsSync(join(ROOT, path)) && statSync(join(ROOT, path)).isFile()).sort();
}

function walk(path: string): string[] {
  if (!statSync(join(ROOT, path)).isDirectory()) return [path];
  return readdirSync(join(ROOT, path)).flatMap((name) => walk(join(path, name)));
}

// ---------------------------------------------------------------------------------------------------
// Finding JWT secrets

/**
 * Literal JWT_SECRET assignments in any text: `JWT_SECRET=x`, `JWT_SECRET: x`, `"JWT_SECRET": "x"`,
 * `--from-literal=JWT_SECRET=x`. A substitution (`"$(openssl rand -base64 48)"`, `${JWT_SECRET}`) is no
 * value, but a compose default (`${JWT_SECRET:-x}`) is one.
 */
function assignedInText(name: string, text: string): Found[] {
  const found: Found[] = [];
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    for (const match of line.matchAll(/\bJWT_SECRET\b["']?\s*[:=]\s*("[^"]*"|'[^']*'|\$\{[^}]*\}|[^\s#,}]+)/g)) {
      let value = match[1].replace(/^(["'])(.*)\1$/, '$2').trim();
      const fallback = /\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}/.exec(value);
      if (fallback) value = fallback[1];
      else if (value.startsWith('$')) continue;
      if (value !== '' && value !== '|' && value !== '>') found.push({ where: `${name}:${index + 1}`, value });
    }
  }
  return found;
}

/**
 * JWT_SECRET values in YAML, however they are written: a mapping key (compose `environment`, a ConfigMap, a
 * Secret's `stringData`, or its base64 `data`), or a container's `- name: JWT_SECRET` / `value:`.
 */
function assignedInYaml(name: string, text: string): Found[] {
  const found: Found[] = [];
  const visit = (node: unknown, path: string, isSecretData: boolean): void => {
    if (Array.isArray(node)) return node.forEach((item, i) => visit(item, `${path}[${i}]`, false));
    if (!node || typeof node !== 'object') return;
    const map = node as Record<string, unknown>;
    if (map.name === 'JWT_SECRET' && map.value !== undefined && map.value !== null) found.push({ where: `${name} ${path}.value`, value: String(map.value) });
    for (const [key, value] of Object.entries(map)) {
      if (key === 'JWT_SECRET' && typeof value !== 'object' && value !== null && value !== undefined) {
        found.push({ where: `${name} ${path}.${key}`, value: isSecretData ? Buffer.from(String(value), 'base64').toString('utf8') : String(value) });
      }
      visit(value, `${path}.${key}`, key === 'data' && map.kind === 'Secret');
    }
  };
  for (const [index, doc] of parseAllDocuments(text, { merge: true }).entries()) visit(doc.toJS(), `document ${index + 1}`, false);
  return found.filter((f) => f.value.trim() !== '');
}

/** The top-level `secrets.<name>.file` of a compose file, relative to the repository. */
function composeSecretFiles(file: string, text: string): string[] {
  return parseAllDocuments(text, { merge: true }).flatMap((doc) => {
    const secrets = ((doc.toJS() ?? {}) as { secrets?: Record<string, { file?: string } | null> }).secrets ?? {};
    return Object.values(secrets)
      .map((secret) => secret?.file)
      .filter((path): path is string => typeof path === 'string')
      .map((path) => relative(ROOT, resolve(ROOT, dirname(file), path)));
  });
}

// ---------------------------------------------------------------------------------------------------

describe('secrets shipped in the repository', () => {
  const files = shippedFiles();
  const text = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
  const yamlFiles = files.filter((path) => /\.ya?ml$/.test(path));
  const composeFiles = yamlFiles.filter((path) => /^docker\/compose\.[^/]+\.ya?ml$/.test(path));

  it('finds the deployment files and the docs', () => {
    expect(files).toEqual(expect.arrayContaining(['docker/compose.monolith.yml', 'docker/k8s/10-config.yaml', 'docker/Dockerfile', 'README.md']));
    expect(composeFiles.length).toBeGreaterThan(0);
  });

  it('every JWT secret written in them is on the list production refuses', () => {
    const found = [
      ...files.flatMap((path) => assignedInText(path, text(path))),
      ...yamlFiles.flatMap((path) => assignedInYaml(path, text(path))),
      // Any file under docker/secrets/ is there to be mounted as a secret (its .gitignore aside).
      ...files.filter((path) => path.startsWith(SECRET_FILES_DIR) && !path.slice(SECRET_FILES_DIR.length).startsWith('.')).map((path) => ({ where: path, value: text(path).trim() })),
    ];
    const unlisted = found.filter((f) => !isShippedExampleSecret(f.value)).map((f) => `${f.where}: ${f.value}`);
    // Add each to SHIPPED_EXAMPLE_SECRETS (and ship no usable secret: production will refuse it).
    expect(unlisted).toEqual([]);
  });

  it('every secret file a compose file mounts is made by the operator, not shipped: production would refuse a shipped one', () => {
    const mounted = composeFiles.flatMap((path) => composeSecretFiles(path, text(path)));
    expect(mounted.length).toBeGreaterThan(0);
    expect(mounted.filter((path) => files.includes(path))).toEqual([]);
  });

  it('the secret the e2e shops run with is on the list', () => {
    expect(isShippedExampleSecret(E2E_JWT_SECRET)).toBe(true);
  });

  it('finds a JWT secret in every form it is looked for (the check itself works)', () => {
    const values = (found: Found[]) => found.map((f) => f.value);
    expect(values(assignedInText('t', 'ENV JWT_SECRET=dockerfile-secret\n'))).toEqual(['dockerfile-secret']);
    expect(values(assignedInText('t', '  JWT_SECRET: "compose-secret"   # a comment\n'))).toEqual(['compose-secret']);
    expect(values(assignedInText('t', '  - JWT_SECRET=${JWT_SECRET:-compose-default}\n'))).toEqual(['compose-default']);
    expect(values(assignedInText('t', "kubectl create secret generic s --from-literal=JWT_SECRET='literal-secret'\n"))).toEqual(['literal-secret']);
    expect(values(assignedInText('t', '--from-literal=JWT_SECRET="$(openssl rand -base64 48)" and JWT_SECRET=${JWT_SECRET}\n'))).toEqual([]);
    expect(values(assignedInText('t', '| `JWT_SECRET` / `JWT_SECRET_FILE` | the secret |\n'))).toEqual([]);

    const k8s = [
      'kind: Secret\ndata:\n  JWT_SECRET: ' + Buffer.from('base64-secret').toString('base64'),
      'kind: Secret\nstringData:\n  JWT_SECRET: |\n    block-secret',
      'kind: Deployment\nspec:\n  containers:\n    - env:\n        - name: JWT_SECRET\n          value: env-secret',
      'services:\n  shop:\n    environment:\n      JWT_SECRET: compose-secret',
    ].join('\n---\n');
    expect(values(assignedInYaml('t', k8s))).toEqual(['base64-secret', 'block-secret\n', 'env-secret', 'compose-secret']);
    expect(isShippedExampleSecret('env-secret')).toBe(false);
  });
});
