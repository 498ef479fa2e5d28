// README.md and docs/tutorial.md, run the way a learner follows them on a fresh clone: the README first, then
// the tutorial, on one data folder, every block marked `run` in a bash shell, every `server` line as a real
// `node dist/main.js` in the background, each expected output checked (docs/README.md, "Docs that run").
// Other ports and a fresh data folder come in through the variables the documents read with a default.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { freePort } from '../support/free-port';
import { isOpen } from '../support/brokers';
import { DocSession } from './doc-session';
import { compareOutput } from './expected-output';
import { readSteps } from './markdown-steps';

const ROOT = resolve(__dirname, '../..');
/** In the order a learner reads them, on one clone: a flow of one must not trip over what the other left. */
const DOCUMENTS = ['README.md', 'docs/tutorial.md'];
/** The longest a block may take: the slowest waits for the outbox relay's next try after an outage. */
const BLOCK_TIMEOUT_MS = 120_000;

describe('docs that run', () => {
  let workDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist/main.js'))) throw new Error('dist/main.js is missing: `npm run test:docs` builds first');
    workDir = mkdtempSync(join(tmpdir(), 'shop-docs-'));
    env = await documentEnvironment(workDir);
  });

  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  for (const document of DOCUMENTS) {
    it(`${document}: every block marked run gives its expected output`, () => runDocument(document, workDir, env), 10 * 60_000);
  }

  it.each(DOCUMENTS)('%s: json_id prints the id, and fails loudly on an answer without one', (document) => {
    const definition = /^json_id\(\) \{.*\n(?:.*\n)*?\}$/m.exec(readFileSync(join(ROOT, document), 'utf8'))?.[0];
    expect(definition).toBeDefined();
    const jsonId = (answer: string) => spawnSync('bash', ['-c', `${definition}\njson_id`], { input: answer, encoding: 'utf8', env: { PATH: env.PATH } });
    const taken = '{"status":409,"code":"CUSTOMER_EMAIL_TAKEN"}';
    expect(jsonId('{"id":"4b0c…"}')).toMatchObject({ status: 0, stdout: '4b0c…\n' });
    expect(jsonId(taken)).toMatchObject({ status: 1, stdout: '', stderr: expect.stringContaining(taken) });
    expect(jsonId('')).toMatchObject({ status: 1, stdout: '' });
  });
});

async function runDocument(document: string, workDir: string, env: Record<string, string>): Promise<void> {
  const steps = readSteps(join(ROOT, document));
  const scratch = join(workDir, document.replace(/\W+/g, '-'));
  mkdirSync(scratch);
  const session = new DocSession(ROOT, scratch, env);
  try {
    for (const step of steps) {
      const where = `${document}:${step.line}`;
      if (step.kind === 'server') {
        for (const line of step.processes) session.startServer(line);
        continue;
      }
      if (step.kind === 'ctrl-c') {
        await session.ctrlC(step.terminal).catch((error: Error) => fail(`${where}: ${error.message}`, session));
        continue;
      }
      const gone = session.unexpectedExit();
      if (gone) fail(`${where}: before this block, ${gone}`, session);
      const result = await session.run(step, BLOCK_TIMEOUT_MS);
      if (result.timedOut) fail(`${where}: the block did not finish within ${BLOCK_TIMEOUT_MS / 1000} s; it printed:\n${result.output}`, session);
      if (result.status !== 0) fail(`${where}: the block failed (exit status ${result.status}); it printed:\n${result.output}`, session);
      const difference = step.expected && compareOutput(step.expected.text, result.output);
      if (difference) fail(`${where}: the output is not the expected block at ${document}:${step.expected!.line}\n${difference}`, session);
    }
  } finally {
    await session.close();
  }
}

function fail(message: string, session: DocSession): never {
  throw new Error(`${message}\n\nthe terminals:\n${session.report() || '(none started)'}`);
}

/**
 * The environment of the shell and of every server: the variables the documents read with a default, set to
 * free ports and a fresh data folder; a broker namespace of its own; none of the app's other settings from
 * the environment the test runs in (a DATABASE_URL, say), since a reader on a fresh clone has none of them.
 */
async function documentEnvironment(workDir: string): Promise<Record<string, string>> {
  const brokerUrl = new URL(process.env.BROKER_URL ?? 'nats://127.0.0.1:4222');
  if (!(await isOpen(Number(brokerUrl.port || 4222), brokerUrl.hostname))) {
    throw new Error(`the tutorial needs NATS at ${brokerUrl.host} (parts 3 to 5): start nats-server, or set BROKER_URL`);
  }
  const inherited = ['HOME', 'LANG', 'LC_ALL', 'TMPDIR', 'USER', 'BROKER_URL'];
  return {
    ...Object.fromEntries(inherited.filter((key) => process.env[key] !== undefined).map((key) => [key, process.env[key]!])),
    // The node that runs this test (Node.js 24) first, for `node` in the blocks and the servers.
    PATH: `${dirname(process.execPath)}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    HTTP_PORT: String(await freePort()),
    PAYMENTS_PORT: String(await freePort()),
    DATA_DIR: join(workDir, 'data'),
    TRANSPORT_NAMESPACE: `docs-${randomUUID().slice(0, 8)}`,
    CUSTOMERS_TCP: `127.0.0.1:${await freePort()}`,
    ORDERS_TCP: `127.0.0.1:${await freePort()}`,
    PAYMENTS_TCP: `127.0.0.1:${await freePort()}`,
  };
}
