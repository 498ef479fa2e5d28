/**
 * How an expected block is compared with what its run block printed (docs/README.md, "Docs that run"):
 * line for line, trailing spaces and blank lines at either end ignored, every character literal except
 * - `…`: any text within the line (also none);
 * - a line that is only `…`: any number of lines (also none);
 * - `<uuid>`: a UUID; `<time>`: an ISO 8601 timestamp; `<n>`: a number.
 */
const PLACEHOLDERS: Record<string, string> = {
  '…': '.*?',
  '<uuid>': '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
  '<time>': '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:\\d{2})',
  '<n>': '-?\\d+(?:\\.\\d+)?(?:e[+-]?\\d+)?',
};
const PLACEHOLDER = /…|<uuid>|<time>|<n>/g;
const ANY_LINES = '…';

type Pattern = RegExp | typeof ANY_LINES;

/** Undefined when `actual` is what `expected` describes; else where they part, for a failure message. */
export function compareOutput(expected: string, actual: string): string | undefined {
  const patterns = lines(expected).map(toPattern);
  const output = lines(actual);
  if (matchFrom(patterns, 0, output, 0)) return undefined;
  const [p, o] = firstDifference(patterns, output);
  const wanted = p < patterns.length ? lines(expected)[p] : '(nothing more)';
  const got = o < output.length ? output[o] : '(nothing more)';
  return [
    `first difference: expected line ${p + 1} of the block, output line ${o + 1}`,
    `- ${wanted}`,
    `+ ${got}`,
    '',
    'expected:',
    ...lines(expected).map((line) => `  ${line}`),
    'output:',
    ...output.map((line) => `  ${line}`),
  ].join('\n');
}

function lines(text: string): string[] {
  const all = text.split('\n').map((line) => line.trimEnd());
  while (all.length && all[0] === '') all.shift();
  while (all.length && all[all.length - 1] === '') all.pop();
  return all;
}

function toPattern(line: string): Pattern {
  if (line.trim() === ANY_LINES) return ANY_LINES;
  let source = '';
  let last = 0;
  for (const match of line.matchAll(PLACEHOLDER)) {
    source += escape(line.slice(last, match.index)) + PLACEHOLDERS[match[0]];
    last = match.index + match[0].length;
  }
  return new RegExp(`^${source}${escape(line.slice(last))}$`);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function matchFrom(patterns: Pattern[], p: number, output: string[], o: number): boolean {
  if (p === patterns.length) return o === output.length;
  const pattern = patterns[p];
  if (pattern === ANY_LINES) {
    for (let skip = o; skip <= output.length; skip++) if (matchFrom(patterns, p + 1, output, skip)) return true;
    return false;
  }
  return o < output.length && pattern.test(output[o]) && matchFrom(patterns, p + 1, output, o + 1);
}

/** The first expected line (and output line) where a plain walk, skipping `…` lines lazily, gets stuck. */
function firstDifference(patterns: Pattern[], output: string[]): [number, number] {
  let o = 0;
  for (let p = 0; p < patterns.length; p++) {
    const pattern = patterns[p];
    if (pattern === ANY_LINES) {
      const next = patterns[p + 1];
      if (next === undefined) return [patterns.length, output.length];
      while (o < output.length && !(next !== ANY_LINES && next.test(output[o]))) o++;
      continue;
    }
    if (o >= output.length || !pattern.test(output[o])) return [p, o];
    o++;
  }
  return [patterns.length, o];
}
