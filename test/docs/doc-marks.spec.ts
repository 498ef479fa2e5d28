// How the docs runner reads a document's marks and compares an expected block with what was printed: the
// rules docs/README.md ("Docs that run") promises, on small documents written here.
import { compareOutput } from './expected-output';
import { parseSteps } from './markdown-steps';

describe('expected output', () => {
  it('matches line for line, ignoring trailing spaces and blank lines at either end', () => {
    expect(compareOutput('a\nb\n', '\na  \nb\n\n')).toBeUndefined();
    expect(compareOutput('a\nb', 'a\nb\nc')).toContain('expected line 3 of the block, output line 3');
  });

  it('takes <uuid>, <time>, <n> and … for what differs from run to run, and nothing else', () => {
    const expected = '{"id":"<uuid>","at":"<time>","ms":<n>,…}';
    expect(compareOutput(expected, '{"id":"0b7c3c7e-4a8b-4d0c-9a55-2f0e5a4c2d11","at":"2026-11-30T14:17:41.485Z","ms":16.1,"x":1}')).toBeUndefined();
    expect(compareOutput(expected, '{"id":"undefined","at":"2026-11-30T14:17:41.485Z","ms":16.1}')).toContain('- {"id":"<uuid>"');
    expect(compareOutput('status (PENDING)', 'status xPENDINGx')).toBeDefined();
  });

  it('takes a line of only … for any number of lines', () => {
    expect(compareOutput('first\n…\nlast', 'first\nlast')).toBeUndefined();
    expect(compareOutput('first\n…\nlast', 'first\n1\n2\nlast')).toBeUndefined();
    expect(compareOutput('first\n…\nlast', 'first\n1\n2')).toContain('- last');
  });
});

describe('marks in a document', () => {
  const fence = '```';

  it('runs blocks marked run, pairs each with the expected block after it, starts servers in their terminals', () => {
    const document = [
      `${fence}bash server`,
      'npm start            # terminal 1',
      'MODULES=payments HTTP_PORT=${PAYMENTS_PORT:-3001} node dist/main.js   # terminal 2: payments',
      fence,
      'Some prose.',
      `${fence}bash run`,
      'echo hi',
      fence,
      'What it prints:',
      `${fence}text expected`,
      'hi',
      fence,
      `${fence}bash`,
      'npm run bench',
      fence,
      '<!-- doc-test: ctrl-c terminal 2 -->',
    ].join('\n');
    expect(parseSteps(document, 'doc.md')).toEqual([
      {
        kind: 'server',
        line: 1,
        processes: [
          { line: 2, terminal: 'terminal 1', command: 'npm start' },
          { line: 3, terminal: 'terminal 2', command: 'MODULES=payments HTTP_PORT=${PAYMENTS_PORT:-3001} node dist/main.js' },
        ],
      },
      { kind: 'run', line: 6, code: 'echo hi', expected: { line: 10, text: 'hi' } },
      { kind: 'ctrl-c', line: 16, terminal: 'terminal 2' },
    ]);
  });

  it('refuses an expected block that does not follow a run block', () => {
    const document = [`${fence}bash run`, 'echo hi', fence, `${fence}bash`, 'ls', fence, `${fence}text expected`, 'hi', fence].join('\n');
    expect(() => parseSteps(document, 'doc.md')).toThrow('doc.md:7: an expected block must follow a block marked run');
  });
});
