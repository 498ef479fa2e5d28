import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { ResponseObject } from '@nestjs/swagger';
import { Problem } from './problem.schema';

/** The error codes a route may answer with, by HTTP status, e.g. `{ 404: ['CUSTOMER_NOT_FOUND'] }`. */
export type ProblemCodes = Partial<Record<number, readonly string[]>>;

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is not valid (`errors` names each field when there are fields to name)',
  401: 'No valid Bearer token',
  403: 'The token does not reach this resource (a customer token reaches only its own customer)',
  404: 'Not found',
  409: 'Conflicts with the current state',
  413: 'The body is larger than 100 kB',
  415: 'The body is not application/json',
  422: 'Well formed, but cannot be done',
  429: 'Too many requests from this client: retry after Retry-After seconds',
  503: 'Unavailable for a moment: retry after Retry-After seconds (a write with the same Idempotency-Key)',
};

/** The statuses whose answers say when to come back. */
const RETRY_AFTER_STATUSES = new Set([429, 503]);

/**
 * The OpenAPI response of a problem+json answer with `status` and one of `codes`. Used by the decorator
 * below and by the document builder, which adds the answers every route shares (see common-problems.ts).
 */
export function problemResponse(status: number, codes: readonly string[]): ResponseObject {
  const codeList = codes.map((code) => `\`${code}\``).join(', ');
  return {
    description: `${DESCRIPTIONS[status] ?? 'Error'}: ${codeList}`,
    ...(RETRY_AFTER_STATUSES.has(status)
      ? { headers: { 'Retry-After': { description: 'Seconds to wait before retrying', required: true, schema: { type: 'integer', minimum: 0 } } } }
      : {}),
    content: {
      [PROBLEM_MEDIA_TYPE]: {
        schema: { allOf: [{ $ref: getSchemaPath(Problem) }, { type: 'object', properties: { code: { type: 'string', enum: [...codes] } } }] },
      },
    },
  };
}

/**
 * Documents a route's own error answers, e.g. `@ApiProblems({ 404: [CustomersErrors.NOT_FOUND] })`. The
 * answers every route shares (400 VALIDATION_FAILED, 401, 403, 429, 503...) are added to every operation
 * by the document builder: list here only what this route adds.
 */
export function ApiProblems(codes: ProblemCodes): MethodDecorator {
  const responses = Object.entries(codes).map(([status, list]) =>
    ApiResponse({ status: Number(status), ...problemResponse(Number(status), list ?? []) } as Parameters<typeof ApiResponse>[0]),
  );
  return applyDecorators(ApiExtraModels(Problem), ...responses);
}
