import { OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject, ParameterObject, ResponseObject } from '@nestjs/swagger';
import { PROBLEM_MEDIA_TYPE, problemResponse, ProblemCodes } from '../../../module-kit/http/openapi/api-problems.decorator';
import { operationsOf } from './operations';

/**
 * Adds to every operation the error answers that do not depend on the route but on what it is: any API
 * route may fail validation, be rate limited or find a module or database unavailable; a route that needs
 * a token may answer 401 and 403; one that takes a body, 413 and 415; one that takes an Idempotency-Key,
 * 422 when the key was used for another request. So a route added later is described as completely as the
 * others without repeating them; codes a route lists itself (@ApiProblems) are merged with these.
 */
export function addCommonProblems(document: OpenAPIObject): void {
  for (const { path, operation } of operationsOf(document)) {
    const codes: Record<number, string[]> = {};
    const add = (status: number, ...more: string[]): void => {
      codes[status] = [...(codes[status] ?? []), ...more];
    };
    if (path.startsWith('/api/')) {
      add(400, 'VALIDATION_FAILED');
      if (hasParameter(operation, 'query', 'cursor')) add(400, 'INVALID_CURSOR');
      if (!isPublic(operation)) {
        add(401, 'UNAUTHENTICATED');
        add(403, 'FORBIDDEN');
      }
      if (operation.requestBody) {
        add(413, 'PAYLOAD_TOO_LARGE');
        add(415, 'UNSUPPORTED_MEDIA_TYPE');
      }
      if (hasParameter(operation, 'header', 'Idempotency-Key')) add(422, 'IDEMPOTENCY_KEY_REUSED');
      add(429, 'RATE_LIMITED');
      add(503, 'MODULE_UNAVAILABLE', 'DATABASE_UNAVAILABLE', 'OVERLOADED');
    }
    // While the process starts, every route but the two probes (which answer in their own format) is a 503.
    if (path !== '/health/live' && path !== '/health/ready') add(503, 'STARTING');
    mergeProblems(operation, codes);
  }
}

function isPublic(operation: OperationObject): boolean {
  return Array.isArray(operation.security) && operation.security.length === 0;
}

function hasParameter(operation: OperationObject, where: string, name: string): boolean {
  return (operation.parameters ?? []).some((p) => 'in' in p && (p as ParameterObject).in === where && (p as ParameterObject).name.toLowerCase() === name.toLowerCase());
}

/** Adds each status's codes, merged with the codes of a problem answer the route already documents. */
function mergeProblems(operation: OperationObject, codes: ProblemCodes): void {
  for (const [status, list] of Object.entries(codes)) {
    const existing = operation.responses[status] as ResponseObject | undefined;
    // An answer in another format (the readiness report's 503) is the route's own: it stays.
    if (existing && !existing.content?.[PROBLEM_MEDIA_TYPE]) continue;
    const merged = [...new Set([...(existing ? codesOf(existing) : []), ...(list ?? [])])];
    operation.responses[status] = problemResponse(Number(status), merged);
  }
  operation.responses = Object.fromEntries(Object.entries(operation.responses).sort(([a], [b]) => a.localeCompare(b)));
}

function codesOf(response: ResponseObject): string[] {
  const schema = response.content?.[PROBLEM_MEDIA_TYPE]?.schema as { allOf?: Array<{ properties?: { code?: { enum?: string[] } } }> } | undefined;
  return schema?.allOf?.flatMap((part) => part.properties?.code?.enum ?? []) ?? [];
}
