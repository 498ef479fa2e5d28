// Every link in the documentation leads somewhere: a Markdown link to a file of the repository resolves from
// the document's folder, as GitHub resolves it, and one to a heading finds that heading; a path written as
// code in the prose (`src/...`, `docker/...`) names a file that exists, from the root. Code blocks are not
// read: they hold commands and outputs, not references.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const TOP_FOLDERS = ['src', 'test', 'docs', 'docker', 'bench', 'scripts', '.ci'];

function documents(): string[] {
  const inDocs = (folder: string): string[] =>
    readdirSync(join(ROOT, folder)).flatMap((name) => {
      const path = join(folder, name);
      return statSync(join(ROOT, path)).isDirectory() ? inDocs(path) : path.endsWith('.md') ? [path] : [];
    });
  return ['README.md', 'docker/README.md', ...inDocs('docs')];
}

/** The document's prose: code blocks and HTML comments blanked out (lines kept, for messages). */
function prose(markdown: string): string[] {
  let fence: string | undefined;
  return markdown
    .replace(/<!--[\s\S]*?-->/g, (comment) => comment.replace(/[^\n]/g, ' '))
    .split('\n')
    .map((line) => {
      const opening = /^\s*(`{3,})/.exec(line);
      if (opening && (!fence || opening[1].length >= fence.length)) {
        fence = fence ? undefined : opening[1];
        return '';
      }
      return fence ? '' : line;
    });
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens; repeats get -1, -2. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const line of prose(markdown)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const text = heading[1].replace(/`/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    const slug = text.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    result.add(count ? `${slug}-${count}` : slug);
  }
  return result;
}

function brokenLinks(document: string): string[] {
  const text = readFileSync(join(ROOT, document), 'utf8');
  const broken: string[] = [];
  prose(text).forEach((line, index) => {
    const where = `${document}:${index + 1}`;
    for (const [, target] of line.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      if (/^[a-z]+:/i.test(target)) continue; // https:, mailto:
      const [path, anchor] = target.split('#');
      const file = path ? resolve(ROOT, dirname(document), decodeURIComponent(path)) : join(ROOT, document);
      if (!file.startsWith(ROOT) || !existsSync(file)) broken.push(`${where}: ${target} (no ${relative(ROOT, file)})`);
      else if (anchor && file.endsWith('.md') && !anchors(readFileSync(file, 'utf8')).has(anchor)) broken.push(`${where}: ${target} (no such heading)`);
    }
    for (const [, path] of line.matchAll(/`([^`\s]+)`/g)) {
      if (!TOP_FOLDERS.includes(path.split('/')[0]) || !path.includes('/') || /[<{]/.test(path) || ignoredByGit(path)) continue;
      if (!exists(path.replace(/[:#].*$/, ''))) broken.push(`${where}: \`${path}\` (no such file)`);
    }
  });
  return broken;
}

/** Whether a repository path exists; a `*` matches one name in a folder. */
function exists(pattern: string): boolean {
  const found = pattern
    .split('/')
    .filter(Boolean)
    .reduce<string[]>((paths, part) => {
      if (!part.includes('*')) return paths.map((path) => join(path, part)).filter((path) => existsSync(path));
      const name = new RegExp(`^${part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
      return paths.flatMap((path) => (statSync(path).isDirectory() ? readdirSync(path).filter((n) => name.test(n)).map((n) => join(path, n)) : []));
    }, [ROOT]);
  return found.length > 0;
}

/** Paths git ignores (build output, local results) are named in the docs without existing in a clone. */
function ignoredByGit(path: string): boolean {
  const ignored = readFileSync(join(ROOT, '.gitignore'), 'utf8').split('\n').filter((line) => line.includes('/') && !line.startsWith('#'));
  return ignored.some((pattern) => path.startsWith(pattern.replace(/^\//, '')));
}

describe('links in the documentation', () => {
  it.each(documents())('%s: every link and every path leads to something that exists', (document) => {
    expect(brokenLinks(document)).toEqual([]);
  });
});
