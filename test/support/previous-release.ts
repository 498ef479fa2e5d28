import { execFileSync, execSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/** An entry of releases.json: a commit of main that was released, oldest first. */
export interface Release {
  commit: string;
  date: string;
  summary: string;
}

export function readReleases(root = ROOT): Release[] {
  return JSON.parse(readFileSync(join(root, 'releases.json'), 'utf8')) as Release[];
}

/** The release this checkout upgrades from: the newest entry of releases.json that is not HEAD itself. */
export function previousRelease(root = ROOT): Release {
  const head = git(root, ['rev-parse', 'HEAD']);
  const release = readReleases(root).reverse().find((entry) => entry.commit !== head);
  if (!release) throw new Error(`releases.json names no release but HEAD (${head}): there is nothing to upgrade from`);
  return release;
}

/** Where release builds are kept between runs, a folder per commit: SHOP_RELEASES_DIR, or ~/.cache/shop-releases. */
export function releasesCache(env = process.env): string {
  return env.SHOP_RELEASES_DIR || join(homedir(), '.cache', 'shop-releases');
}

/**
 * The release's source, dependencies and `npm run build` in `<cache>/<commit>`: made once, then reused.
 * Returns that folder (its `dist/main.js` runs a process of the release); tells each step and its time.
 */
export function prepareReleaseBuild(release: Release, say: (line: string) => void, root = ROOT, cache = releasesCache()): string {
  const dir = join(cache, release.commit);
  if (existsSync(join(dir, 'dist/main.js'))) {
    // A linked node_modules may point at a checkout that moved, or the checkout's lock file may have changed.
    provideDependencies(dir, root, say);
    say(`build from the cache: ${dir}`);
    return dir;
  }
  if (!git(root, ['cat-file', '-t', release.commit], true)) {
    throw new Error(`release ${release.commit} is not in this clone (a shallow one? \`git fetch --unshallow\`)`);
  }
  // Made aside and renamed at the end, so that an interrupted run never leaves a half-made build to reuse.
  const work = `${dir}.partial-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  timed(say, 'source (git archive)', () => execSync(`git archive --format=tar ${release.commit} | tar -x -C "${work}"`, { cwd: root, stdio: 'pipe' }));
  provideDependencies(work, root, say);
  timed(say, 'npm run build', () => run('npm', ['run', 'build'], work));
  if (existsSync(dir)) rmSync(work, { recursive: true, force: true }); // another run made it meanwhile
  else renameSync(work, dir);
  say(`build made: ${dir}`);
  return dir;
}

/**
 * The release's node_modules: the checkout's own (a symbolic link) while both have the same package-lock.json,
 * else an `npm ci` of its own.
 */
function provideDependencies(dir: string, root: string, say: (line: string) => void): void {
  const modules = join(dir, 'node_modules');
  // lstat, not existsSync: a link to a checkout that is gone does not exist for existsSync, yet is in the way.
  const linked = lstatSync(modules, { throwIfNoEntry: false })?.isSymbolicLink();
  // npm writes node_modules/.package-lock.json last: without it, an earlier npm ci did not finish.
  if (linked === false && existsSync(join(modules, '.package-lock.json'))) return;
  const sameLock = readFileSync(join(dir, 'package-lock.json'), 'utf8') === readFileSync(join(root, 'package-lock.json'), 'utf8');
  if (linked) unlinkSync(modules);
  if (sameLock) {
    symlinkSync(join(root, 'node_modules'), modules, 'dir');
    say(`dependencies: the checkout's node_modules (the same package-lock.json), linked`);
    return;
  }
  rmSync(modules, { recursive: true, force: true });
  timed(say, 'dependencies: npm ci (its package-lock.json differs from the checkout\'s)', () => run('npm', ['ci', '--no-audit', '--no-fund'], dir));
}

function timed(say: (line: string) => void, what: string, work: () => unknown): void {
  const startedAt = Date.now();
  work();
  say(`${what}: ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
}

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
    throw new Error(`\`${command} ${args.join(' ')}\` in ${cwd} failed (${result.error?.message ?? `exit ${result.status}`}):\n${output}`);
  }
}

/** git's answer, trimmed; with `quiet`, an empty string when git fails instead of an error. */
function git(cwd: string, args: string[], quiet = false): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (error) {
    if (quiet) return '';
    throw error;
  }
}
