// releases.json, as docs/rolling-upgrade.md says to write it: each entry a commit of this history, by its full
// hash, oldest first, with a date and a one-line summary. `npm run test:upgrade` builds the newest that is not
// HEAD: a short hash or a commit that is not in the history would fail only there, later and less clearly.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { readReleases } from '../support/previous-release';

const ROOT = resolve(__dirname, '../..');

/** Whether git says `ancestor` is `descendant` or one of its ancestors. */
function isAncestor(ancestor: string, descendant: string): boolean {
  try {
    execFileSync('git', ['merge-base', '--is-ancestor', ancestor, descendant], { cwd: ROOT, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('releases.json', () => {
  const releases = readReleases(ROOT);

  it('names at least one release, each by its full hash, with a date and a one-line summary', () => {
    expect(releases.length).toBeGreaterThan(0);
    for (const release of releases) {
      expect(Object.keys(release).sort()).toEqual(['commit', 'date', 'summary']);
      expect(release.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(release.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(release.summary).toMatch(/^[^\n]+$/);
    }
  });

  it('lists commits of this history, oldest first, each once', () => {
    const commits = releases.map((release) => release.commit);
    expect(new Set(commits).size).toBe(commits.length);
    for (const commit of commits) expect({ commit, inHistory: isAncestor(commit, 'HEAD') }).toEqual({ commit, inHistory: true });
    for (let i = 1; i < commits.length; i++) expect({ older: commits[i - 1], inOrder: isAncestor(commits[i - 1], commits[i]) }).toEqual({ older: commits[i - 1], inOrder: true });
  });
});
