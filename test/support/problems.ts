import { HttpResult } from './http-client';
import { nonConformingAnswers } from './openapi-conformance';
import { RecordedResponse } from './shop-api';

/** Things that must never reach a client: stack frames, SQL, driver and runtime internals. */
const INTERNALS: Array<[string, RegExp]> = [
  ['a stack frame', /\bat\s+\S+\s+\(/],
  ['a source location', /\.(?:ts|js):\d+(?::\d+)?/],
  ['a module path', /node_modules|\/src\//],
  ['SQL', /\b(?:SELECT|INSERT|UPDATE|DELETE FROM|WHERE)\b/],
  ['a driver error', /QueryFailedError|EntityNotFound|duplicate key value|violates|relation "|syntax error at/i],
  ['a runtime error', /TypeError|ReferenceError|Cannot read propert|undefined is not|is not a function/],
];

/** How an error's `code` is spelled: UPPER_SNAKE, stable across releases. */
const STABLE_CODE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;

/** Fails if `body` carries a stack trace, SQL or another internal detail. */
export function expectNoInternals(body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? '');
  for (const [what, pattern] of INTERNALS) {
    if (pattern.test(text)) throw new Error(`the answer leaks ${what}: ${text}`);
  }
}

/**
 * An RFC 9457 problem: the status, `application/problem+json`, and `{ type, title, status, detail }`
 * (with `errors` mapping field paths to messages when there is one), and nothing internal in it.
 */
export function expectProblem(response: HttpResult, status: number): void {
  if (response.status !== status) {
    throw new Error(`expected a ${status} problem, got HTTP ${response.status}: ${JSON.stringify(response.body)}`);
  }
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json\b/);
  expect(response.body).toEqual(
    expect.objectContaining({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String), code: expect.stringMatching(STABLE_CODE) }),
  );
  expect(response.body.type.length).toBeGreaterThan(0);
  expect(response.body.title.length).toBeGreaterThan(0);
  if (response.body.errors !== undefined) expectErrorsMap(response.body.errors);
  expectNoInternals(response.body);
}

/** A 400 problem whose `errors` names each of `fields` (exactly, or as the parent of a nested path). */
export function expectValidationProblem(response: HttpResult, ...fields: string[]): void {
  expectProblem(response, 400);
  expect(response.body.errors).toBeDefined();
  const named = Object.keys(response.body.errors);
  for (const field of fields) {
    if (!named.some((path) => path === field || path.startsWith(`${field}.`))) {
      throw new Error(`expected errors for "${field}", got ${JSON.stringify(response.body.errors)}`);
    }
  }
}

function expectErrorsMap(errors: unknown): void {
  expect(typeof errors).toBe('object');
  expect(errors).not.toBeNull();
  for (const [path, messages] of Object.entries(errors as Record<string, unknown>)) {
    expect(path.length).toBeGreaterThan(0);
    expect(Array.isArray(messages)).toBe(true);
    for (const message of messages as unknown[]) expect(typeof message).toBe('string');
  }
}

/**
 * What every answer of a suite must satisfy: no 5xx, every error a problem document without internals,
 * every success plain JSON (or empty), and every answer as the OpenAPI document describes it.
 */
export async function expectWellBehavedAnswers(responses: RecordedResponse[]): Promise<void> {
  expect(responses.length).toBeGreaterThan(0);
  const serverErrors = responses.filter((r) => r.status >= 500);
  if (serverErrors.length > 0) {
    throw new Error(`the shop answered with a server error:\n${serverErrors.map((r) => `${r.method} ${r.url} -> ${r.status} ${JSON.stringify(r.body)}`).join('\n')}`);
  }
  for (const response of responses) {
    if (response.status >= 400) {
      if (!response.contentType?.startsWith('application/problem+json')) {
        throw new Error(`${response.method} ${response.url} -> ${response.status} is not application/problem+json but ${response.contentType}`);
      }
      const code = (response.body as { code?: unknown } | undefined)?.code;
      if (typeof code !== 'string' || !STABLE_CODE.test(code)) {
        throw new Error(`${response.method} ${response.url} -> ${response.status} has no stable error code: ${JSON.stringify(response.body)}`);
      }
      expectNoInternals(response.body);
    } else if (response.body !== undefined && !response.contentType?.startsWith('application/json')) {
      throw new Error(`${response.method} ${response.url} -> ${response.status} is not application/json but ${response.contentType}`);
    }
  }
  const undocumented = await nonConformingAnswers(responses);
  if (undocumented.length > 0) throw new Error(`answers that the OpenAPI document does not describe:\n${undocumented.join('\n')}`);
}
