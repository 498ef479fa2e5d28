import { readFileSync } from 'node:fs';

/**
 * What a document asks its reader to do, in order, read from its marks (docs/README.md, "Docs that run"):
 * - a fenced block whose info string has the word `run` (```` ```bash run ````): commands typed in the
 *   reader's shell, all blocks of a document in one shell, so variables and functions carry over;
 * - a fenced block with `expected` right after one of those: what that block prints;
 * - a fenced block with `server`: each line starts the app in a terminal of its own (`# terminal 2` in
 *   the line's comment says which; terminal 1 when none is named), where it keeps running;
 * - `<!-- doc-test: ctrl-c terminal 2 -->`: the reader presses Ctrl+C in that terminal.
 * Blocks without a mark are shown, not run (installing, building, the benchmark, another transport).
 */
export type Step = RunStep | ServerStep | CtrlCStep;

export interface RunStep {
  kind: 'run';
  /** 1-based line of the opening fence, for messages. */
  line: number;
  code: string;
  expected?: { line: number; text: string };
}

export interface ServerStep {
  kind: 'server';
  line: number;
  processes: ServerLine[];
}

export interface ServerLine {
  line: number;
  terminal: string;
  /** The command as the reader types it, without its comment. */
  command: string;
}

export interface CtrlCStep {
  kind: 'ctrl-c';
  line: number;
  terminal: string;
}

const FENCE = /^(\s*)(`{3,})(.*)$/;
const CTRL_C = /^<!--\s*doc-test:\s*ctrl-c\s+(terminal\s+\d+)\s*-->\s*$/;

export function readSteps(path: string): Step[] {
  return parseSteps(readFileSync(path, 'utf8'), path);
}

export function parseSteps(markdown: string, source: string): Step[] {
  const lines = markdown.split('\n');
  const steps: Step[] = [];
  // The last fenced block seen, whatever it was: an expected block must come right after its run block.
  let previousBlock: Step | 'other' | undefined;
  for (let i = 0; i < lines.length; i++) {
    const ctrlC = CTRL_C.exec(lines[i]);
    if (ctrlC) {
      steps.push({ kind: 'ctrl-c', line: i + 1, terminal: ctrlC[1].replace(/\s+/, ' ') });
      continue;
    }
    const fence = FENCE.exec(lines[i]);
    if (!fence) continue;
    const opening = i;
    const body: string[] = [];
    for (i++; i < lines.length && !isClosing(lines[i], fence[2]); i++) body.push(lines[i]);
    const flags = fence[3].trim().split(/\s+/).slice(1);
    const code = body.join('\n');
    const where = `${source}:${opening + 1}`;
    if (flags.includes('run')) {
      previousBlock = { kind: 'run', line: opening + 1, code };
      steps.push(previousBlock);
    } else if (flags.includes('expected')) {
      if (typeof previousBlock !== 'object' || previousBlock.kind !== 'run' || previousBlock.expected) {
        throw new Error(`${where}: an expected block must follow a block marked run`);
      }
      previousBlock.expected = { line: opening + 1, text: code };
      previousBlock = 'other';
    } else if (flags.includes('server')) {
      previousBlock = { kind: 'server', line: opening + 1, processes: serverLines(body, opening + 2, source) };
      steps.push(previousBlock);
    } else {
      previousBlock = 'other';
    }
  }
  return steps;
}

function isClosing(line: string, ticks: string): boolean {
  const trimmed = line.trim();
  return trimmed.startsWith(ticks) && /^`+$/.test(trimmed);
}

function serverLines(body: string[], firstLine: number, source: string): ServerLine[] {
  const processes: ServerLine[] = [];
  body.forEach((text, index) => {
    if (!text.trim() || text.trim().startsWith('#')) return;
    const [command, comment = ''] = text.split(/\s+#\s?/, 2);
    const terminal = /terminal\s+(\d+)/.exec(comment);
    processes.push({ line: firstLine + index, terminal: `terminal ${terminal ? terminal[1] : 1}`, command: command.trim() });
  });
  if (processes.length === 0) throw new Error(`${source}:${firstLine - 1}: a server block starts nothing`);
  return processes;
}
