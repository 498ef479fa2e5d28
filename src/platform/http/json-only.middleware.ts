import { NextFunction, Request, Response } from 'express';
import { ProblemDetailsFilter } from './problem-details.filter';
import { HttpException, HttpStatus } from '@nestjs/common';

/**
 * The API speaks JSON only. A body of another type is refused with 415 rather than silently ignored
 * (a form-encoded PATCH would otherwise apply, or do nothing, depending on the parser).
 */
export function jsonOnly(request: Request, response: Response, next: NextFunction): void {
  const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
  if (!hasBody || request.is('application/json') || request.is('application/*+json')) return next();
  new ProblemDetailsFilter().respond(
    new HttpException('Send the request body as application/json.', HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    response,
  );
}
