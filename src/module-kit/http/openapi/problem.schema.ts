import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ProblemDetails } from '../../../platform/http/problem-details.filter';

/** How a problem's `code` is spelled: UPPER_SNAKE, stable across releases. */
export const STABLE_CODE_PATTERN = '^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$';

/** The OpenAPI schema of every error answer (RFC 9457), as ProblemDetailsFilter writes it. */
export class Problem implements ProblemDetails {
  @ApiProperty({ description: 'A URI naming the kind of problem', example: 'https://httpstatuses.io/404' })
  type!: string;

  @ApiProperty({ description: 'The HTTP reason phrase of the status', example: 'Not Found' })
  title!: string;

  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599, example: 404 })
  status!: number;

  @ApiProperty({ description: 'What went wrong, for a person to read', example: 'Customer 0b9c7a43-25f2-4f3a-9a6e-0f1b2c3d4e5f does not exist.' })
  detail!: string;

  @ApiProperty({ description: 'A stable name of the failure, for programs to act on', pattern: STABLE_CODE_PATTERN, example: 'CUSTOMER_NOT_FOUND' })
  code!: string;

  @ApiPropertyOptional({
    description: 'For a validation failure: each field path and its messages',
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    example: { email: ['email must be an email address'] },
  })
  errors?: Record<string, string[]>;
}
